package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final long GB = 1L << 30;

    @Test
    void smallMatricesRunSideBySideOnSingleThreadedKernels() {
        assertEquals(new Lanes(2, 1), Lanes.plan(2000, 2, GB, true));
        assertEquals(new Lanes(8, 1), Lanes.plan(1000, 8, GB, true));
        // memory for one matrix only: one lane, kernels still single-threaded (same numbers)
        assertEquals(new Lanes(1, 1), Lanes.plan(8000, 2, SymmetricMatrix.bytesFor(8000) + 1, true));
        assertEquals(new Lanes(1, 1), Lanes.plan(300, 1, GB, true));
    }

    @Test
    void largeMatricesOrPureJavaKernelsRunOneAtATimeOnAllThreads() {
        assertEquals(new Lanes(1, 2), Lanes.plan(Lanes.PARALLEL_UP_TO_N + 1, 2, 64 * GB, true));
        assertEquals(new Lanes(1, 4), Lanes.plan(16000, 4, 64 * GB, true));
        assertEquals(new Lanes(1, 2), Lanes.plan(2000, 2, GB, false));
    }

    @Test
    void everyRealizationRunsOnceWithItsLanesOwnState() throws Exception {
        int count = 37;
        AtomicInteger lanesMade = new AtomicInteger();
        int[] runs = new int[count];
        ConcurrentHashMap<Integer, Integer> laneOf = new ConcurrentHashMap<>();
        new Lanes(3, 1).run(count, lanesMade::incrementAndGet, (lane, r) -> {
            synchronized (runs) {
                runs[r]++;
            }
            laneOf.put(r, lane);
            Thread.sleep(5); // long enough that every lane gets work
        });
        int[] once = new int[count];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, runs);
        assertEquals(3, lanesMade.get(), "one state per lane");
        assertEquals(3, laneOf.values().stream().distinct().count(), "all three lanes worked");
        // fewer realizations than lanes: no idle lane is made
        lanesMade.set(0);
        new Lanes(4, 1).run(2, lanesMade::incrementAndGet, (lane, r) -> { });
        assertEquals(2, lanesMade.get());
        new Lanes(4, 1).run(0, () -> {
            throw new AssertionError("no lane for no work");
        }, (lane, r) -> { });
    }

    @Test
    void theFailureOfTheLowestRealizationIsThrown() {
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> new Lanes(2, 1).run(20, Object::new,
                (lane, r) -> {
                    if (r == 3 || r == 4) {
                        Thread.sleep(r == 3 ? 50 : 0); // 4 fails first in time
                        throw new NumericalFailure("realization " + r);
                    }
                }));
        assertEquals("realization 3", e.getMessage());
        OutOfMemoryError oom = assertThrows(OutOfMemoryError.class, () -> new Lanes(2, 1).run(5, () -> {
            throw new OutOfMemoryError("no room for the matrix");
        }, (lane, r) -> { }));
        assertEquals("no room for the matrix", oom.getMessage());
    }

    @Test
    void twoLanesGiveTheSameNumbersAsOneBitForBit() throws Exception {
        Assumptions.assumeTrue(NativeLinalg.available(), "native OpenBLAS needed");
        int n = 300;
        int count = 6;
        StudyPoint point = new StudyPoint(n, 0.01, 0.3, 1.0);
        double[][][] results = new double[2][][];
        for (int lanes = 1; lanes <= 2; lanes++) {
            double[][] out = new double[2 * count][];
            Lanes plan = new Lanes(lanes, 1);
            NativeLinalg.setThreads(1);
            Eigensolver solver = Eigensolver.named("lapack", 1);
            plan.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
                long seed = Seeds.realizationSeed(5, point, r);
                double[] kappa = Disorder.kappa(seed, n, point.kappa0());
                Disorder.fillCouplings(seed, point.J(), m, 1);
                Minimizer.Result res = Minimizer.minimize(kappa, point.h(), NativeLinalg.couplings(m),
                        Minimizer.Settings.defaults());
                double[] d = Hessian.setDiagonal(m, kappa, res.x());
                out[2 * r] = res.x();
                out[2 * r + 1] = solver.eigenvalues(m);
            });
            results[lanes - 1] = out;
        }
        for (int k = 0; k < 2 * count; k++) {
            assertArrayEquals(results[0][k], results[1][k], 0.0, "row " + k);
        }
    }
}
