package org.khgps.cli.bench;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.khgps.core.Disorder;
import org.khgps.core.Hessian;
import org.khgps.core.InverseDiagonal;
import org.khgps.core.MatrixLane;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Protocol;
import org.khgps.core.Relaxation;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;

/**
 * The cost of each protocol per realization (issue 28), all on the same realizations in one run:
 * {@code java -cp khgps.jar org.khgps.cli.bench.ProtocolBench N J realizations threads} prints per
 * protocol one line {@code N=<n> protocol=<p> minimize_s= classify_s= flips= rounds= over_zero=}:
 * the wall time of a realization (median over the realizations; one lane on {@code threads}
 * kernel threads), the part of it spent classifying (the factorizations for diag(M^-1)), the
 * moves kept and the rounds (means), and the ratio of its median to zero's. Then one line
 * {@code N=<n> diag_inverse_s= cholesky_s= over_cholesky= from_factor_s= from_factor_over_cholesky=}:
 * diag(M^-1) of the Hessian at zero's minima ({@link InverseDiagonal#of}: dpotrf, dtrtri, column
 * sums; what flip pays each round) and from an existing factor ({@link InverseDiagonal#fromFactor}:
 * what the diagonalize stage pays after the lowest modes) against dpotrf alone on the same
 * matrices (medians): the classification's cost at its floor (issue 30).
 */
public final class ProtocolBench {

    private ProtocolBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double J = Double.parseDouble(args[1]);
        int realizations = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        NativeLinalg.setThreads(threads);
        StudyPoint point = new StudyPoint(n, 0.01, J, 1.0);
        MatrixLane lane = MatrixLane.allocate(n, NativeLinalg.available(), threads);
        double zero = Double.NaN;
        double[][] zeroMinima = new double[realizations][];
        // warm-up: the JIT and the native library's first calls, untimed
        long warm = Seeds.realizationSeed(2021, point, realizations);
        Disorder.fillCouplings(warm, J, lane.matrix(), threads);
        Relaxation.run(Protocol.FLIP, Disorder.kappa(warm, n, 1.0), 0.01, J, warm, lane, Minimizer.Settings.defaults(), threads,
                Relaxation.DEFAULT_MAX_ROUNDS);
        for (Protocol p : Protocol.values()) {
            double[] wall = new double[realizations];
            double[] classify = new double[realizations];
            double flips = 0;
            double rounds = 0;
            for (int r = 0; r < realizations; r++) {
                long seed = Seeds.realizationSeed(2021, point, r);
                double[] kappa = Disorder.kappa(seed, n, 1.0);
                Disorder.fillCouplings(seed, J, lane.matrix(), threads);
                long t = System.nanoTime();
                Relaxation.Outcome o = Relaxation.run(p, kappa, 0.01, J, seed, lane, Minimizer.Settings.defaults(), threads,
                        Relaxation.DEFAULT_MAX_ROUNDS);
                wall[r] = (System.nanoTime() - t) * 1e-9;
                if (p == Protocol.ZERO) {
                    zeroMinima[r] = o.result().x();
                }
                classify[r] = o.classifySeconds();
                flips += o.movesAccepted();
                rounds += o.rounds();
            }
            double median = median(wall);
            if (p == Protocol.ZERO) {
                zero = median;
            }
            System.out.printf(Locale.ROOT, "N=%d protocol=%s minimize_s=%.3f classify_s=%.3f flips=%.2f rounds=%.2f over_zero=%.2f%n",
                    n, p.id(), median, median(classify), flips / realizations, rounds / realizations, median / zero);
        }
        if (NativeLinalg.available()) {
            inverseDiagonal(point, lane, zeroMinima, threads);
        }
    }

    /** diag(M^-1) against one Cholesky, each on the Hessian at zero's minimum of every realization. */
    static void inverseDiagonal(StudyPoint point, MatrixLane lane, double[][] minima, int threads) {
        int n = point.N();
        double[] inverse = new double[minima.length];
        double[] cholesky = new double[minima.length];
        double[] fromFactor = new double[minima.length];
        for (int r = 0; r < minima.length; r++) {
            long seed = Seeds.realizationSeed(2021, point, r);
            double[] kappa = Disorder.kappa(seed, n, 1.0);
            Disorder.fillCouplings(seed, point.J(), lane.matrix(), threads);
            Hessian.setDiagonal(lane.matrix(), kappa, minima[r]);
            long t = System.nanoTime();
            InverseDiagonal.of(lane.matrix());
            inverse[r] = (System.nanoTime() - t) * 1e-9;
            Disorder.fillCouplings(seed, point.J(), lane.matrix(), threads);
            Hessian.setDiagonal(lane.matrix(), kappa, minima[r]);
            t = System.nanoTime();
            int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, new DoublePointer(lane.matrix().buffer()), n);
            cholesky[r] = (System.nanoTime() - t) * 1e-9;
            if (info != 0) {
                throw new IllegalStateException("dpotrf info " + info + " at zero's minimum of realization " + r);
            }
            // the diagonalize stage's case: the factor is there already (LowestModes leaves it)
            t = System.nanoTime();
            InverseDiagonal.fromFactor(lane.matrix());
            fromFactor[r] = (System.nanoTime() - t) * 1e-9;
        }
        System.out.printf(Locale.ROOT, "N=%d diag_inverse_s=%.3f cholesky_s=%.3f over_cholesky=%.2f from_factor_s=%.3f "
                + "from_factor_over_cholesky=%.2f%n", n, median(inverse), median(cholesky), median(inverse) / median(cholesky),
                median(fromFactor), median(fromFactor) / median(cholesky));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
