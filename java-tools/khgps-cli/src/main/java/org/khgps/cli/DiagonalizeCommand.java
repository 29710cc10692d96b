package org.khgps.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Disorder;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Lanes;
import org.khgps.core.LowestModes;
import org.khgps.core.ModeStructure;
import org.khgps.core.NativeLinalg;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;
import org.khgps.io.BadInputException;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;

/** Stage 3: the eigenvalues of the Hessian at each minimum, all of them or the K lowest with their modes. */
final class DiagonalizeCommand implements Command {

    @Override
    public String name() {
        return "diagonalize";
    }

    @Override
    public String description() {
        return "Compute the eigenvalues of the Hessian M_ij = J_ij + delta_ij (kappa_i + x_i^2/2) at each minimum "
                + "of a minima file (the couplings J_ij are regenerated from the realization seeds): all N of them "
                + "(--spectrum full), or the K lowest by shift-invert on the Cholesky factor with, per mode, the "
                + "participation ratio and the oscillator that carries it (--spectrum lowest).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "minima file (from khgps minimize)"))
                .addOption(Args.required("out", "file", "spectra file to write (HDF5)"))
                .addOption(Args.optional("spectrum", "which", "full (default): all N eigenvalues; lowest: the K lowest "
                        + "eigenpairs (--modes)"))
                .addOption(Args.optional("modes", "K", "with --spectrum lowest: how many lowest modes (default 2% of N, "
                        + "at least 1)"))
                .addOption(Args.optional("save-vectors", "M", "with --spectrum lowest: also store the eigenvectors of "
                        + "the M lowest modes (default 0)"))
                .addOption(Args.optional("solver", "name", "full spectrum: auto (native LAPACK if it loads, else "
                        + "EJML), lapack or ejml (default auto)"))
                .addOption(Args.threadsOption());
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out", List.of(in));
        int threads = Args.threads(line);
        String solverName = Args.text(line, "solver", "auto");
        String spectrum = Args.text(line, "spectrum", "full");
        if (!spectrum.equals("full") && !spectrum.equals("lowest")) {
            throw new BadInputException("--spectrum must be full or lowest, got '" + spectrum + "'");
        }
        MinimaFile minima = MinimaFile.read(in);
        StudyPoint point = minima.point();
        int n = point.N();
        if (spectrum.equals("full")) {
            for (String option : List.of("modes", "save-vectors")) {
                if (line.hasOption(option)) {
                    throw new BadInputException("--" + option + " needs --spectrum lowest");
                }
            }
            full(minima, in, out, threads, solverName, invocation);
            return;
        }
        int k = (int) Args.integer(line, "modes", (long) LowestModes.defaultModes(n), 1);
        if (k > n) {
            throw new BadInputException("--modes must be <= N = " + n + ", got " + k);
        }
        int saved = (int) Args.integer(line, "save-vectors", 0L, 0);
        if (saved > k) {
            throw new BadInputException("--save-vectors must be <= --modes = " + k + ", got " + saved);
        }
        lowest(minima, in, out, threads, k, saved, invocation);
    }

    /** Agreement asked of the stored and recomputed max |gradient| (the minimizer's tolerance is 1e-10). */
    static final double GRADIENT_CHECK_ABSOLUTE = 1e-8;
    static final double GRADIENT_CHECK_RELATIVE = 1e-3;

    private static Lanes lanes(int n, int threads, long workBytes, boolean nativeKernels) {
        NotEnoughMemory.checkMatrix(n, workBytes);
        Lanes lanes = Lanes.plan(n, threads, NotEnoughMemory.directLimit(), SymmetricMatrix.bytesFor(n) + workBytes,
                nativeKernels);
        NativeLinalg.setThreads(lanes.kernelThreads());
        return lanes;
    }

    /** (couplings x) = M x - diag(M) x, one product with the Hessian just assembled in m. */
    private static double[] couplingsTimesX(SymmetricMatrix m, double[] diagonal, double[] x, int threads) {
        double[] jx = new double[x.length];
        m.multiplyJava(x, jx, threads);
        for (int i = 0; i < x.length; i++) {
            jx[i] -= diagonal[i] * x[i];
        }
        return jx;
    }

    /**
     * The minima file's max_grad against the gradient recomputed from its x, kappa and the couplings
     * regenerated from the seed: a file whose x was altered (or belongs to other disorder) would
     * otherwise be diagonalized at a point that is not the minimum it claims. The two products differ
     * only in summation order (about 1e-15 here), far below the tolerance allowed.
     */
    private static void checkGradient(MinimaFile minima, Path in, int r, double[] jx) throws BadInputException {
        double[] g = new double[jx.length];
        Hamiltonian.gradient(minima.kappa()[r], minima.point().h(), minima.x()[r], jx, g);
        double recomputed = Hamiltonian.maxAbs(g);
        double stored = minima.maxGradient()[r];
        if (!(Math.abs(recomputed - stored) <= GRADIENT_CHECK_ABSOLUTE + GRADIENT_CHECK_RELATIVE * stored)) {
            throw new BadInputException(String.format("minima file %s, realization %d: max_grad is stored as %.3g but its x "
                    + "and kappa give %.3g with the couplings of its seed: the file was altered or mixed up after minimize "
                    + "wrote it; rerun minimize on its disorder file", in, minima.realization()[r], stored, recomputed));
        }
    }

    /** M at the minimum of realization r, into m: couplings from the seed, kappa_i + x_i^2/2 on the diagonal. */
    private static double[] hessian(MinimaFile minima, int r, SymmetricMatrix m, int kernelThreads) {
        Disorder.fillCouplings(minima.realizationSeed()[r], minima.point().J(), m, kernelThreads);
        double[] diagonal = Hamiltonian.hessianDiagonal(minima.kappa()[r], minima.x()[r]);
        for (int i = 0; i < diagonal.length; i++) {
            m.setDiagonal(i, diagonal[i]);
        }
        return diagonal;
    }

