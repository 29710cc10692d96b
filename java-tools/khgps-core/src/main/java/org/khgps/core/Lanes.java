package org.khgps.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How one task spreads a chunk of realizations over its threads.
 *
 * <p>Up to N = {@link #PARALLEL_UP_TO_N}, with native kernels, realizations run side by side,
 * one per lane, each lane with its own matrix and single-threaded BLAS/LAPACK. The tridiagonal
 * reduction and the couplings-times-x products are memory-bound, so two single-threaded realizations on 2 cores
 * get through more work than one two-threaded one (bench/run.sh: 1.7x at N = 1000, 1.1-1.2x at
 * N = 2000-8000; dsyev_2stage's band-to-tridiagonal step is serial anyway). Because every kernel
 * is then single-threaded, a realization's numbers are the same bit for bit whatever the task's
 * thread count, chunk or memory. Above that N a second matrix costs too much memory (the N = 16000
 * bound is one matrix), so one realization at a time uses every thread.
 *
 * @param lanes         realizations computed at once
 * @param kernelThreads threads each realization's BLAS/LAPACK calls and J generation use
 */
public record Lanes(int lanes, int kernelThreads) {

    /** Largest N run in parallel lanes; two N = 8000 matrices are 1 GB. */
    public static final int PARALLEL_UP_TO_N = 8000;

    /** The threshold in force: {@link #PARALLEL_UP_TO_N}, or -Dkhgps.parallelUpToN (tests, benchmarks). */
    public static int parallelUpToN() {
        return Integer.getInteger("khgps.parallelUpToN", PARALLEL_UP_TO_N);
    }

    public Lanes {
        if (lanes < 1 || kernelThreads < 1) {
            throw new IllegalArgumentException("lanes and kernel threads must be >= 1");
        }
    }

    /**
     * The plan for matrices of size n on {@code threads} threads when {@code directBytes} of
     * off-heap memory may hold matrices. With native kernels and n up to {@link #parallelUpToN()}
     * the kernels are single-threaded even when memory allows just one lane, so results never
     * depend on it.
     */
    public static Lanes plan(int n, int threads, long directBytes, boolean nativeKernels) {
        return plan(n, threads, directBytes, SymmetricMatrix.bytesFor(n), nativeKernels);
    }

    /** The same when each lane needs {@code bytesPerLane} off-heap (its matrix and work space). */
    public static Lanes plan(int n, int threads, long directBytes, long bytesPerLane, boolean nativeKernels) {
        if (!nativeKernels || n > parallelUpToN()) {
            return new Lanes(1, Math.max(1, threads));
        }
        long fit = directBytes / bytesPerLane;
        return new Lanes((int) Math.max(1, Math.min(threads, fit)), 1);
    }

    /** For the provenance and the log: "2 realizations at a time, 1 kernel thread each". */
    public String describe() {
        return lanes + (lanes == 1 ? " realization" : " realizations") + " at a time, " + kernelThreads
                + (kernelThreads == 1 ? " kernel thread" : " kernel threads") + " each";
    }

    /** One realization's work; {@code lane} is the state (matrix, operator) its lane owns. */
    public interface Work<S> {
        void realization(S lane, int r) throws Exception;
    }

    /**
     * Runs {@code work} for r = 0 .. count - 1, {@code lanes} at a time, each lane with the state
     * {@code newLane} makes for it (in the lane's own thread). Results must go to index r, so the
     * output does not depend on which lane did what. Stops handing out realizations at the first
     * failure and throws the failure of the lowest realization index.
     */
    public <S> void run(int count, Supplier<S> newLane, Work<S> work) throws Exception {
        int workers = Math.min(lanes, count);
        if (workers <= 1) {
            S lane = count > 0 ? newLane.get() : null;
            for (int r = 0; r < count; r++) {
                work.realization(lane, r);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Failure failure = new Failure();
        Thread[] threads = new Thread[workers];
        for (int k = 0; k < workers; k++) {
            threads[k] = new Thread(() -> {
                S lane;
                try {
                    lane = newLane.get();
                } catch (Throwable t) {
                    failure.record(Integer.MAX_VALUE, t); // after any realization's own failure
                    return;
                }
                int r;
                while (!failure.seen() && (r = next.getAndIncrement()) < count) {
                    try {
                        work.realization(lane, r);
                    } catch (Throwable t) {
                        failure.record(r, t);
                    }
                }
            }, "khgps-lane-" + k);
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        failure.rethrow();
    }

    /** The failure of the lowest realization index seen by any lane. */
    private static final class Failure {
        private int index = Integer.MAX_VALUE;
        private Throwable error;
        private volatile boolean seen;

        synchronized void record(int r, Throwable t) {
            if (error == null || r < index) {
                index = r;
                error = t;
            }
            seen = true;
        }

        boolean seen() {
            return seen;
        }

        synchronized void rethrow() throws Exception {
            if (error instanceof Exception e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
        }
    }
}
