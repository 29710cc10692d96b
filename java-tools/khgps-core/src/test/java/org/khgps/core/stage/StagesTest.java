package org.khgps.core.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.khgps.core.Disorder;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Hessian;
import org.khgps.core.Lanes;
import org.khgps.core.Minimizer;
import org.khgps.core.NumericalFailure;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;
import org.khgps.core.TailFit;

/**
 * The five stages in memory, chained as the pipeline chains them, on one small point: what each
 * hands on is checked against physics (a minimum, a positive spectrum, counts that add up) and
 * against an independent route (the full spectrum for the lowest modes, TailFit for the fit).
 */
class StagesTest {

    private static final StudyPoint POINT = new StudyPoint(60, 0.01, 0.3, 1.0);
    private static final long SEED = 11;
    private static final List<String> LOG = new ArrayList<>();
    private static final List<String> CHAIN_LOG = new ArrayList<>(); // the minimize stage of chain() alone
    private static DisorderChunk disorder;
    private static MinimaChunk minima;
    private static SpectraChunk full;

    @BeforeAll
    static void chain() throws Exception {
        disorder = DisorderChunk.sample(POINT, SEED, 3, 6);
        minima = MinimaChunk.minimize(disorder, Minimizer.Settings.defaults(), new Lanes(1, 1), false, CHAIN_LOG::add);
        full = SpectraChunk.full(minima, Eigensolver.named("ejml"), new Lanes(1, 1), LOG::add);
    }

    @Test
    void sampleDrawsEachRealizationFromItsOwnSeed() {
        assertArrayEquals(new long[] {3, 4, 5, 6, 7, 8}, disorder.realization());
        for (int r = 0; r < disorder.size(); r++) {
            long seed = Seeds.realizationSeed(SEED, POINT, 3 + r);
            assertEquals(seed, disorder.realizationSeed()[r]);
            assertArrayEquals(Disorder.kappa(seed, POINT.N(), POINT.kappa0()), disorder.kappa()[r], 0.0);
        }
        // a realization does not depend on the chunk it was drawn in
        assertArrayEquals(disorder.kappa()[2], DisorderChunk.sample(POINT, SEED, 5, 1).kappa()[0], 0.0);
    }

    @Test
    void minimizeReachesAStationaryPointOfH() {
        SymmetricMatrix couplings = SymmetricMatrix.allocate(POINT.N());
        for (int r = 0; r < minima.size(); r++) {
            assertEquals(1, minima.converged()[r]);
            Disorder.fillCouplings(minima.realizationSeed()[r], POINT.J(), couplings, 1);
            double[] jx = new double[POINT.N()];
            couplings.multiplyJava(minima.x()[r], jx, 1);
            double[] g = new double[POINT.N()];
            Hamiltonian.gradient(minima.kappa()[r], POINT.h(), minima.x()[r], jx, g);
            assertTrue(Hamiltonian.maxAbs(g) <= Minimizer.Settings.DEFAULT_TOLERANCE, "max|g| " + Hamiltonian.maxAbs(g));
        }
        assertEquals(minima.size(), CHAIN_LOG.stream().filter(l -> l.startsWith("minimize: realization")).count());
    }

