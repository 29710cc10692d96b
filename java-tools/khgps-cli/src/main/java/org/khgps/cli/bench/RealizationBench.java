package org.khgps.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.khgps.core.Disorder;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Hessian;
import org.khgps.core.Lanes;
import org.khgps.core.MatrixLane;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.SpectraChunk;

/**
 * Benchmark of one chunk's work (sample + minimize + diagonalize per realization) in-process, as
 * the pipeline's tasks do it, for bench/run.sh: per realization it calls the stages' own steps
 * ({@link MinimaChunk#realization}, {@link SpectraChunk#fullRow}). Not a user command: run as
 * {@code java -cp khgps.jar org.khgps.cli.bench.RealizationBench N J h kappa0 reps threads [lanes] [products] [solver]}
 * with lanes "auto" (the tasks' plan, {@link Lanes#plan}) or "serial" (one realization at a time
 * on all threads). First one untimed warm-up realization per lane (JIT compilation; a task's
 * chunk holds hundreds of realizations at these N), then {@code reps} timed ones: one JSON line
 * each, then the chunk's wall time and the bare couplings-times-x product time, then the dgemm peak of this machine
 * on the same threads.
 */
public final class RealizationBench {

    private RealizationBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double J = Double.parseDouble(args[1]);
        double h = Double.parseDouble(args[2]);
        double kappa0 = Double.parseDouble(args[3]);
        int reps = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        String mode = args.length > 6 ? args[6] : "auto";
        String products = args.length > 7 ? args[7] : "native";
        String solverName = args.length > 8 ? args[8] : "auto";
        Lanes lanes = mode.equals("serial") ? new Lanes(1, threads)
                : Lanes.plan(n, threads, Long.MAX_VALUE, products.equals("native")); // run.sh gives room for one matrix per thread
        NativeLinalg.setThreads(lanes.kernelThreads());
        StudyPoint point = new StudyPoint(n, h, J, kappa0);
        Eigensolver solver = switch (solverName) {
            case "dsyevd" -> Eigensolver.lapack(Integer.MAX_VALUE);
            case "2stage" -> Eigensolver.lapack(1);
            default -> Eigensolver.named(solverName, lanes.kernelThreads());
        };
        // warm-up only where realizations are short enough for JIT compilation to show
        int warmup = n <= Lanes.parallelUpToN() ? lanes.lanes() : 0;
        // one matrix per lane for the whole run, as in a task (the peak RSS is a task's)
        List<MatrixLane> made = new ArrayList<>();
        for (int k = 0; k < lanes.lanes(); k++) {
            made.add(MatrixLane.allocate(n, products.equals("native"), lanes.kernelThreads()));
        }
        AtomicInteger handedOut = new AtomicInteger();
        Supplier<MatrixLane> pool = () -> made.get(handedOut.getAndIncrement() % made.size());
        Lanes.Work<MatrixLane> work = (lane, index) -> {
            boolean timed = index >= warmup;
            int r = timed ? index - warmup : 1_000_000 + index;
            SymmetricMatrix m = lane.matrix();
            long t0 = System.nanoTime();
            long seed = Seeds.realizationSeed(1, point, r);
            double[] kappa = Disorder.kappa(seed, n, kappa0);
            Disorder.fillCouplings(seed, J, m, lanes.kernelThreads());
            long t1 = System.nanoTime();
            Minimizer.Result res = MinimaChunk.realization(kappa, h, lane, Minimizer.Settings.defaults(), r);
            long t2 = System.nanoTime();
            // the couplings are still in the matrix (diagonal zero): only the Hessian's diagonal is new.
            // The pipeline's diagonalize stage regenerates the couplings first; that is timed below, apart.
            Hessian.setDiagonal(m, kappa, res.x());
            double[] eig = SpectraChunk.fullRow(m, solver, r).lambda();
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "{\"N\":%d,\"J\":%s,\"rep\":%d,\"warmup\":%b,\"sample_s\":%.4f,"
                    + "\"minimize_s\":%.4f,\"eigen_s\":%.4f,\"total_s\":%.4f,\"iterations\":%d,"
                    + "\"products\":%d,\"max_grad\":%.3e,\"converged\":%b,\"lambda_min\":%.6e}%n",
                    n, J, r, !timed, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9,
                    (t3 - t0) * 1e-9, res.iterations(), res.products(), res.maxGradient(),
                    res.converged(), eig[0]);
        };
        // warm-up realizations one per lane, then the timed chunk through the same lanes
        lanes.run(warmup, pool, work);
        long start = System.nanoTime();
        lanes.run(reps, pool, (lane, r) -> work.realization(lane, r + warmup));
        double wall = (System.nanoTime() - start) * 1e-9;
        // what the separate diagonalize stage adds: J regenerated into the lanes' matrices, 3 times
        // per lane side by side; the median fill time over the lanes is the cost per realization
        int fills = 3 * lanes.lanes();
        double[] fillSeconds = new double[fills];
        lanes.run(fills, pool, (lane, r) -> {
            long t = System.nanoTime();
            Disorder.fillCouplings(Seeds.realizationSeed(1, point, r), J, lane.matrix(), lanes.kernelThreads());
            fillSeconds[r] = (System.nanoTime() - t) * 1e-9;
        });
        Arrays.sort(fillSeconds);
        double regenerateWall = fillSeconds[fills / 2] / lanes.lanes();
        System.out.printf(Locale.ROOT, "{\"chunk_wall_s\":%.4f,\"realizations\":%d,\"regenerate_s\":%.4f,\"lanes\":%d,"
                + "\"kernel_threads\":%d,\"product_s\":%.3e}%n", wall, reps, regenerateWall, lanes.lanes(),
                lanes.kernelThreads(), bareProduct(made.get(0)));
        NativeLinalg.setThreads(threads); // the peak on all the task's threads
        System.out.printf(Locale.ROOT, "{\"dgemm_gflops\":%.1f,\"threads\":%d,\"linalg\":\"%s\",\"solver\":\"%s\"}%n",
                dgemmPeak(threads), threads, NativeLinalg.describe() + "; " + lanes.describe(), solver.describe());
    }

    /**
     * Median time of one couplings-times-x product on a lane's matrix, nothing else running: the bare cost of a
     * minimizer iteration's product, for the floor run.sh prints (iterations x this + eigen step).
     */
    static double bareProduct(MatrixLane lane) {
        int n = lane.matrix().size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        double[] seconds = new double[41];
        for (int k = -5; k < seconds.length; k++) { // 5 untimed: caches and JIT
            long t = System.nanoTime();
            lane.operator().multiply(x, y);
            if (k >= 0) {
                seconds[k] = (System.nanoTime() - t) * 1e-9;
            }
        }
        Arrays.sort(seconds);
        return seconds[seconds.length / 2];
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
