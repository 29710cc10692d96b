package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.SpectraChunk;

/**
 * The spectra file of a chunk ({@link SpectraChunk}): all N eigenvalues per realization or the K
 * lowest with their mode structure; the root attribute {@code modes} says which: "all N" or
 * "lowest K of N".
 */
public final class SpectraFile {

    private SpectraFile() {
    }

    public static final String KIND = "spectra";

    public static void write(SpectraChunk v, Path target, Provenance provenance) throws IOException {
        int held = v.modesHeld();
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, v.point(), v.seed());
            f.putAttribute("solver", v.solver());
            f.putAttribute("spectrum", v.modes() == null ? "full" : "lowest");
            f.putAttribute("modes", v.modesDescription());
            f.putAttribute("modes_held", held);
            f.putDataset("realization", v.realization());
            f.putDataset("converged", v.converged());
            f.putDataset("eigenvalues", v.eigenvalues(), H5.rows(held));
            f.putDataset("negative_modes", v.negativeModes());
            f.putDataset("trace_residual", v.traceResidual());
            f.putDataset("frobenius_residual", v.frobeniusResidual());
            if (v.modes() != null) {
                f.putDataset("full_spectrum", v.modes().fullSpectrum());
                f.putDataset("eigen_residual", v.modes().residual());
                f.putDataset("participation_ratio", v.modes().participationRatio(), H5.rows(held));
                f.putDataset("largest_weight_oscillator", v.modes().oscillator());
                f.putDataset("largest_weight", v.modes().weight(), H5.rows(held));
                f.putDataset("largest_weight_kappa", v.modes().kappa(), H5.rows(held));
                f.putDataset("largest_weight_x", v.modes().x(), H5.rows(held));
                f.putDataset("largest_weight_local_field", v.modes().localField(), H5.rows(held));
                if (v.modes().vectors() != null) {
                    f.putDataset("vectors", v.modes().vectors());
                }
            }
            SpectraChunk.Anatomy a = v.anatomy();
            if (a != null) {
                f.putDataset("carrier_class", a.carrierClass(), H5.rows(held));
                f.putDataset("carrier_a", a.carrierA(), H5.rows(held));
                f.putDataset("carrier_cavity_field", a.carrierField(), H5.rows(held));
                f.putDataset("carrier_spinodal_distance", a.carrierSpinodalDistance(), H5.rows(held));
                f.putDataset("class_counts", a.classCounts());
            }
            H5.putProvenance(f, provenance, v.point(), v.seed(), Checks.ranges(v.realization()));
        });
    }

    public static SpectraChunk read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            long[] realization = H5.dataset(f, path, "realization", long[].class);
            int r = realization.length;
            boolean lowest = H5.hasAttribute(f, path, "spectrum")
                    && "lowest".equals(H5.string(f, path, "spectrum"));
            int held = lowest ? (int) H5.number(f, path, "modes_held") : point.N();
            if (held < 1 || held > point.N()) {
                throw new BadInputException("attribute 'modes_held' of " + path + " is " + held + ", expected 1..N = "
                        + point.N());
            }
            byte[] converged = H5.dataset(f, path, "converged", byte[].class);
            double[][] eigenvalues = H5.dataset(f, path, "eigenvalues", double[][].class);
            int[] negative = H5.dataset(f, path, "negative_modes", int[].class);
            double[] trace = H5.dataset(f, path, "trace_residual", double[].class);
            double[] frobenius = H5.dataset(f, path, "frobenius_residual", double[].class);
            Checks.length(path, "converged", converged.length, r);
            Checks.rows(path, "eigenvalues", eigenvalues, r, held);
            Checks.length(path, "negative_modes", negative.length, r);
            Checks.length(path, "trace_residual", trace.length, r);
            Checks.length(path, "frobenius_residual", frobenius.length, r);
            SpectraChunk.Modes modes = null;
            if (lowest) {
                byte[] full = H5.dataset(f, path, "full_spectrum", byte[].class);
                double[] residual = H5.dataset(f, path, "eigen_residual", double[].class);
                double[][] pr = H5.dataset(f, path, "participation_ratio", double[][].class);
                Checks.length(path, "full_spectrum", full.length, r);
                Checks.length(path, "eigen_residual", residual.length, r);
                Checks.rows(path, "participation_ratio", pr, r, held);
                // the per-mode oscillator data are for scripts: read on demand with h5py, not here
                modes = new SpectraChunk.Modes(held, full, residual, pr, null, null, null, null, null, null);
            }
            // files written before the anatomy existed have none
            SpectraChunk.Anatomy anatomy = null;
            if (H5.hasChild(f, path, "carrier_class")) {
                int[][] carrierClass = H5.dataset(f, path, "carrier_class", int[][].class);
                double[][] carrierD = H5.dataset(f, path, "carrier_spinodal_distance", double[][].class);
                int[][] counts = H5.dataset(f, path, "class_counts", int[][].class);
                Checks.shape(path, "carrier_class", carrierClass, r, held);
                Checks.shape(path, "carrier_spinodal_distance", carrierD, r, held);
                Checks.shape(path, "class_counts", counts, r, org.khgps.core.Cavity.CLASSES);
                anatomy = new SpectraChunk.Anatomy(carrierClass, H5.dataset(f, path, "carrier_a", double[][].class),
                        H5.dataset(f, path, "carrier_cavity_field", double[][].class), carrierD, counts);
            }
            return new SpectraChunk(point, H5.seed(f, path), realization, converged, eigenvalues, negative, trace,
                    frobenius, H5.string(f, path, "solver"), modes, anatomy);
        }
    }
}
