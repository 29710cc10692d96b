package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;

/**
 * Hessian eigenvalues at the minima, ascending within a realization: all N of them (spectrum
 * "full") or the K lowest (spectrum "lowest", with what their eigenvectors say: {@link Modes}).
 * The root attribute {@code modes} says which: "all N" or "lowest K of N".
 * negative_modes counts eigenvalues below 0; trace_residual and frobenius_residual are the
 * self-check of a full decomposition: |sum lambda - tr M| / (N max|lambda|) and
 * |sum lambda^2 - ||M||_F^2| / ||M||_F^2 (NaN for lowest-K rows, which cannot have it).
 *
 * @param modes null for a full spectrum
 */
public record SpectraFile(StudyPoint point, long seed, long[] realization, byte[] converged,
                          double[][] eigenvalues, int[] negativeModes, double[] traceResidual,
                          double[] frobeniusResidual, String solver, Modes modes) {

    public static final String KIND = "spectra";

    /** A full spectrum. */
    public SpectraFile(StudyPoint point, long seed, long[] realization, byte[] converged, double[][] eigenvalues,
                       int[] negativeModes, double[] traceResidual, double[] frobeniusResidual, String solver) {
        this(point, seed, realization, converged, eigenvalues, negativeModes, traceResidual, frobeniusResidual, solver,
                null);
    }

    /**
     * The K lowest modes of each realization, [realizations, K] each, and what their
     * eigenvectors say: participation ratio (sum psi^4)^-1 / N; the oscillator with the largest
     * weight psi_i^2, that weight, and that oscillator's kappa, x and local field
     * h - sum_j J_ij x_j.
     *
     * @param fullSpectrum 1 where Cholesky failed (not a minimum) and the full decomposition ran
     * @param residual     max over the K pairs of ||M psi - lambda psi|| / lambda_K
     * @param vectors      the lowest few eigenvectors, [realizations, saved, N], or null
     */
    public record Modes(int k, byte[] fullSpectrum, double[] residual, double[][] participationRatio,
                        int[][] oscillator, double[][] weight, double[][] kappa, double[][] x,
                        double[][] localField, double[][][] vectors) {
    }

    /** How many modes each row holds. */
    public int modesHeld() {
        return modes == null ? point.N() : modes.k();
    }

    /** "all N" or "lowest K of N", the {@code modes} attribute. */
    public String modesDescription() {
        return modes == null ? "all " + point.N() : "lowest " + modes.k() + " of " + point.N();
    }

    public void write(Path target, Provenance provenance) throws IOException {
        int held = modesHeld();
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putAttribute("solver", solver);
            f.putAttribute("spectrum", modes == null ? "full" : "lowest");
            f.putAttribute("modes", modesDescription());
            f.putAttribute("modes_held", held);
            f.putDataset("realization", realization);
            f.putDataset("converged", converged);
            f.putDataset("eigenvalues", eigenvalues, H5.rows(held));
            f.putDataset("negative_modes", negativeModes);
            f.putDataset("trace_residual", traceResidual);
            f.putDataset("frobenius_residual", frobeniusResidual);
            if (modes != null) {
                f.putDataset("full_spectrum", modes.fullSpectrum());
                f.putDataset("eigen_residual", modes.residual());
                f.putDataset("participation_ratio", modes.participationRatio(), H5.rows(held));
                f.putDataset("largest_weight_oscillator", modes.oscillator());
                f.putDataset("largest_weight", modes.weight(), H5.rows(held));
                f.putDataset("largest_weight_kappa", modes.kappa(), H5.rows(held));
                f.putDataset("largest_weight_x", modes.x(), H5.rows(held));
                f.putDataset("largest_weight_local_field", modes.localField(), H5.rows(held));
                if (modes.vectors() != null) {
                    f.putDataset("vectors", modes.vectors());
                }
            }
            H5.putProvenance(f, provenance, point, seed, Checks.ranges(realization));
        });
    }

    public static SpectraFile read(Path path) throws BadInputException {
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
            Modes modes = null;
            if (lowest) {
                byte[] full = H5.dataset(f, path, "full_spectrum", byte[].class);
                double[] residual = H5.dataset(f, path, "eigen_residual", double[].class);
                double[][] pr = H5.dataset(f, path, "participation_ratio", double[][].class);
                Checks.length(path, "full_spectrum", full.length, r);
                Checks.length(path, "eigen_residual", residual.length, r);
                Checks.rows(path, "participation_ratio", pr, r, held);
                // the per-mode oscillator data are for scripts: read on demand with h5py, not here
                modes = new Modes(held, full, residual, pr, null, null, null, null, null, null);
            }
            return new SpectraFile(point, H5.seed(f, path), realization, converged, eigenvalues, negative, trace,
                    frobenius, H5.string(f, path, "solver"), modes);
        }
    }
}