    private static void full(MinimaFile minima, Path in, Path out, int threads, String solverName, Invocation invocation)
            throws Exception {
        StudyPoint point = minima.point();
        int count = minima.realization().length;
        int n = point.N();
        double[][] eigenvalues = new double[count][];
        int[] negative = new int[count];
        double[] traceResidual = new double[count];
        double[] frobeniusResidual = new double[count];
        Lanes lanes = lanes(n, threads, 0, NativeLinalg.available() && !solverName.equals("ejml"));
        Eigensolver solver = Eigensolver.named(solverName, lanes.kernelThreads());
        System.err.println("diagonalize: " + count + " realizations, N = " + n + ", all modes, " + lanes.describe());
        AtomicInteger done = new AtomicInteger(); // progress: lanes finish out of order
        lanes.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
            long start = System.nanoTime();
            double[] diagonal = hessian(minima, r, m, lanes.kernelThreads());
            checkGradient(minima, in, r, couplingsTimesX(m, diagonal, minima.x()[r], lanes.kernelThreads()));
            double trace = m.trace();
            double frobenius = m.frobeniusSquared();
            double[] lambda = solver.eigenvalues(m);
            double sum = 0;
            double sum2 = 0;
            double scale = 0;
            for (double l : lambda) {
                if (!Double.isFinite(l)) {
                    throw new org.khgps.core.NumericalFailure("realization " + minima.realization()[r] + ": non-finite eigenvalue");
                }
                sum += l;
                sum2 += l * l;
                scale = Math.max(scale, Math.abs(l));
                if (l < 0) {
                    negative[r]++;
                }
            }
            eigenvalues[r] = lambda;
            traceResidual[r] = Math.abs(sum - trace) / (n * scale);
            frobeniusResidual[r] = Math.abs(sum2 - frobenius) / frobenius;
            System.err.printf("diagonalize: realization %d (%d of %d done): lambda_min = %.4e, %d negative, residual %.1e, %.2f s%n",
                    minima.realization()[r], done.incrementAndGet(), count, lambda[0], negative[r], frobeniusResidual[r],
                    (System.nanoTime() - start) * 1e-9);
        });
        new SpectraFile(point, minima.seed(), minima.realization(), minima.converged(), eigenvalues, negative,
                traceResidual, frobeniusResidual, solver.describe()).write(out, invocation.provenance(List.of(in), lanes));
    }

    private static void lowest(MinimaFile minima, Path in, Path out, int threads, int k, int saved,
                               Invocation invocation) throws Exception {
        StudyPoint point = minima.point();
        int count = minima.realization().length;
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
        Lanes lanes = lanes(n, threads, LowestModes.workBytes(n, k), NativeLinalg.available());
        System.err.println("diagonalize: " + count + " realizations, N = " + n + ", lowest " + k + " modes by shift-invert, "
                + lanes.describe());
        AtomicInteger done = new AtomicInteger();
        lanes.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
            long start = System.nanoTime();
            double[] kappa = minima.kappa()[r];
            double[] x = minima.x()[r];
            double[] diagonal = hessian(minima, r, m, lanes.kernelThreads());
            // before the factorization overwrites M
            double[] jx = couplingsTimesX(m, diagonal, x, 1);
            checkGradient(minima, in, r, jx);
            double[] field = ModeStructure.localField(point.h(), jx);
            LowestModes.Result result = LowestModes.compute(m, diagonal, k, minima.realizationSeed()[r],
                    LowestModes.TOLERANCE, target -> hessian(minima, r, target, lanes.kernelThreads()));
            for (double l : result.lambda()) {
                if (!Double.isFinite(l)) {
                    throw new org.khgps.core.NumericalFailure("realization " + minima.realization()[r] + ": non-finite eigenvalue");
                }
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
            String how = result.fullSpectrum()
                    ? "Cholesky failed (not a minimum): full spectrum, " + result.negative() + " negative"
                    : "Krylov basis " + result.krylov() + ", residual " + String.format("%.1e", result.residual());
            if (result.fullSpectrum()) {
                System.err.printf("diagonalize: realization %d: Hessian not positive definite, fell back to the full "
                        + "spectrum (%d negative eigenvalues)%n", minima.realization()[r], result.negative());
            } else if (result.residual() > LowestModes.TOLERANCE) {
                System.err.printf("diagonalize: realization %d: residual %.1e above %.0e (Krylov basis full)%n",
                        minima.realization()[r], result.residual(), LowestModes.TOLERANCE);
            }
            System.err.printf("diagonalize: realization %d (%d of %d done): lambda_min = %.4e, lambda_%d = %.4e, %s, %.2f s%n",
                    minima.realization()[r], done.incrementAndGet(), count, result.lambda()[0], k,
                    result.lambda()[k - 1], how, (System.nanoTime() - start) * 1e-9);
        });
        String solver = "shift-invert block Lanczos on the Cholesky factor (LowestModes, tolerance "
                + LowestModes.TOLERANCE + "), dsyevd where Cholesky fails; " + NativeLinalg.describe();
        SpectraFile.Modes modes = new SpectraFile.Modes(k, fullSpectrum, residual, pr, oscillator, weight, kappaOf, xOf,
                fieldOf, vectors);
        new SpectraFile(point, minima.seed(), minima.realization(), minima.converged(), eigenvalues, negative, nan, nan,
                solver, modes).write(out, invocation.provenance(List.of(in), lanes));
    }
}
