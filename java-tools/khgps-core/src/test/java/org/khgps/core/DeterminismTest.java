package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DeterminismTest {

    private final StudyPoint point = new StudyPoint(256, 0.01, 0.05, 1.0);

    @Test
    void xoshiroProducesItsGoldenSequence() {
        // pinned: changing the generator changes every published realization
        Xoshiro256 rng = new Xoshiro256(42);
        long[] golden = {rng.nextLong(), rng.nextLong(), rng.nextLong()};
        Xoshiro256 again = new Xoshiro256(42);
        assertArrayEquals(golden, new long[] {again.nextLong(), again.nextLong(), again.nextLong()});
        assertEquals(GOLDEN_FIRST, golden[0]);
    }

    /**
     * First output of xoshiro256** whose state is four SplitMix64 outputs from 42, computed by an
     * independent Python transcription of the reference C code.
     */
    static final long GOLDEN_FIRST = 1546998764402558742L;

    @Test
    void realizationSeedDependsOnStudySeedPointAndIndexOnly() {
        long a = Seeds.realizationSeed(42, point, 5);
        assertEquals(a, Seeds.realizationSeed(42, new StudyPoint(256, 0.01, 0.05, 1.0), 5));
        assertNotEquals(a, Seeds.realizationSeed(43, point, 5));
        assertNotEquals(a, Seeds.realizationSeed(42, point, 6));
        assertNotEquals(a, Seeds.realizationSeed(42, new StudyPoint(256, 0.01, 0.06, 1.0), 5));
    }

    @Test
    void couplingsDoNotDependOnThreadCount() {
        long seed = Seeds.realizationSeed(42, point, 0);
        SymmetricMatrix one = SymmetricMatrix.allocate(500);
        SymmetricMatrix two = SymmetricMatrix.allocate(500);
        Disorder.fillCouplings(seed, 0.3, one, 1);
        Disorder.fillCouplings(seed, 0.3, two, 2);
        assertArrayEquals(one.toArray(), two.toArray());
    }

    @Test
    void pointIdIsAHashOfTheSortedParameters() {
        assertEquals("{\"J\":0.05,\"N\":256,\"h\":0.01,\"kappa0\":1.0}", point.canonicalJson());
        assertEquals(12, point.id().length());
        assertEquals(point.id(), new StudyPoint(256, 1e-2, 5e-2, 1).id());
        assertNotEquals(point.id(), new StudyPoint(256, 0.01, 0.2, 1.0).id());
    }
}