    @Test
    void chunkingDoesNotChangeTheMinimaTheSpectraOrThePool() throws Exception {
        List<MinimaChunk> parts = new ArrayList<>();
        List<SpectraChunk> spectra = new ArrayList<>();
        for (long[] range : new long[][] {{3, 2}, {5, 4}}) {
            MinimaChunk m = MinimaChunk.minimize(DisorderChunk.sample(POINT, SEED, range[0], (int) range[1]),
                    Minimizer.Settings.defaults(), new Lanes(2, 1), false, LOG::add);
            parts.add(m);
            spectra.add(SpectraChunk.full(m, Eigensolver.named("ejml"), new Lanes(1, 1), LOG::add));
        }
        for (int r = 0; r < 6; r++) {
            int part = r < 2 ? 0 : 1;
            int row = r < 2 ? r : r - 2;
            assertArrayEquals(minima.x()[r], parts.get(part).x()[row], 0.0, "x of realization " + (3 + r));
            assertArrayEquals(full.eigenvalues()[r], spectra.get(part).eigenvalues()[row], 0.0, "eigenvalues " + (3 + r));
        }
        PointDos whole = PointDos.pool(POINT, SEED, List.of(minima), List.of(full), PointDos.Policy.EXCLUDE, 10, 20, LOG::add);
        PointDos chunked = PointDos.pool(POINT, SEED, parts, List.of(spectra.get(1), spectra.get(0)), PointDos.Policy.EXCLUDE,
                10, 20, LOG::add);
        assertArrayEquals(whole.omegaTail(), chunked.omegaTail(), 0.0);
        assertArrayEquals(whole.omegaTailRealization(), chunked.omegaTailRealization());
        assertArrayEquals(whole.histogram().counts(), chunked.histogram().counts());
        assertEquals(whole.x2(), chunked.x2(), 0.0);
        assertEquals(whole.realizationRanges(), chunked.realizationRanges());
    }

    @Test
    void theHessianIsTheDerivativeOfTheGradient() {
        int r = 1;
        int n = POINT.N();
        double[] kappa = minima.kappa()[r];
        double[] x = minima.x()[r];
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        Hessian.assemble(minima.realizationSeed()[r], POINT.J(), kappa, x, m, 1);
        SymmetricMatrix couplings = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(minima.realizationSeed()[r], POINT.J(), couplings, 1);
        double eps = 1e-5;
        for (int j : new int[] {0, 17, n - 1}) {
            double[] plus = gradient(couplings, kappa, x, j, eps);
            double[] minus = gradient(couplings, kappa, x, j, -eps);
            for (int i = 0; i < n; i++) {
                assertEquals((plus[i] - minus[i]) / (2 * eps), m.get(i, j), 1e-8, "M[" + i + "][" + j + "]");
            }
        }
    }

    private static double[] gradient(SymmetricMatrix couplings, double[] kappa, double[] x, int j, double step) {
        double[] moved = x.clone();
        moved[j] += step;
        double[] jx = new double[x.length];
        couplings.multiplyJava(moved, jx, 1);
        double[] g = new double[x.length];
        Hamiltonian.gradient(kappa, POINT.h(), moved, jx, g);
        return g;
    }

