package org.khgps.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/** Runs parallel streams in a pool of exactly the requested size, never the common pool's. */
final class Parallel {

    private Parallel() {
    }

    static void run(int threads, Runnable work) {
        if (threads <= 1) {
            work.run();
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
    }
}
