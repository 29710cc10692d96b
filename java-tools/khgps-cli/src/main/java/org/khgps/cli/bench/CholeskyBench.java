package org.khgps.cli.bench;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.khgps.core.Hessian;
import org.khgps.core.CouplingOperator;
import org.khgps.core.Disorder;
import org.khgps.core.Hamiltonian;
import org.khgps.core.InverseDiagonal;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;

/**
 * The factorization the lowest-mode search starts with, against this machine's dgemm, both on
 * one thread (as lanes run them): {@code java -cp khgps.jar org.khgps.cli.bench.CholeskyBench N J}
 * prints {"cholesky_gflops":..,"dgemm_gflops":..} with N^3/3 flops per dpotrf (best of 3; one above N = 8000),
 * the same factorization in single precision (spotrf_gflops, on a float copy of M: what a mixed-precision
 * search would start with) and diag(M^-1) from the double factor as the diagonalize stage classifies
 * (classify_s: dtrtri and the column sums of {@code InverseDiagonal.fromFactor}).
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
            hessian(seed, J, d, m);
            long t = System.nanoTime();
            int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, new DoublePointer(m.buffer()), n);
            best = Math.min(best, (System.nanoTime() - t) * 1e-9);
            if (info != 0) {
                throw new IllegalStateException("dpotrf info=" + info);
            }
        }
        long c0 = System.nanoTime();
        InverseDiagonal.fromFactor(m);
        double classify = (System.nanoTime() - c0) * 1e-9;
        double single = spotrf(seed, J, d, m);
        double cholesky = (double) n * n * n / 3 / best / 1e9;
        System.out.printf(Locale.ROOT, "{\"N\":%d,\"cholesky_s\":%.4f,\"cholesky_gflops\":%.1f,\"spotrf_s\":%.4f,"
                        + "\"spotrf_gflops\":%.1f,\"classify_s\":%.4f,\"dgemm_gflops\":%.1f}%n", n, best, cholesky, single,
                (double) n * n * n / 3 / single / 1e9, classify, RealizationBench.dgemmPeak(1));
    }

    /** M into {@code m}: the couplings regenerated from the seed, the Hessian's diagonal {@code d}. */
    private static void hessian(long seed, double J, double[] d, SymmetricMatrix m) {
        Disorder.fillCouplings(seed, J, m, 1);
        for (int i = 0; i < m.size(); i++) {
            m.setDiagonal(i, d[i]);
        }
    }

    /** Best time of spotrf on M's lower triangle in single precision (column-major, as dpotrf sees it). */
    private static double spotrf(long seed, double J, double[] d, SymmetricMatrix m) {
        int n = m.size();
        FloatPointer f = new FloatPointer((long) n * n);
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < (n > 8000 ? 1 : 3); rep++) {
            hessian(seed, J, d, m);
            var buffer = m.buffer();
            for (long i = 0; i < (long) n * n; i++) {
                f.put(i, (float) buffer.get((int) i));
            }
            long t = System.nanoTime();
            int info = openblas.LAPACKE_spotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, f, n);
            best = Math.min(best, (System.nanoTime() - t) * 1e-9);
            if (info != 0) {
                throw new IllegalStateException("spotrf info=" + info);
            }
        }
        f.close();
        return best;
    }
}
