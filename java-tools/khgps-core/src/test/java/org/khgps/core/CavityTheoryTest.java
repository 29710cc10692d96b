package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RS (cavity) solution against exact limits, independent quadrature, MODEL.md and simulation. */
class CavityTheoryTest {

    private static final double H = 0.01;
    private static final CavityTheory.Settings SETTINGS = CavityTheory.Settings.defaults();

    /** Gauss-Legendre nodes and weights on [-1, 1] (Newton on the Legendre recurrence). */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = t;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (t * p1 - p0) / (t * t - 1);
                double dt = p1 / dp;
                t -= dt;
                if (Math.abs(dt) < 1e-16) {
                    break;
                }
            }
            x[i] = t;
            w[i] = 2 / ((1 - t * t) * dp * dp);
        }
        return new double[][] {x, w};
    }

    @Test
    void rootIsTheGlobalMinimumOfTheSingleSitePotential() {
        Xoshiro256 rng = new Xoshiro256(11);
        for (int k = 0; k < 2000; k++) {
            double m = 4 * rng.nextDouble() - 2;
            double a = Math.pow(10, -12 + 12 * rng.nextDouble());
            double x = CavityTheory.root(m, a);
            assertEquals(0, x * x * x + 6 * m * x - 6 * a, 1e-13 * Math.max(1, Math.abs(6 * a)), "cubic at m=" + m + " a=" + a);
            // v(x) = m x^2/2 + x^4/24 - a x is below v at every point of a grid
            double v = m * x * x / 2 + Math.pow(x, 4) / 24 - a * x;
            for (double y = -5; y <= 5; y += 0.01) {
                assertTrue(v <= m * y * y / 2 + Math.pow(y, 4) / 24 - a * y + 1e-14, "global minimum at m=" + m + " a=" + a);
            }
        }
    }

    @Test
    void atJZeroQAndChiAreTheExactKappaAverages() {
        CavityTheory.Solution s = CavityTheory.solve(H, 0, 1.0, SETTINGS);
        // q: the closed form of ExactLimitTest (kappa0 <x^2> = [h x + x^4/12] between x(kappa0) and x(0))
        assertEquals(ExactLimitTest.exactMeanX2(H, 1.0), s.q(), 1e-8 * s.q());
        // chi = E[1/(kappa + x^2/2)]: smooth at J = 0 (no soft mode below the gap), so 400-point
        // Gauss-Legendre in kappa with x(kappa) by Newton is exact to rounding
        double[][] gl = gaussLegendre(400);
        double chi = 0;
        for (int i = 0; i < 400; i++) {
            double kappa = 0.5 * (1 + gl[0][i]);
            double x = ExactLimitTest.xOf(kappa, H);
            chi += 0.5 * gl[1][i] / (kappa + x * x / 2);
        }
        assertEquals(chi, s.chi(), 1e-8 * chi);
        assertEquals(0.0, s.aG());
        assertEquals(0.0, s.doubleWellFraction());
    }

    /**
     * The reference values of MODEL.md ("Theory to set beside the simulation"), h = 0.01,
     * kappa0 = 1. At J = 0.5 chi comes out 0.51% above the table's 1.383: the map evaluated at
     * our solution by an independent quadrature (next test) returns our 1.3901 to 1e-5, and at
     * the table's (q, chi) it returns chi = 1.398, so the table is not a fixed point to better
     * than 0.5% there; that row is held to 0.6%.
     */
    @ParameterizedTest(name = "J = {0}")
    @CsvSource({
        "0.03, 0.006376, 3.730, 0.190, 0.005",
        "0.05, 0.007686, 3.888, 46.7, 0.005",
        "0.1, 0.02157, 4.095, 149, 0.005",
        "0.2, 0.1681, 3.02, 33.5, 0.005",
        "0.5, 1.687, 1.383, 4.26, 0.006",
    })
    void reproducesTheReferenceTable(double J, double q, double chi, double aG, double chiTolerance) {
        long start = System.nanoTime();
        CavityTheory.Solution s = CavityTheory.solve(H, J, 1.0, SETTINGS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(q, s.q(), 0.005 * q, "q");
        assertEquals(chi, s.chi(), chiTolerance * chi, "chi");
        assertEquals(aG, s.aG(), 0.02 * aG, "A_g(RS)");
        assertTrue(seconds < 1, "solved in " + seconds + " s");
    }

    /** v(x) global minimum by Newton from both wells, independent of CavityTheory.root. */
    private static double globalMinimum(double m, double f) {
        double best = 0;
        double bestV = Double.POSITIVE_INFINITY;
        for (double x : new double[] {-10, 10}) {
            for (int k = 0; k < 200; k++) {
                double slope = m + x * x / 2;
                if (slope <= 0) {
                    slope = 1e-3;
                }
                double next = x - (m * x + x * x * x / 6 - f) / slope;
                boolean done = Math.abs(next - x) < 1e-15 * Math.max(1, Math.abs(x));
                x = next;
                if (done) {
                    break;
                }
            }
            double v = m * x * x / 2 + Math.pow(x, 4) / 24 - f * x;
            if (v < bestV) {
                bestV = v;
                best = x;
            }
        }
        return best;
    }

    private static double adaptiveSimpson(java.util.function.DoubleUnaryOperator g, double a, double b, double fa,
                                          double fm, double fb, double whole, double tol, int depth) {
        double m = (a + b) / 2;
        double flm = g.applyAsDouble((a + m) / 2);
        double frm = g.applyAsDouble((m + b) / 2);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        if (depth > 50 || Math.abs(left + right - whole) <= 15 * tol) {
            return left + right + (left + right - whole) / 15;
        }
        return adaptiveSimpson(g, a, m, fa, flm, fm, left, tol / 2, depth + 1)
                + adaptiveSimpson(g, m, b, fm, frm, fb, right, tol / 2, depth + 1);
    }

    private static double integrate(java.util.function.DoubleUnaryOperator g, double a, double b) {
        double fa = g.applyAsDouble(a);
        double fb = g.applyAsDouble(b);
        double fm = g.applyAsDouble((a + b) / 2);
        return adaptiveSimpson(g, a, b, fa, fm, fb, (b - a) / 6 * (fa + 4 * fm + fb), 1e-9, 0);
    }

    /**
     * The self-consistency map evaluated at the solution by brute force, none of the closed
     * forms: x* by Newton from both wells, the kappa average by adaptive Simpson (split at
     * kappa = J^2 chi), z by the midpoint rule in t with z = z0 +- t^2 (which removes the log
     * singularity where the local field vanishes). It must return the solution.
     */
    @ParameterizedTest(name = "J = {0}")
    @CsvSource({"0.1", "0.5"})
    void solutionIsAFixedPointOfAnIndependentQuadrature(double J) {
        CavityTheory.Solution s = CavityTheory.solve(H, J, 1.0, SETTINGS);
        double c = J * J * s.chi();
        double scale = J * Math.sqrt(s.q());
        double z0 = -H / scale;
        int nt = 200;
        double x2 = 0;
        double inv = 0;
        double mass = 0;
        for (int side = 0; side < 2; side++) {
            double length = Math.sqrt(side == 0 ? z0 + 8 : 8 - z0);
            for (int i = 0; i < nt; i++) {
                double t = length * (i + 0.5) / nt;
                double z = side == 0 ? z0 - t * t : z0 + t * t;
                double w = 2 * t * length / nt * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
                double f = scale * (side == 0 ? -t * t : t * t);
                java.util.function.DoubleUnaryOperator xs = kappa -> {
                    double x = globalMinimum(kappa - c, f);
                    return x * x;
                };
                java.util.function.DoubleUnaryOperator invS = kappa -> {
                    double x = globalMinimum(kappa - c, f);
                    return 1 / (kappa - c + x * x / 2);
                };
                x2 += w * (integrate(xs, 0, c) + integrate(xs, c, 1.0));
                inv += w * (integrate(invS, 0, c) + integrate(invS, c, 1.0));
                mass += w;
            }
        }
        assertEquals(s.q(), x2 / mass, 1e-4 * s.q(), "q");
        assertEquals(s.chi(), inv / mass, 1e-4 * s.chi(), "chi");
    }

    /** The J = 0 density of states in closed form: D_lambda = sum over roots x of |dkappa/dx| / |dr/dx| / kappa0. */
    private static double exactDos(double h, double kappa0, double omega) {
        double lambda = omega * omega;
        double xHi = Math.cbrt(6 * h);
        double xLo = ExactLimitTest.xOf(kappa0, h);
        // r(x) = h/x + x^2/3 = lambda  <=>  x^3 - 3 lambda x + 3h = 0 on [xLo, xHi]: bracket sign changes
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double a = xLo + (xHi - xLo) * i / n;
            double b = xLo + (xHi - xLo) * (i + 1) / n;
            java.util.function.DoubleUnaryOperator g = x -> x * x * x - 3 * lambda * x + 3 * h;
            if (Math.signum(g.applyAsDouble(a)) != Math.signum(g.applyAsDouble(b))) {
                for (int k = 0; k < 100; k++) {
                    double mid = (a + b) / 2;
                    if (Math.signum(g.applyAsDouble(mid)) == Math.signum(g.applyAsDouble(a))) {
                        a = mid;
                    } else {
                        b = mid;
                    }
                }
                double x = (a + b) / 2;
                sum += (h / (x * x) + x / 3) / Math.abs(2 * x / 3 - h / (x * x));
            }
        }
        return 2 * omega * sum / kappa0;
    }

    @Test
    void atJZeroTheResolventIsTheExactDensityOfStatesWithItsGap() {
        CavityTheory.Solution s = CavityTheory.solve(H, 0, 1.0, SETTINGS);
        double gap = Math.cbrt(1.5 * H);
        double[] omega = {0.1, 0.2, 0.99 * gap, 1.01 * gap, 0.3, 0.4, 0.6, 0.8, 0.95};
        CavityTheory.Spectrum sp = CavityTheory.spectrum(s, omega, SETTINGS);
        for (int i = 0; i < omega.length; i++) {
            double exact = exactDos(H, 1.0, omega[i]);
            if (omega[i] < gap) {
                assertEquals(0.0, exact);
                assertTrue(sp.dos()[i] < 1e-6, "no mode below the gap, D(" + omega[i] + ") = " + sp.dos()[i]);
            } else {
                assertEquals(exact, sp.dos()[i], 1e-6 * exact, "D(" + omega[i] + ")");
            }
        }
    }

    @ParameterizedTest(name = "J = {0}")
    @CsvSource({"0.05", "0.2"})
    @Tag("slow") // 3000 frequencies per J, 4-10 s: left out by mvn -Pquick
    void resolventDensityOfStatesIntegratesToOne(double J) {
        CavityTheory.Solution s = CavityTheory.solve(H, J, 1.0, SETTINGS);
        int n = 3000;
        double top = 2.0;
        double[] omega = new double[n];
        for (int i = 0; i < n; i++) {
            omega[i] = top * (i + 0.5) / n;
        }
        CavityTheory.Spectrum sp = CavityTheory.spectrum(s, omega, SETTINGS);
        double integral = 0;
        for (double d : sp.dos()) {
            integral += d * top / n;
        }
        assertEquals(1.0, integral, 1e-3);
        assertTrue(sp.dos()[n - 1] < 1e-6, "the band ends below omega = " + top);
    }

    @Test
    void lowFrequencyResolventFollowsTheDressedPrefactor() {
        CavityTheory.Solution s = CavityTheory.solve(H, 0.05, 1.0, SETTINGS);
        double[] omega = {0.003, 0.01};
        CavityTheory.Spectrum sp = CavityTheory.spectrum(s, omega, SETTINGS);
        for (int i = 0; i < omega.length; i++) {
            assertEquals(s.aGDressed(), sp.dos()[i] / Math.pow(omega[i], 4), 0.01 * s.aGDressed());
        }
        assertEquals(s.aG() / Math.pow(1 - s.stability(), 2.5), s.aGDressed(), 1e-12);
    }

    @Test
    void nonConvergenceIsANumericalFailure() {
        CavityTheory.Settings tight = new CavityTheory.Settings(201, 1e-12, 3, 1e-12);
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> CavityTheory.solve(H, 0.2, 1.0, tight));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
        assertThrows(NumericalFailure.class, () -> CavityTheory.solve(0, 0, 1.0, SETTINGS));
    }

    /**
     * Simulation against theory at weak coupling (h = 0.01, J = 0.05, kappa0 = 1, N = 1000, 24
     * realizations): CG minima from x = 0, their &lt;x^2&gt; and &lt;1/lambda&gt; = (1/N) Tr M^-1.
     * q is carried by the few soft oscillators (kappa &lt; 0.03 hold half of it), so 24 realizations
     * alone leave it 2.7% uncertain; each oscillator's J = 0 value x0(kappa_i)^2, whose mean is
     * known exactly, is used as a control variate (unbiased; it removes the sampling noise of the
     * kappa_i and leaves that of the couplings), likewise 1/(kappa_i + x0^2/2) for chi.
     */
    @Test
    @Tag("slow") // about 40 s: left out by mvn -Pquick
    void simulationAgreesWithTheoryAtWeakCoupling() {
        int n = 1000;
        int realizations = 24;
        StudyPoint point = new StudyPoint(n, H, 0.05, 1.0);
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        double[] q = new double[realizations];
        double[] chi = new double[realizations];
        CavityTheory.Solution free = CavityTheory.solve(H, 0, 1.0, SETTINGS);
        for (int r = 0; r < realizations; r++) {
            long seed = Seeds.realizationSeed(15, point, r);
            double[] kappa = Disorder.kappa(seed, n, point.kappa0());
            Disorder.fillCouplings(seed, point.J(), m, 1);
            Minimizer.Result result = Minimizer.minimize(kappa, H, CouplingOperator.java(m, 1), Minimizer.Settings.defaults());
            assertTrue(result.converged());
            double[] diagonal = Hessian.diagonal(kappa, result.x());
            double controlQ = 0;
            double controlChi = 0;
            for (int i = 0; i < n; i++) {
                m.setDiagonal(i, diagonal[i]);
                q[r] += result.x()[i] * result.x()[i] / n;
                double x0 = ExactLimitTest.xOf(kappa[i], H);
                controlQ += x0 * x0 / n;
                controlChi += 1 / (kappa[i] + x0 * x0 / 2) / n;
            }
            chi[r] = Spectra.meanInverseLambda(new double[][] {Eigensolver.named("auto").eigenvalues(m)}).value();
            q[r] -= controlQ - free.q();
            chi[r] -= controlChi - free.chi();
        }
        Spectra.Estimate qSim = Spectra.Estimate.of(q);
        Spectra.Estimate chiSim = Spectra.Estimate.of(chi);
        CavityTheory.Solution s = CavityTheory.solve(H, 0.05, 1.0, SETTINGS);
        System.out.printf("J = 0.05, N = %d, %d realizations (J = 0 control variate): q sim %.6g +- %.2g RS %.6g (ratio %.4f), "
                + "chi sim %.5g +- %.2g RS %.5g (ratio %.4f)%n", n, realizations, qSim.value(), qSim.error(), s.q(),
                qSim.value() / s.q(), chiSim.value(), chiSim.error(), s.chi(), chiSim.value() / s.chi());
        assertEquals(s.q(), qSim.value(), 0.03 * s.q(), "q");
        assertEquals(s.chi(), chiSim.value(), 0.02 * s.chi(), "chi");
    }
}
