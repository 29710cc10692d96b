package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    @Test
    void lineSearchFindsTheFirstMinimumOfTheQuartic() {
        double[][] cases = {{-1, 2, 0, 1}, {-0.3, -2, 0.5, 1}, {-1e-6, 1e-3, 0, 1e-9}, {-5, 0, -3, 2}};
        for (double[] c : cases) {
            double a = LineSearch.firstMinimum(c[0], c[1], c[2], c[3]);
            double slope = c[0] + a * (c[1] + a * (c[2] + a * c[3]));
            assertEquals(0, slope, 1e-12 * (Math.abs(c[0]) + 1), Arrays.toString(c));
            // brute force: the energy change decreases on (0, a) and a is a local minimum
            double previous = 0;
            for (int k = 1; k <= 1000; k++) {
                double e = LineSearch.energyChange(a * k / 1000, c[0], c[1], c[2], c[3]);
                assertTrue(e <= previous + 1e-15, "monotone descent to the first minimum");
                previous = e;
            }
            assertTrue(LineSearch.energyChange(a * 1.01, c[0], c[1], c[2], c[3]) >= previous);
        }
        assertEquals(0, LineSearch.firstMinimum(1, 1, 0, 1), "uphill direction: no step");
    }

    @Test
    void histogramIsNormalizedPerMode() {
        Xoshiro256 rng = new Xoshiro256(8);
        double[] omega = new double[10_000];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = Math.exp(-3 + 3 * rng.nextDouble());
        }
        Spectra.Histogram hist = Spectra.logHistogram(omega, 30);
        double integral = 0;
        long total = 0;
        for (int b = 0; b < 30; b++) {
            integral += hist.dos()[b] * (hist.edges()[b + 1] - hist.edges()[b]);
            total += hist.counts()[b];
        }
        assertEquals(1.0, integral, 1e-12);
        assertEquals(omega.length, total);
        assertEquals(Math.log(hist.edges()[1] / hist.edges()[0]), Math.log(hist.edges()[30] / hist.edges()[29]), 1e-12);
    }

    @Test
    void lowestModesMergeTheRowsLikeAStableSortOfAllModes() {
        Xoshiro256 rng = new Xoshiro256(12);
        double[][] eig = new double[7][50];
        for (double[] row : eig) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.floor(100 * rng.nextDouble()) / 100; // ties across rows
            }
            Arrays.sort(row);
        }
        Integer[] order = new Integer[350];
        for (int i = 0; i < 350; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig[a / 50][a % 50], eig[b / 50][b % 50]));
        Spectra.Lowest lowest = Spectra.lowest(eig, 120);
        for (int j = 0; j < 120; j++) {
            assertEquals(Math.sqrt(eig[order[j] / 50][order[j] % 50]), lowest.omega()[j]);
            assertEquals(order[j] / 50, lowest.row()[j]);
        }
    }

    @Test
    void tailFitRecoversAKnownQuarticLaw() {
        // D(omega) = A omega^4 on [0, w1] with A w1^5 / 5 = 1: omega = w1 u^(1/5)
        double w1 = 0.5;
        double a = 5 / Math.pow(w1, 5);
        int m = 200_000;
        Xoshiro256 rng = new Xoshiro256(17);
        double[] omega = new double[m];
        for (int i = 0; i < m; i++) {
            omega[i] = w1 * Math.pow(rng.nextDouble(), 0.2);
        }
        Arrays.sort(omega);
        TailFit.Result fit = TailFit.fit(omega, m, 0.01, 20);
        assertEquals(2000, fit.modesInWindow());
        assertEquals(a, fit.aG(), 3 * fit.aGErr(), "A_g within 3 sigma");
        assertEquals(4.0, fit.exponent(), 3 * fit.exponentErr(), "exponent within 3 sigma");
        assertTrue(fit.aGErr() / fit.aG() < 0.03);
        // the binned cross-check over the same window agrees
        Spectra.Histogram h = Spectra.logHistogram(omega, 60);
        double[] binned = TailFit.binned(h.edges(), h.counts(), m, 0, fit.omegaHigh());
        assertEquals(a, binned[0], 3 * binned[1]);
    }

    @Test
    void plateauOfTheCompensatedCountEndsWhereTheQuarticLawEnds() {
        // D = A omega^4 below w1 = 0.3, then flat (D = A w1^4) up to 1: the window must end near w1
        double w1 = 0.3;
        double massLow = 0.3 * 0.3 * 0.3 * 0.3 * 0.3 / 5;
        double massHigh = Math.pow(w1, 4) * (1 - w1);
        double pLow = massLow / (massLow + massHigh);
        int m = 400_000;
        Xoshiro256 rng = new Xoshiro256(21);
        int[] owner = new int[m];
        double[] omega = new double[m];
        for (int i = 0; i < m; i++) {
            omega[i] = rng.nextDouble() < pLow ? w1 * Math.pow(rng.nextDouble(), 0.2) : w1 + (1 - w1) * rng.nextDouble();
        }
        Arrays.sort(omega);
        TailFit.Auto auto = TailFit.auto(omega, m, 20, new TailFit.Bound(Double.POSITIVE_INFINITY, Double.NaN,
                Double.NaN, false), null, 0, 0, 1);
        assertTrue(auto.aGWindow().omegaHigh() > 0.15 && auto.aGWindow().omegaHigh() <= 0.33,
                "window edge " + auto.aGWindow().omegaHigh());
        double a = (1.0 / (massLow + massHigh));
        assertEquals(a, auto.aGWindow().aG(), 3 * auto.aGWindow().aGErr());
        // the bootstrap over 100 "realizations" of 4000 modes each agrees with Poisson's error
        for (int i = 0; i < m; i++) {
            owner[i] = (int) (rng.nextDouble() * 100);
        }
        TailFit.Bootstrap b = TailFit.bootstrap(omega, owner, 100, m, auto.aGWindow().omegaHigh(), 300, 3);
        assertEquals(auto.aGWindow().aGErr(), b.aGErr(), 0.3 * auto.aGWindow().aGErr());
    }

    @Test
    void automaticWindowFlagsAGappedSpectrum() {
        Xoshiro256 rng = new Xoshiro256(4);
        double[] omega = new double[10_000];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = 0.25 + rng.nextDouble(); // flat above a gap: locally omega^0
        }
        Arrays.sort(omega);
        TailFit.Auto auto = TailFit.auto(omega, omega.length, 20, new TailFit.Bound(Double.POSITIVE_INFINITY, Double.NaN,
                Double.NaN, false), null, 0, 0, 1);
        TailFit.Result r = auto.slopeWindow();
        assertEquals(false, TailFit.consistentWith4(r.exponent(), r.exponentErr()));
    }

    @Test
    void tailFitRecoversAnotherExponent() {
        int m = 100_000;
        Xoshiro256 rng = new Xoshiro256(18);
        double[] omega = new double[m];
        for (int i = 0; i < m; i++) {
            omega[i] = Math.pow(rng.nextDouble(), 1.0 / 3); // D = 3 omega^2 on [0, 1]
        }
        Arrays.sort(omega);
        TailFit.Result fit = TailFit.fit(omega, m, 0.02, 20);
        assertEquals(2.0, fit.exponent(), 3 * fit.exponentErr());
    }
}
