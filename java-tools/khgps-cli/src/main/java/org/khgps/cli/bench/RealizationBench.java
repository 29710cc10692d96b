package org.khgps.cli.bench;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.khgps.core.CouplingOperator;
import org.khgps.core.Disorder;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;

/**
 * Benchmark of one realization's work (sample + minimize + diagonalize) in-process, as the
 * pipeline's tasks do it, for bench/run.sh. Not a user command: run as
 * {@code java -cp khgps.jar org.khgps.cli.bench.RealizationBench N J h kappa0 reps threads [products] [solver]}.
 * Prints one JSON line per repetition, then the dgemm peak of this machine on the same threads.
 */
public final class RealizationBench {

    private RealizationBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double J = Double.parseDouble(args[1]);
        double h = Double.parseDouble(args[2]);
        double kappa0 = Double.parseDouble(args[3]);
        int reps = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        String products = args.length > 6 ? args[6] : "native";
        String solverName = args.length > 7 ? args[7] : "auto";
        NativeLinalg.setThreads(threads);
        StudyPoint point = new StudyPoint(n, h, J, kappa0);
        Eigensolver solver = switch (solverName) {
            case "dsyevd" -> Eigensolver.lapack(Integer.MAX_VALUE);
            case "2stage" -> Eigensolver.lapack(1);
            default -> Eigensolver.named(solverName);
        };
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        CouplingOperator op = products.equals("native") ? NativeLinalg.couplings(m) : CouplingOperator.java(m, threads);
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long seed = Seeds.realizationSeed(1, point, r);
            double[] kappa = Disorder.kappa(seed, n, kappa0);
            Disorder.fillCouplings(seed, J, m, threads);
            long t1 = System.nanoTime();
            Minimizer.Result res = Minimizer.minimize(kappa, h, op, Minimizer.Settings.defaults());
            long t2 = System.nanoTime();
            // diagonalize as its own stage does: regenerate J, then the Hessian's diagonal
            Disorder.fillCouplings(seed, J, m, threads);
            long t3 = System.nanoTime();
            double[] d = Hamiltonian.hessianDiagonal(kappa, res.x());
            for (int i = 0; i < n; i++) {
                m.setDiagonal(i, d[i]);
            }
            double[] eig = solver.eigenvalues(m);
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "{\"N\":%d,\"J\":%s,\"rep\":%d,\"sample_s\":%.4f,\"minimize_s\":%.4f,"
                    + "\"regenerate_s\":%.4f,\"eigen_s\":%.4f,\"total_s\":%.4f,\"iterations\":%d,\"products\":%d,"
                    + "\"max_grad\":%.3e,\"converged\":%b,\"lambda_min\":%.6e}%n",
                    n, J, r, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, (t4 - t3) * 1e-9,
                    ((t2 - t0) + (t4 - t3)) * 1e-9, res.iterations(), res.products(), res.maxGradient(),
                    res.converged(), eig[0]);
        }
        System.out.printf(Locale.ROOT, "{\"dgemm_gflops\":%.1f,\"threads\":%d,\"linalg\":\"%s\",\"solver\":\"%s\"}%n",
                dgemmPeak(threads), threads, NativeLinalg.describe(), solver.describe());
    }

    /** Best of five n = 2000 dgemm products, in GFLOP/s (2 n^3 flops each). */
    static double dgemmPeak(int threads) {
        int n = 2000;
        DoublePointer a = new DoublePointer((long) n * n);
        DoublePointer b = new DoublePointer((long) n * n);
        DoublePointer c = new DoublePointer((long) n * n);
        for (long i = 0; i < (long) n * n; i++) {
            a.put(i, Math.sin(i));
            b.put(i, Math.cos(i));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 5; k++) {
            long t = System.nanoTime();
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, n, n, 1.0,
                    a, n, b, n, 0.0, c, n);
            best = Math.min(best, (System.nanoTime() - t) * 1e-9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
