package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * J = 0: the oscillators decouple. Each x_i solves kappa_i x + x^3/6 = h, M = diag(kappa_i + x_i^2/2).
 *
 * <p>Gap: lambda(kappa) = kappa + x^2/2 with x'(kappa) = -x / (kappa + x^2/2) has
 * lambda' = 1 - x^2 / (kappa + x^2/2), zero where kappa = x^2/2; there 2x^3/3 = h, so
 * x* = (3h/2)^(1/3) and lambda_min = x*^2, omega_gap = (3h/2)^(1/3) (0.2466 at h = 0.01).
 *
 * <p>&lt;x^2&gt;: with kappa = h/x - x^2/6, dkappa = -(h/x^2 + x/3) dx, so
 * kappa0 &lt;x^2&gt; = int x^2 dkappa = [h x + x^4/12] from x(kappa0) to x(0) = (6h)^(1/3).
 */
class ExactLimitTest {

    private static final double H = 0.01;
    private static final double KAPPA0 = 1.0;

    static double xOf(double kappa, double h) {
        double x = Math.cbrt(6 * h);
        for (int k = 0; k < 100; k++) {
            x -= (kappa * x + x * x * x / 6 - h) / (kappa + x * x / 2);
        }
        return x;
    }

    static double exactMeanX2(double h, double kappa0) {
        double x0 = Math.cbrt(6 * h);
        double x1 = xOf(kappa0, h);
        return (h * (x0 - x1) + (Math.pow(x0, 4) - Math.pow(x1, 4)) / 12) / kappa0;
    }

    @Test
    void minimizerSolvesEachOscillatorAndSpectrumIsTheHessianDiagonal() {
        int n = 400;
        StudyPoint point = new StudyPoint(n, H, 0.0, KAPPA0);
        long seed = Seeds.realizationSeed(1, point, 0);
        double[] kappa = Disorder.kappa(seed, n, KAPPA0);
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(seed, 0.0, m, 1);
        Minimizer.Result result = Minimizer.minimize(kappa, H, CouplingOperator.java(m, 1), Minimizer.Settings.defaults());
        assertTrue(result.converged());
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            double x = xOf(kappa[i], H);
            // |x - x*| <= |g| / (local stiffness kappa + x^2/2)
            assertEquals(x, result.x()[i], 1.01 * 1e-10 / (kappa[i] + x * x / 2), "x_" + i);
            // at J = 0 the Hessian is diagonal: its eigenvalues are kappa_i + x_i^2/2 exactly
            expected[i] = kappa[i] + result.x()[i] * result.x()[i] / 2;
            m.setDiagonal(i, expected[i]);
        }
        java.util.Arrays.sort(expected);
        double[] eig = Eigensolver.named("auto").eigenvalues(m);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], eig[i], 1e-12, "eigenvalue " + i);
        }
    }

    @Test
    void gapAndMeanSquareDisplacementMatchTheirClosedForms() {
        // a dense kappa grid stands in for many realizations: the minimum of kappa + x^2/2 and
        // the kappa-average of x^2 must reach the closed forms
        double gap = Math.pow(1.5 * H, 2.0 / 3);
        int samples = 200_000;
        double minLambda = Double.POSITIVE_INFINITY;
        double sumX2 = 0;
        for (int s = 0; s < samples; s++) {
            double kappa = KAPPA0 * (s + 0.5) / samples;
            double x = xOf(kappa, H);
            minLambda = Math.min(minLambda, kappa + x * x / 2);
            sumX2 += x * x;
        }
        assertEquals(gap, minLambda, 1e-9);
        assertEquals(0.0608220, gap, 1e-6);
        assertEquals(exactMeanX2(H, KAPPA0), sumX2 / samples, 1e-9);
    }

    @Test
    void pipelineStatisticsAtJZeroReachTheClosedForms() {
        int n = 1000;
        int realizations = 8;
        StudyPoint point = new StudyPoint(n, H, 0.0, KAPPA0);
        double[][] kappa = new double[realizations][];
        double[][] x = new double[realizations][];
        double lowest = Double.POSITIVE_INFINITY;
        for (int r = 0; r < realizations; r++) {
            long seed = Seeds.realizationSeed(7, point, r);
            kappa[r] = Disorder.kappa(seed, n, KAPPA0);
            SymmetricMatrix m = SymmetricMatrix.allocate(n);
            Disorder.fillCouplings(seed, 0.0, m, 1);
            x[r] = Minimizer.minimize(kappa[r], H, CouplingOperator.java(m, 1), Minimizer.Settings.defaults()).x();
            for (int i = 0; i < n; i++) {
                lowest = Math.min(lowest, kappa[r][i] + x[r][i] * x[r][i] / 2);
            }
        }
        double gap = Math.pow(1.5 * H, 2.0 / 3);
        assertTrue(lowest >= gap - 1e-12, "no eigenvalue below the gap");
        assertEquals(gap, lowest, 1e-3 * gap, "8000 oscillators sample the gap's neighbourhood");
        Spectra.PartialAverage partial = Spectra.partialAverage(kappa, x, KAPPA0, 50);
        double x2 = partial.x2()[49];
        assertEquals(exactMeanX2(H, KAPPA0), x2, 4 * partial.x2Err()[49]);
        // the partial average at kappa equals its exact integral too
        double kappaTen = partial.kappa()[9];
        double x0 = Math.cbrt(6 * H);
        double xk = xOf(kappaTen, H);
        double exactPartial = (H * (x0 - xk) + (Math.pow(x0, 4) - Math.pow(xk, 4)) / 12) / KAPPA0;
        assertEquals(exactPartial, partial.x2()[9], 4 * partial.x2Err()[9]);
    }
}
