package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;

/**
 * Hessian eigenvalues at the minima, ascending within a realization. negative_modes counts
 * eigenvalues below 0; trace_residual and frobenius_residual are the self-check of the
 * decomposition: |sum lambda - tr M| / (N max|lambda|) and |sum lambda^2 - ||M||_F^2| / ||M||_F^2.
 */
public record SpectraFile(StudyPoint point, long seed, long[] realization, byte[] converged,
                          double[][] eigenvalues, int[] negativeModes, double[] traceResidual,
                          double[] frobeniusResidual, String solver) {

    public static final String KIND = "spectra";

    public void write(Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putAttribute("solver", solver);
            f.putDataset("realization", realization);
            f.putDataset("converged", converged);
            f.putDataset("eigenvalues", eigenvalues, H5.rows(point.N()));
            f.putDataset("negative_modes", negativeModes);
            f.putDataset("trace_residual", traceResidual);
            f.putDataset("frobenius_residual", frobeniusResidual);
            H5.putProvenance(f, provenance, point, seed, Checks.ranges(realization));
        });
    }

    public static SpectraFile read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            long[] realization = H5.dataset(f, path, "realization", long[].class);
            int r = realization.length;
            byte[] converged = H5.dataset(f, path, "converged", byte[].class);
            double[][] eigenvalues = H5.dataset(f, path, "eigenvalues", double[][].class);
            int[] negative = H5.dataset(f, path, "negative_modes", int[].class);
            double[] trace = H5.dataset(f, path, "trace_residual", double[].class);
            double[] frobenius = H5.dataset(f, path, "frobenius_residual", double[].class);
            Checks.length(path, "converged", converged.length, r);
            Checks.rows(path, "eigenvalues", eigenvalues, r, point.N());
            Checks.length(path, "negative_modes", negative.length, r);
            Checks.length(path, "trace_residual", trace.length, r);
            Checks.length(path, "frobenius_residual", frobenius.length, r);
            return new SpectraFile(point, H5.seed(f, path), realization, converged, eigenvalues, negative, trace,
                    frobenius, H5.string(f, path, "solver"));
        }
    }
}
