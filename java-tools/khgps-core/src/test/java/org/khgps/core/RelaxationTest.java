package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The protocols of issue 28 on small systems: what each may and must do to a realization. */
class RelaxationTest {

    static final int N = 300;
    static final double J = 0.2;
    static final StudyPoint POINT = new StudyPoint(N, 0.01, J, 1.0);
    static final Minimizer.Settings SETTINGS = Minimizer.Settings.defaults();

    static Relaxation.Outcome run(Protocol protocol, long index) {
        long seed = Seeds.realizationSeed(7, POINT, index);
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Disorder.fillCouplings(seed, J, m, 1);
        MatrixLane java = new MatrixLane(m, CouplingOperator.java(m, 1));
        return Relaxation.run(protocol, Disorder.kappa(seed, N, 1.0), POINT.h(), J, seed, java, SETTINGS, 1,
                Relaxation.DEFAULT_MAX_ROUNDS);
    }

    /** Metastable oscillators at x, classified afresh. */
    static int metastable(long index, double[] x) {
        return metastableSet(index, x).size();
    }

    @Test
    void disorderDoesNotDependOnTheProtocol() {
        for (Protocol p : Protocol.values()) {
            assertEquals(Seeds.realizationSeed(7, POINT, 3), Seeds.realizationSeed(7, POINT.withProtocol(p), 3), p.id());
        }
        assertEquals(POINT.id(), POINT.withProtocol(Protocol.ZERO).id(), "zero keeps the ids of earlier studies");
        assertNotEquals(POINT.id(), POINT.withProtocol(Protocol.FLIP).id());
        assertEquals("{\"J\":0.2,\"N\":300,\"h\":0.01,\"kappa0\":1.0,\"protocol\":\"flip\"}",
                POINT.withProtocol(Protocol.FLIP).canonicalJson());
    }

    @Test
    void zeroIsConjugateGradientFromTheOrigin() {
        long seed = Seeds.realizationSeed(7, POINT, 0);
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Disorder.fillCouplings(seed, J, m, 1);
        Minimizer.Result cg = Minimizer.minimize(Disorder.kappa(seed, N, 1.0), POINT.h(), CouplingOperator.java(m, 1), SETTINGS);
        assertArrayEquals(cg.x(), run(Protocol.ZERO, 0).result().x(), "bit for bit");
    }

    @Test
    void randomStartsFromItsOwnSeededPointAndReachesAnotherMinimum() {
        long seed = Seeds.realizationSeed(7, POINT, 0);
        double[] start = Relaxation.randomStart(seed, N);
        assertArrayEquals(start, Relaxation.randomStart(seed, N));
        assertTrue(java.util.Arrays.stream(start).allMatch(v -> v >= -1 && v <= 1));
        assertTrue(java.util.Arrays.stream(start).max().getAsDouble() > 0.9);
        Relaxation.Outcome random = run(Protocol.RANDOM, 0);
        assertTrue(random.result().converged());
        assertTrue(metastable(0, random.result().x()) >= 0, "a minimum (the Hessian is positive definite)");
        assertNotEquals(run(Protocol.ZERO, 0).result().energy(), random.result().energy());
    }

    /**
     * flip never raises H, keeps a move only when H went down, and ends with no metastable
     * oscillator or none that can move; on some realization it has moved one.
     */
    @Test
    void flipNeverRaisesTheEnergyAndRemovesMetastableOscillators() {
        int moved = 0;
        for (long r = 0; r < 8; r++) {
            Relaxation.Outcome zero = run(Protocol.ZERO, r);
            Relaxation.Outcome flip = run(Protocol.FLIP, r);
            assertTrue(flip.result().converged());
            assertEquals(zero.result().energy(), flip.energyBefore(), 0, "flip starts at CG's minimum");
            assertEquals(metastable(r, zero.result().x()), flip.metastableBefore());
            assertEquals(metastable(r, flip.result().x()), flip.metastableAfter(), "the count after is of the final minimum");
            assertTrue(flip.result().energy() <= flip.energyBefore());
            assertEquals(flip.movesAccepted() > 0, flip.result().energy() < flip.energyBefore());
            assertTrue(flip.movesAccepted() <= flip.movesTried());
            assertTrue(!flip.capped());
            moved += flip.movesAccepted();
            if (flip.metastableBefore() > 0) {
                assertTrue(flip.rounds() >= 1);
            }
        }
        assertTrue(moved > 0, "some metastable oscillator moved in 8 realizations of N = 300, J = 0.2");
    }

    /** best_random: the lowest of its random-start minima, each a minimum; the classes before are CG's from x = 0. */
    @Test
    void bestRandomKeepsTheLowestOfItsRandomStarts() {
        int deeper = 0;
        for (long r = 0; r < 4; r++) {
            Relaxation.Outcome zero = run(Protocol.ZERO, r);
            Relaxation.Outcome best = run(Protocol.BEST_RANDOM, r);
            assertEquals(Relaxation.BEST_RANDOM_STARTS, best.starts());
            assertEquals(zero.result().energy(), best.energyBefore(), 0, "paired with zero on the same disorder");
            assertEquals(metastable(r, zero.result().x()), best.metastableBefore());
            assertEquals(metastable(r, best.result().x()), best.metastableAfter());
            // none of its starts (the same streams, CG by hand) reaches lower
            long seed = Seeds.realizationSeed(7, POINT, r);
            SymmetricMatrix m = SymmetricMatrix.allocate(N);
            Disorder.fillCouplings(seed, J, m, 1);
            for (int k = 0; k < Relaxation.BEST_RANDOM_STARTS; k++) {
                Minimizer.Result one = Minimizer.minimize(Disorder.kappa(seed, N, 1.0), POINT.h(), CouplingOperator.java(m, 1),
                        SETTINGS, Relaxation.randomStart(Seeds.streamSeed(seed, Relaxation.BEST_RANDOM_STREAM - k), N));
                assertTrue(!one.converged() || one.energy() >= best.result().energy() - 1e-9);
            }
            assertNotEquals(run(Protocol.RANDOM, r).result().energy(), best.result().energy(), "its own starts, not random's");
            deeper += best.result().energy() < zero.result().energy() ? 1 : 0;
        }
        assertTrue(deeper >= 2, "deeper than CG from x = 0 on " + deeper + " of 4");
    }

    static java.util.Set<Integer> metastableSet(long index, double[] x) {
        long seed = Seeds.realizationSeed(7, POINT, index);
        double[] kappa = Disorder.kappa(seed, N, 1.0);
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Hessian.assemble(seed, J, kappa, x, m, 1);
        double[] inverse = InverseDiagonal.of(m);
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < N; i++) {
            if (Cavity.site(kappa[i], x[i], inverse[i]).kind() == Cavity.METASTABLE) {
                out.add(i);
            }
        }
        return out;
    }
}
