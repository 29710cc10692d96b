package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The automatic tail windows on synthetic spectra with known answers. */
class TailFitTest {

    /** Sorted frequencies and the realization each came from (assigned at random among {@code realizations}). */
    private record Sample(double[] omega, int[] owner, int realizations) {
    }

    private static Sample sorted(double[] omega, int realizations, Xoshiro256 rng) {
        Arrays.sort(omega);
        int[] owner = new int[omega.length];
        for (int i = 0; i < omega.length; i++) {
            owner[i] = (int) (rng.nextDouble() * realizations);
        }
        return new Sample(omega, owner, realizations);
    }

    /** 200 modes below omegaB drawn from D ~ omega^beta, the other m - 200 flat on [omegaB, 1]. */
    private static Sample powerTail(double beta, double omegaB, int m, long seed) {
        Xoshiro256 rng = new Xoshiro256(seed);
        double[] omega = new double[m];
        for (int i = 0; i < m; i++) {
            omega[i] = i < 200 ? omegaB * Math.pow(rng.nextDouble(), 1 / (beta + 1)) : omegaB + (1 - omegaB) * rng.nextDouble();
        }
        return sorted(omega, 100, rng);
    }

    private static TailFit.Auto auto(Sample s, TailFit.Bound bound) {
        return TailFit.auto(s.omega(), s.omega().length, 20, bound, s.owner(), s.realizations(), 200, 5);
    }

    private static double exponentSigma(Sample s, TailFit.Auto a) {
        return TailFit.bootstrap(s.omega(), s.owner(), s.realizations(), s.omega().length, a.slopeWindow().omegaHigh(),
                400, 9).exponentErr();
    }

    @Test
    void aQuarticTailUnderAGapEdgeBumpGivesABackUnbiased() {
        // 40% of the modes follow A omega^4 on [0, 0.3]; 60% pile up in a bump at the J = 0 gap
        // edge of h = 0.01 (0.2466), Gaussian of width 0.02, so it leaks below the edge
        double h = 0.01;
        double edge = TailFit.gapEdge(h);
        int m = 400_000;
        double w1 = 0.3;
        double p = 0.4;
        double a = p * 5 / Math.pow(w1, 5);
        Xoshiro256 rng = new Xoshiro256(31);
        double[] omega = new double[m];
        for (int i = 0; i < m; i++) {
            omega[i] = rng.nextDouble() < p ? w1 * Math.pow(rng.nextDouble(), 0.2) : Math.abs(edge + 0.02 * rng.nextGaussian());
        }
        Sample s = sorted(omega, 200, rng);
        TailFit.Bound bound = TailFit.bound(h, Double.NaN); // omega_x unknown: the gap edge bounds the window
        assertEquals(edge, bound.omegaMax(), 1e-15);
        TailFit.Auto fit = auto(s, bound);
        assertTrue(fit.ok(), fit.status());
        TailFit.Bootstrap err = TailFit.bootstrap(s.omega(), s.owner(), 200, m, fit.aGWindow().omegaHigh(), 300, 7);
        System.out.printf("bump: A = %.4g, A_g = %.4g +- %.2g over %d modes up to %.4g; whole physics window %.4g%n", a,
                fit.aGWindow().aG(), err.aGErr(), fit.aGWindow().modesInWindow(), fit.aGWindow().omegaHigh(), fit.slopeWindow().aG());
        assertEquals(a, fit.aGWindow().aG(), 3 * err.aGErr(), "A_g within 3 sigma of " + a);
        assertTrue(err.aGErr() / a < 0.1, "a real window: relative error " + err.aGErr() / a);
        assertTrue(fit.aGWindow().omegaHigh() < edge - 0.04, "the plateau ends below the bump: " + fit.aGWindow().omegaHigh());
        // the bump would have biased the count over the whole physics window
        double naive = fit.slopeWindow().aG();
        assertTrue(naive > a * 1.5, "counting up to the gap edge is biased: " + naive + " vs " + a);
    }