    @Test
    void diagonalizeFindsAPositiveSpectrumWhoseLowestModesTheShiftInvertSearchAgreesWith() throws Exception {
        for (int r = 0; r < full.realization().length; r++) {
            assertEquals(POINT.N(), full.eigenvalues()[r].length);
            assertEquals(0, full.negativeModes()[r]);
            assertTrue(full.traceResidual()[r] < 1e-12 && full.frobeniusResidual()[r] < 1e-12);
        }
        SpectraChunk lowest = SpectraChunk.lowest(minima, 4, 1, new Lanes(2, 1), LOG::add);
        assertEquals("lowest 4 of 60", lowest.modesDescription());
        for (int r = 0; r < lowest.realization().length; r++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(full.eigenvalues()[r][k], lowest.eigenvalues()[r][k], 1e-9 * full.eigenvalues()[r][k]);
                double pr = lowest.modes().participationRatio()[r][k];
                assertTrue(pr > 0 && pr <= 1, "participation ratio " + pr);
            }
            assertEquals(POINT.N(), lowest.modes().vectors()[r][0].length);
        }
    }

    @Test
    void diagonalizeRefusesMinimaWhoseXWasMoved() {
        double[][] x = minima.x().clone();
        x[2] = x[2].clone();
        x[2][5] += 1e-4;
        MinimaChunk moved = new MinimaChunk(POINT, SEED, minima.realization(), minima.realizationSeed(), minima.kappa(),
                x, minima.converged(), minima.maxGradient(), minima.iterations(), minima.energy(), minima.tolerance(),
                minima.maxIterations(), minima.preconditionBelow());
        InputMismatch e = assertThrows(InputMismatch.class,
                () -> SpectraChunk.full(moved, Eigensolver.named("ejml"), new Lanes(1, 1), LOG::add));
        assertTrue(e.getMessage().startsWith("realization 5: max_grad is stored as"), e.getMessage());
    }

    @Test
    void poolCountsEveryModeOnceAndLeavesOutASaddleUnderExclude() {
        PointDos dos = PointDos.pool(POINT, SEED, List.of(minima), List.of(full), PointDos.Policy.EXCLUDE, 10, 20, LOG::add);
        assertEquals(6, dos.realizations());
        assertEquals(6L * POINT.N(), dos.modes());
        assertEquals(dos.modes(), Arrays.stream(dos.histogram().counts()).sum());
        assertEquals(Math.min(dos.modes(), PointDos.TAIL_MIN_MODES), dos.omegaTail().length);
        assertEquals(Math.sqrt(Arrays.stream(full.eigenvalues()).mapToDouble(e -> e[0]).min().orElseThrow()),
                dos.omegaTail()[0], 0.0);
        assertEquals("3-8", dos.realizationRanges());

        SpectraChunk saddle = withNegativeMode(full, 1);
        PointDos excluded = PointDos.pool(POINT, SEED, List.of(minima), List.of(saddle), PointDos.Policy.EXCLUDE, 10, 20,
                LOG::add);
        assertEquals(5L * POINT.N(), excluded.modes());
        assertEquals(6, excluded.realizations());
        assertEquals(1, excluded.negativeModes());
        assertTrue(LOG.contains("histogram: realization 4 left out (1 negative eigenvalues)"), LOG.toString());
        assertThrows(NumericalFailure.class, () -> PointDos.pool(POINT, SEED, List.of(minima), List.of(saddle),
                PointDos.Policy.FAIL, 10, 20, LOG::add));
    }

    @Test
    void poolRefusesMinimaAndSpectraOfDifferentRealizations() {
        SpectraChunk shifted = new SpectraChunk(POINT, SEED, new long[] {3, 4, 5, 6, 7, 9}, full.converged(),
                full.eigenvalues(), full.negativeModes(), full.traceResidual(), full.frobeniusResidual(), full.solver());
        InputMismatch e = assertThrows(InputMismatch.class, () -> PointDos.pool(POINT, SEED, List.of(minima),
                List.of(shifted), PointDos.Policy.EXCLUDE, 10, 20, LOG::add));
        assertEquals("minima files hold realizations 3-8 but spectra files hold 3-7,9", e.getMessage());
    }

    @Test
    void fitWithAFractionWindowIsTailFitOnThePooledTail() {
        PointDos dos = PointDos.pool(POINT, SEED, List.of(minima), List.of(full), PointDos.Policy.EXCLUDE, 10, 20, LOG::add);
        PointFit fit = PointFit.fit(dos, new PointFit.Settings(PointFit.Window.FRACTION, 0.05, 8, 0, Double.NaN));
        TailFit.Result direct = TailFit.fit(dos.omegaTail(), dos.modes(), 0.05, 8);
        assertEquals(direct.aG(), fit.fit().aG(), 0.0);
        assertEquals(direct.exponent(), fit.fit().exponent(), 0.0);
        assertEquals("fraction 0.05", fit.window());
        assertEquals(dos.x2(), fit.x2(), 0.0);
        assertTrue(fit.summary().startsWith("fit: point " + POINT.id()), fit.summary());
    }

    private static SpectraChunk withNegativeMode(SpectraChunk s, int row) {
        double[][] eigenvalues = s.eigenvalues().clone();
        eigenvalues[row] = eigenvalues[row].clone();
        eigenvalues[row][0] = -1e-3;
        int[] negative = s.negativeModes().clone();
        negative[row] = 1;
        return new SpectraChunk(s.point(), s.seed(), s.realization(), s.converged(), eigenvalues, negative,
                s.traceResidual(), s.frobeniusResidual(), s.solver());
    }
}
