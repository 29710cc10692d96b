package org.khgps.core.stage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.khgps.core.Cavity;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Hessian;
import org.khgps.core.InverseDiagonal;
import org.khgps.core.Lanes;
import org.khgps.core.LowestModes;
import org.khgps.core.ModeStructure;
import org.khgps.core.NativeLinalg;
import org.khgps.core.NumericalFailure;
import org.khgps.core.Relaxation;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;

/**
 * Hessian eigenvalues at the minima, ascending within a realization: all N of them (spectrum
 * "full") or the K lowest (spectrum "lowest", with what their eigenvectors say: {@link Modes}).
 * negativeModes counts eigenvalues below 0; traceResidual and frobeniusResidual are the self-check
 * of a full decomposition: |sum lambda - tr M| / (N max|lambda|) and
 * |sum lambda^2 - ||M||_F^2| / ||M||_F^2 (NaN for lowest-K rows, which cannot have it).
 *
 * @param modes null for a full spectrum
 */
public record SpectraChunk(StudyPoint point, long seed, long[] realization, byte[] converged,
                           double[][] eigenvalues, int[] negativeModes, double[] traceResidual,
                           double[] frobeniusResidual, String solver, Modes modes, Anatomy anatomy) {

    /** Without the anatomy (files written before it existed, and tests of the spectrum alone). */
    public SpectraChunk(StudyPoint point, long seed, long[] realization, byte[] converged, double[][] eigenvalues,
                        int[] negativeModes, double[] traceResidual, double[] frobeniusResidual, String solver,
                        Modes modes) {
        this(point, seed, realization, converged, eigenvalues, negativeModes, traceResidual, frobeniusResidual, solver,
                modes, null);
    }

    /**
     * What carries each stored mode (issue 28; {@link Cavity}): the class of its carrier (the
     * oscillator of largest eigenvector weight), that oscillator's a_i, cavity field H_i and distance
     * to the spinodal d_i, each [realizations, modes held] like the eigenvalues (class
     * {@link Cavity#UNCLASSIFIED} and NaN where a mode is not classified: the full spectrum keeps no
     * eigenvectors, and a realization that is not a minimum has no cavity picture); and the class
     * counts of all N oscillators, [realizations, 4] (-1 where not classified).
     */
    public record Anatomy(int[][] carrierClass, double[][] carrierA, double[][] carrierField,
                          double[][] carrierSpinodalDistance, int[][] classCounts) {

        /** Nothing classified: the full spectrum. */
        static Anatomy none(int realizations, int held) {
            Anatomy a = new Anatomy(new int[realizations][held], new double[realizations][held], new double[realizations][held],
                    new double[realizations][held], new int[realizations][Cavity.CLASSES]);
            for (int r = 0; r < realizations; r++) {
                a.unclassified(r);
            }
            return a;
        }

        void unclassified(int r) {
            Arrays.fill(carrierClass[r], Cavity.UNCLASSIFIED);
            Arrays.fill(carrierA[r], Double.NaN);
            Arrays.fill(carrierField[r], Double.NaN);
            Arrays.fill(carrierSpinodalDistance[r], Double.NaN);
            Arrays.fill(classCounts[r], -1);
        }
    }

    /** Agreement asked of the stored and recomputed max |gradient| (the minimizer's tolerance is 1e-10). */
    public static final double GRADIENT_CHECK_ABSOLUTE = 1e-8;
    public static final double GRADIENT_CHECK_RELATIVE = 1e-3;

    /** A full spectrum. */
    public SpectraChunk(StudyPoint point, long seed, long[] realization, byte[] converged, double[][] eigenvalues,
                        int[] negativeModes, double[] traceResidual, double[] frobeniusResidual, String solver) {
        this(point, seed, realization, converged, eigenvalues, negativeModes, traceResidual, frobeniusResidual, solver,
                null);
    }

    /**
     * The K lowest modes of each realization, [realizations, K] each, and what their
     * eigenvectors say: participation ratio (sum psi^4)^-1 / N; the oscillator with the largest
     * weight psi_i^2, that weight, and that oscillator's kappa, x and local field
     * h - sum_j couplings_ij x_j.
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

    /** "all N" or "lowest K of N". */
    public String modesDescription() {
        return modes == null ? "all " + point.N() : "lowest " + modes.k() + " of " + point.N();
    }

    /** Stage 3, all N eigenvalues of each realization's Hessian. */
    public static SpectraChunk full(MinimaChunk minima, Eigensolver solver, Lanes lanes, Consumer<String> log)
            throws Exception {
        int count = minima.size();
        int n = minima.point().N();
        double[][] eigenvalues = new double[count][];
        int[] negative = new int[count];
        double[] traceResidual = new double[count];
        double[] frobeniusResidual = new double[count];
        AtomicInteger done = new AtomicInteger(); // progress: lanes finish out of order
        lanes.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
            long start = System.nanoTime();
            double[] diagonal = hessian(minima, r, m, lanes.kernelThreads());
            checkGradient(minima, r, Hessian.couplingsTimes(m, diagonal, minima.x()[r], lanes.kernelThreads()));
            FullRow row = fullRow(m, solver, minima.realization()[r]);
            eigenvalues[r] = row.lambda();
            negative[r] = row.negative();
            traceResidual[r] = row.traceResidual();
            frobeniusResidual[r] = row.frobeniusResidual();
            log.accept(String.format("diagonalize: realization %d (%d of %d done): lambda_min = %.4e, %d negative, "
                            + "residual %.1e, %.2f s", minima.realization()[r], done.incrementAndGet(), count,
                    row.lambda()[0], row.negative(), row.frobeniusResidual(), (System.nanoTime() - start) * 1e-9));
        });
        return new SpectraChunk(minima.point(), minima.seed(), minima.realization(), minima.converged(), eigenvalues,
                negative, traceResidual, frobeniusResidual, solver.describe(), null, Anatomy.none(count, n));
    }

    /** One realization's full spectrum with its self-check (see the record's residuals). */
    public record FullRow(double[] lambda, int negative, double traceResidual, double frobeniusResidual) {
    }

    /**
     * All eigenvalues of the Hessian in {@code m} (overwritten), counted and checked against its
     * trace and Frobenius norm taken first. What the stage does per realization; RealizationBench
     * calls it too.
     */
    public static FullRow fullRow(SymmetricMatrix m, Eigensolver solver, long index) {
        int n = m.size();
        double trace = m.trace();
        double frobenius = m.frobeniusSquared();
        double[] lambda = solver.eigenvalues(m);
        double sum = 0;
        double sum2 = 0;
        double scale = 0;
        int negative = 0;
        for (double l : lambda) {
            finite(index, l);
            sum += l;
            sum2 += l * l;
            scale = Math.max(scale, Math.abs(l));
            if (l < 0) {
                negative++;
            }
        }
        return new FullRow(lambda, negative, Math.abs(sum - trace) / (n * scale), Math.abs(sum2 - frobenius) / frobenius);
    }

    /**
     * Stage 3, the {@code k} lowest eigenpairs of each realization's Hessian by shift-invert on its
     * Cholesky factor (the full decomposition where Cholesky fails), with the mode structure and
     * the eigenvectors of the {@code saved} lowest.
     */
    public static SpectraChunk lowest(MinimaChunk minima, int k, int saved, Lanes lanes, Consumer<String> log)
            throws Exception {
        StudyPoint point = minima.point();
        int count = minima.size();
        int n = point.N();
        double[][] eigenvalues = new double[count][];
        int[] negative = new int[count];
        double[] nan = new double[count];
        Arrays.fill(nan, Double.NaN);
        byte[] fullSpectrum = new byte[count];
        double[] residual = new double[count];
        double[][] pr = new double[count][k];
        int[][] oscillator = new int[count][k];
        double[][] weight = new double[count][k];
        double[][] kappaOf = new double[count][k];
        double[][] xOf = new double[count][k];
        double[][] fieldOf = new double[count][k];
        double[][][] vectors = saved > 0 ? new double[count][][] : null;
        Anatomy anatomy = new Anatomy(new int[count][k], new double[count][k], new double[count][k], new double[count][k],
                new int[count][Cavity.CLASSES]);
        AtomicInteger done = new AtomicInteger();
        lanes.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
            long start = System.nanoTime();
            double[] kappa = minima.kappa()[r];
            double[] x = minima.x()[r];
            double[] diagonal = hessian(minima, r, m, lanes.kernelThreads());
            // before the factorization overwrites M
            double[] jx = Hessian.couplingsTimes(m, diagonal, x, 1);
            checkGradient(minima, r, jx);
            double[] field = ModeStructure.localField(point.h(), jx);
            LowestModes.Result result = LowestModes.compute(m, diagonal, k, minima.realizationSeed()[r],
                    LowestModes.TOLERANCE, target -> hessian(minima, r, target, lanes.kernelThreads()));
            for (double l : result.lambda()) {
                finite(minima.realization()[r], l);
            }
            eigenvalues[r] = result.lambda();
            negative[r] = result.negative();
            fullSpectrum[r] = (byte) (result.fullSpectrum() ? 1 : 0);
            residual[r] = result.residual();
            for (int j = 0; j < k; j++) {
                double[] psi = result.vectors()[j];
                int i = ModeStructure.largestWeight(psi);
                pr[r][j] = ModeStructure.participationRatio(psi);
                oscillator[r][j] = i;
                weight[r][j] = psi[i] * psi[i];
                kappaOf[r][j] = kappa[i];
                xOf[r][j] = x[i];
                fieldOf[r][j] = field[i];
            }
            if (vectors != null) {
                vectors[r] = Arrays.copyOf(result.vectors(), saved);
            }
            // diag(M^-1) from the factor LowestModes leaves in m (or, after its rare fallback at a
            // minimum, from a fresh one): the cavity site of every oscillator
            double[] inverse = null;
            if (!result.fullSpectrum()) {
                inverse = InverseDiagonal.fromFactor(m);
            } else if (result.negative() == 0) {
                hessian(minima, r, m, lanes.kernelThreads());
                inverse = InverseDiagonal.of(m);
            }
            if (inverse == null) {
                anatomy.unclassified(r);
            } else {
                Cavity.Site[] sites = new Cavity.Site[n];
                for (int i = 0; i < n; i++) {
                    sites[i] = Cavity.site(kappa[i], x[i], inverse[i]);
                }
                anatomy.classCounts()[r] = Relaxation.counts(sites);
                for (int j = 0; j < k; j++) {
                    Cavity.Site site = sites[oscillator[r][j]];
                    anatomy.carrierClass()[r][j] = site.kind();
                    anatomy.carrierA()[r][j] = site.a();
                    anatomy.carrierField()[r][j] = site.field();
                    anatomy.carrierSpinodalDistance()[r][j] = site.spinodalDistance();
                }
            }
            String how = result.fullSpectrum()
                    ? "Cholesky failed (not a minimum): full spectrum, " + result.negative() + " negative"
                    : "Krylov basis " + result.krylov() + ", residual " + String.format("%.1e", result.residual());
            if (result.fullSpectrum()) {
                log.accept(String.format("diagonalize: realization %d: Hessian not positive definite, fell back to the "
                        + "full spectrum (%d negative eigenvalues)", minima.realization()[r], result.negative()));
            } else if (result.residual() > LowestModes.TOLERANCE) {
                log.accept(String.format("diagonalize: realization %d: residual %.1e above %.0e (Krylov basis full)",
                        minima.realization()[r], result.residual(), LowestModes.TOLERANCE));
            }
            log.accept(String.format("diagonalize: realization %d (%d of %d done): lambda_min = %.4e, lambda_%d = %.4e, "
                            + "%s, %.2f s", minima.realization()[r], done.incrementAndGet(), count, result.lambda()[0], k,
                    result.lambda()[k - 1], how, (System.nanoTime() - start) * 1e-9));
        });
        String solver = "shift-invert block Lanczos on the Cholesky factor (LowestModes, tolerance "
                + LowestModes.TOLERANCE + "), dsyevd where Cholesky fails; " + NativeLinalg.describe();
        Modes modes = new Modes(k, fullSpectrum, residual, pr, oscillator, weight, kappaOf, xOf, fieldOf, vectors);
        return new SpectraChunk(point, minima.seed(), minima.realization(), minima.converged(), eigenvalues, negative,
                nan, nan, solver, modes, anatomy);
    }

    /** M at the minimum of realization r, into m. */
    private static double[] hessian(MinimaChunk minima, int r, SymmetricMatrix m, int kernelThreads) {
        return Hessian.assemble(minima.realizationSeed()[r], minima.point().J(), minima.kappa()[r], minima.x()[r], m,
                kernelThreads);
    }

    /**
     * The stored max_grad against the gradient recomputed from x, kappa and the couplings
     * regenerated from the seed: minima whose x was altered (or belongs to other disorder) would
     * otherwise be diagonalized at a point that is not the minimum they claim. The two products
     * differ only in summation order (about 1e-15 here), far below the tolerance allowed.
     */
    private static void checkGradient(MinimaChunk minima, int r, double[] jx) {
        double[] g = new double[jx.length];
        Hamiltonian.gradient(minima.kappa()[r], minima.point().h(), minima.x()[r], jx, g);
        double recomputed = Hamiltonian.maxAbs(g);
        double stored = minima.maxGradient()[r];
        if (!(Math.abs(recomputed - stored) <= GRADIENT_CHECK_ABSOLUTE + GRADIENT_CHECK_RELATIVE * stored)) {
            throw new InputMismatch(String.format("realization %d: max_grad is stored as %.3g but its x and kappa give "
                    + "%.3g with the couplings of its seed: the minima were altered or mixed up after minimize wrote them; "
                    + "rerun minimize on their disorder file", minima.realization()[r], stored, recomputed));
        }
    }

    private static void finite(long index, double lambda) {
        if (!Double.isFinite(lambda)) {
            throw new NumericalFailure("realization " + index + ": non-finite eigenvalue");
        }
    }
}
