package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;

/**
 * Local minima of H reached by conjugate gradient from x = 0, one row per realization, with
 * what defines the disorder (kappa, realization_seed) so that later stages need only this file.
 * converged[r] = 1 if max|grad H| <= tolerance was reached. preconditionBelow is the minimizer's
 * switch to its preconditioned tail (a fraction of the starting max|grad H|; 0 = plain CG; NaN in
 * files written before it was recorded).
 */
public record MinimaFile(StudyPoint point, long seed, long[] realization, long[] realizationSeed,
                         double[][] kappa, double[][] x, byte[] converged, double[] maxGradient,
                         int[] iterations, double[] energy, double tolerance, int maxIterations,
                         double preconditionBelow) {

    public static final String KIND = "minima";

    public void write(Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putAttribute("tolerance", tolerance);
            f.putAttribute("max_iterations", maxIterations);
            f.putAttribute("precondition_below", preconditionBelow);
            f.putDataset("realization", realization);
            f.putDataset("realization_seed", realizationSeed);
            f.putDataset("kappa", kappa, H5.rows(point.N()));
            f.putDataset("x", x, H5.rows(point.N()));
            f.putDataset("converged", converged);
            f.putDataset("max_grad", maxGradient);
            f.putDataset("iterations", iterations);
            f.putDataset("energy", energy);
            H5.putProvenance(f, provenance, point, seed, Checks.ranges(realization));
        });
    }

    public static MinimaFile read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            long[] realization = H5.dataset(f, path, "realization", long[].class);
            int r = realization.length;
            long[] seeds = H5.dataset(f, path, "realization_seed", long[].class);
            double[][] kappa = H5.dataset(f, path, "kappa", double[][].class);
            double[][] x = H5.dataset(f, path, "x", double[][].class);
            byte[] converged = H5.dataset(f, path, "converged", byte[].class);
            double[] maxGradient = H5.dataset(f, path, "max_grad", double[].class);
            int[] iterations = H5.dataset(f, path, "iterations", int[].class);
            double[] energy = H5.dataset(f, path, "energy", double[].class);
            Checks.length(path, "realization_seed", seeds.length, r);
            Checks.rows(path, "kappa", kappa, r, point.N());
            Checks.kappa(path, kappa, point.kappa0());
            Checks.rows(path, "x", x, r, point.N());
            Checks.length(path, "converged", converged.length, r);
            Checks.length(path, "max_grad", maxGradient.length, r);
            Checks.length(path, "iterations", iterations.length, r);
            Checks.length(path, "energy", energy.length, r);
            return new MinimaFile(point, H5.seed(f, path), realization, seeds, kappa, x, converged, maxGradient,
                    iterations, energy, H5.number(f, path, "tolerance"), (int) H5.number(f, path, "max_iterations"),
                    H5.number(f, path, "precondition_below", Double.NaN));
        }
    }
}