    @Test
    void anOmegaCubedTailOf200ModesIsReportedInconsistentWithFour() {
        Sample s = powerTail(3, 0.1, 100_000, 41);
        TailFit.Auto fit = auto(s, new TailFit.Bound(0.1, Double.NaN, Double.NaN, false));
        assertTrue(fit.ok(), fit.status());
        assertEquals(199, fit.slopeWindow().modesInWindow(), "every mode below the bound, without reference to 4");
        double sigma = exponentSigma(s, fit);
        System.out.printf("cubic: exponent %.3f +- %.3f over %d modes%n", fit.slopeWindow().exponent(), sigma,
                fit.slopeWindow().modesInWindow());
        assertEquals(3.0, fit.slopeWindow().exponent(), 2 * sigma);
        assertFalse(TailFit.consistentWith4(fit.slopeWindow().exponent(), sigma),
                "exponent " + fit.slopeWindow().exponent() + " +- " + sigma);
    }

    @Test
    void aPureQuarticTailOf200ModesIsReportedConsistentWithFour() {
        Sample s = powerTail(4, 0.1, 100_000, 43);
        TailFit.Auto fit = auto(s, new TailFit.Bound(0.1, Double.NaN, Double.NaN, false));
        assertTrue(fit.ok(), fit.status());
        double sigma = exponentSigma(s, fit);
        System.out.printf("quartic: exponent %.3f +- %.3f over %d modes, A_g %.4g +- %.2g (true %.4g)%n",
                fit.slopeWindow().exponent(), sigma, fit.slopeWindow().modesInWindow(), fit.aGWindow().aG(),
                fit.aGWindow().aGErr(), 200.0 / 100_000 * 5 / Math.pow(0.1, 5));
        assertTrue(TailFit.consistentWith4(fit.slopeWindow().exponent(), sigma),
                "exponent " + fit.slopeWindow().exponent() + " +- " + sigma);
        // A = 200 modes / M below 0.1 with density 5 omega^4 / 0.1^5: no bump, the plateau is the whole window
        double a = 200.0 / 100_000 * 5 / Math.pow(0.1, 5);
        assertEquals(a, fit.aGWindow().aG(), 3 * fit.aGWindow().aGErr());
        assertEquals(fit.slopeWindow().modesInWindow(), fit.aGWindow().modesInWindow());
    }

    @Test
    void theBoundIsHalfOmegaXAndTheGapEdgeOnlyInTheWeakRegime() {
        double h = 0.01;
        assertEquals(Math.cbrt(0.015), TailFit.gapEdge(h), 1e-15);
        // weak (omega_x = 1.08 h^(1/3)): omega_x / 2 is below the gap edge anyway
        assertEquals(0.1163, TailFit.bound(h, 0.2326).omegaMax(), 1e-4);
        assertTrue(TailFit.bound(h, 0.2326).weak());
        // intermediate: omega_x / 2 = 0.264 beyond the gap edge is allowed
        assertEquals(0.2642, TailFit.bound(h, 0.5284).omegaMax(), 1e-4);
        assertFalse(TailFit.bound(h, 0.5284).weak());
        assertEquals(Double.POSITIVE_INFINITY, TailFit.bound(0, Double.NaN).omegaMax());
    }

    @Test
    void tooFewModesBelowTheBoundGiveNoWindowButCurves() {
        Sample s = powerTail(4, 0.1, 5_000, 47);
        TailFit.Auto fit = auto(s, new TailFit.Bound(0.03, Double.NaN, Double.NaN, false));
        assertFalse(fit.ok());
        assertNull(fit.slopeWindow());
        assertTrue(fit.status().startsWith("no window"), fit.status());
        assertTrue(fit.hill().k().length > 10);
    }

    @Test
    void theHillCurveHasBootstrapBandsAroundIt() {
        Sample s = powerTail(4, 0.1, 20_000, 53);
        TailFit.Auto fit = auto(s, new TailFit.Bound(0.1, Double.NaN, Double.NaN, false));
        TailFit.Curve hill = fit.hill();
        int inside = 0;
        for (int j = 0; j < hill.k().length; j++) {
            assertEquals(s.omega()[hill.k()[j]], hill.omega()[j]);
            assertTrue(hill.lo()[j] <= hill.hi()[j]);
            if (hill.omega()[j] < 0.1 && hill.lo()[j] <= 4 && 4 <= hill.hi()[j]) {
                inside++;
            }
        }
        assertTrue(inside >= 3, "the 68% band covers 4 at some windows below the bound");
        // above the bound the flat part pulls the local exponent far below 4
        assertTrue(hill.value()[hill.k().length - 1] < 1.5);
        assertEquals(fit.compensated().value()[0], 5.0 * hill.k()[0] / (20_000 * Math.pow(hill.omega()[0], 5)), 1e-9);
    }
}
