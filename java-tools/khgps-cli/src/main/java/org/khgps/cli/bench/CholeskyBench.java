package org.khgps.cli.bench;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.khgps.core.Hessian;
import org.khgps.core.CouplingOperator;
import org.khgps.core.Disorder;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;

/**
 * The factorization the lowest-mode search starts with, against this machine's dgemm, both on
 * one thread (as lanes run them): {@code java -cp khgps.jar org.khgps.cli.bench.CholeskyBench N J}
 * prints {"cholesky_gflops":..,"dgemm_gflops":..} with N^3/3 flops per dpotrf (best of 3; one above N = 8000).
 */
public final class CholeskyBench {

    private CholeskyBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double J = Double.parseDouble(args[1]);
        NativeLinalg.setThreads(1);
        StudyPoint point = new StudyPoint(n, 0.01, J, 1.0);
        long seed = Seeds.realizationSeed(1, point, 0);
        double[] kappa = Disorder.kappa(seed, n, 1.0);
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(seed, J, m, 1);
        Minimizer.Result min = Minimizer.minimize(kappa, 0.01, NativeLinalg.couplings(m), Minimizer.Settings.defaults());
        double[] d = Hessian.diagonal(kappa, min.x());
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < (n > 8000 ? 1 : 3); rep++) {
            Disorder.fillCouplings(seed, J, m, 1);
            for (int i = 0; i < n; i++) {
                m.setDiagonal(i, d[i]);
            }
            long t = System.nanoTime();
            int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, new DoublePointer(m.buffer()), n);
            best = Math.min(best, (System.nanoTime() - t) * 1e-9);
            if (info != 0) {
                throw new IllegalStateException("dpotrf info=" + info);
            }
        }
        double cholesky = (double) n * n * n / 3 / best / 1e9;
        System.out.printf(Locale.ROOT, "{\"N\":%d,\"cholesky_s\":%.4f,\"cholesky_gflops\":%.1f,\"dgemm_gflops\":%.1f}%n", n,
                best, cholesky, RealizationBench.dgemmPeak(1));
    }
}
