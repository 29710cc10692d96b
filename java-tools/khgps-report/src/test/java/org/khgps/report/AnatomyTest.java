package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.khgps.core.CavityTheory;
import org.khgps.core.Lanes;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Protocol;
import org.khgps.core.Relaxation;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.DisorderChunk;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;
import org.khgps.core.stage.SpectraChunk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The paired protocol comparison on tails that --spectrum lowest leaves complete only below
 * omega_x / 2 (the anatomy study at J >= 0.2: its first report had no paired difference there).
 */
class AnatomyTest {

    /** Each protocol's point, built once for all tests (a few seconds each: minimize, lowest modes, theory). */
    private static final java.util.Map<Protocol, Study.Point> POINTS = new java.util.EnumMap<>(Protocol.class);

    static Study.Point point(Protocol protocol) throws Exception {
        Study.Point p = POINTS.get(protocol);
        if (p == null) {
            p = build(protocol);
            POINTS.put(protocol, p);
        }
        return p;
    }

    private static Study.Point build(Protocol protocol) throws Exception {
        StudyPoint pt = new StudyPoint(200, 0.01, 0.5, 1.0);
        long seed = 2021;
        DisorderChunk disorder = DisorderChunk.sample(pt, seed, 0, 60);
        MinimaChunk minima = MinimaChunk.minimize(disorder, Minimizer.Settings.defaults(), new Lanes(1, 1), false, s -> { },
                protocol, Relaxation.DEFAULT_MAX_ROUNDS);
        // K = 4 lowest modes of 200: the pooled tail is complete only below the smallest lambda_4
        SpectraChunk spectra = SpectraChunk.lowest(minima, 4, 0, new Lanes(1, 1), s -> { });
        PointDos dos = PointDos.pool(minima.point(), seed, List.of(minima), List.of(spectra), PointDos.Policy.EXCLUDE, 40, 100,
                s -> { });
        PointFit fit = PointFit.fit(dos, new PointFit.Settings(PointFit.Window.AUTO, 0.05, 10, 200, Double.NaN));
        PointTheory theory = PointTheory.solve(minima.point(), seed, dos.histogram().edges(), "dos file",
                CavityTheory.Settings.defaults());
        return new Study.Point(dos, fit, theory);
    }

    @Test
    void pairsTheProtocolsBelowTheCompleteTailWhenItEndsBeforeHalfOmegaX() throws Exception {
        Assumptions.assumeTrue(NativeLinalg.available(), "the lowest modes need the native library");
        Study.Point zero = point(Protocol.ZERO);
        Study.Point flip = point(Protocol.FLIP);
        Study study = Study.of(List.of(zero, flip), List.of(), s -> { });
        double halfOmegaX = study.result(0).omegaX().omegaX() / 2;
        double complete = Math.min(zero.fit().tail().exponentOmegaMax(), flip.fit().tail().exponentOmegaMax());
        double last = zero.dos().omegaTail()[zero.dos().omegaTail().length - 1];
        // the case of the study: omega_x / 2 lies beyond the stored tail, so a Hill exponent there is undefined
        assertTrue(halfOmegaX > last, "omega_x / 2 = " + halfOmegaX + " within the stored tail (last " + last + ")");

        List<Anatomy.Paired> paired = Anatomy.paired(study);

        assertEquals(1, paired.size());
        Anatomy.Paired p = paired.get(0);
        assertEquals(complete, p.omegaC(), 0.0, "the edge is the lower of the fits' window bounds");
        assertTrue(Double.isFinite(p.delta()) && p.deltaErr() > 0, "paired " + p.delta() + " +- " + p.deltaErr());
        // the same number as the two Hill exponents below that edge, taken apart
        assertEquals(Anatomy.hill(flip.dos(), p.omegaC(), null) - Anatomy.hill(zero.dos(), p.omegaC(), null), p.delta(), 1e-12);
    }

    @Test
    void ordersPointsThatDifferOnlyInTheirProtocolByProtocolWhateverTheInputOrder() throws Exception {
        Assumptions.assumeTrue(NativeLinalg.available(), "the lowest modes need the native library");
        Study.Point zero = point(Protocol.ZERO);
        Study.Point flip = point(Protocol.FLIP);
        Study.Point best = point(Protocol.BEST_RANDOM);
        // the pipeline hands the report its files in the order of the hashed point ids: any order
        for (List<Study.Point> in : List.of(List.of(zero, flip, best), List.of(best, flip, zero), List.of(flip, zero, best))) {
            Study study = Study.of(in, List.of(), s -> { });
            assertEquals(List.of(Protocol.ZERO, Protocol.FLIP, Protocol.BEST_RANDOM),
                    study.points().stream().map(q -> q.dos().point().protocol()).toList(),
                    "input " + in.stream().map(q -> q.dos().point().protocol()).toList());
        }
    }

    @Test
    void estimatesTheSpinodalExponentOfAKnownLaw() {
        // N(d) ~ d^theta: the quantiles d_i = (i / n)^(1 / theta) of that law, for theta = 1 and 2
        for (double theta : new double[] {1, 2}) {
            int n = 4000;
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = Math.pow((i + 0.5) / n, 1 / theta);
            }
            Anatomy.SpinodalLaw law = Anatomy.spinodal(d);
            assertEquals(theta, law.exponent(), 0.01 * theta, "theta " + theta);
            assertEquals(theta / Math.sqrt(n / 2), law.exponentErr(), 1e-3 * theta);
            assertEquals(d[n / 2], law.dEdge(), 0.0);
        }
        assertEquals(null, Anatomy.spinodal(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), "fewer than 10 modes: none");
    }
}
