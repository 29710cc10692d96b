package org.khgps.core;

/**
 * The replica-symmetric (zero-temperature cavity) solution of the KHGPS model: the
 * self-consistent q = &lt;x^2&gt; and chi = &lt;1/lambda&gt;, the resolvent that gives D(omega), and the
 * low-frequency prefactor A_g(RS). Pure computation (docs/analysis.md has the derivation).
 *
 * <p>Each oscillator sits at the global minimum x* of v(x) = m x^2/2 + x^4/24 - f x with
 * m = kappa - J^2 chi and local field f = h + J sqrt(q) z, kappa ~ U[0, kappa0], z ~ N(0, 1):
 * <pre>
 *   q   = E[x*^2],   chi = E[1/s],   s = m + x*^2/2,
 *   G(lambda) = E[1/(kappa + x*^2/2 - lambda - J^2 G(lambda))],   D(omega) = 2 omega Im G(omega^2 + i eta) / pi.
 * </pre>
 * The kappa average is done exactly. At fixed f (take f = a &gt;= 0; f &lt; 0 is its mirror) the
 * global minimum is the one positive root x of x^3 + 6 m x - 6 a = 0, monotonic in m; with x as
 * the variable, kappa = J^2 chi + a/x - x^2/6, dkappa = -(a/x^2 + x/3) dx and s = a/x + x^2/3,
 * so with x_hi = x(kappa = 0), x_lo = x(kappa0):
 * <pre>
 *   kappa0 E_kappa[x^2]   = a (x_hi - x_lo) + (x_hi^4 - x_lo^4)/12
 *   kappa0 E_kappa[1/s]   = ln(x_hi / x_lo)
 *   kappa0 E_kappa[1/s^2] = int 3 dx / (x^3 + 3a)
 *   kappa0 E_kappa[1/(r - w)] = ln(x_hi / x_lo) - 3 (c - w) int dx / (x^3 + 3 (c - w) x + 3a),
 *       r = kappa + x^2/2,  c = J^2 chi,  w = lambda + J^2 G (partial fractions over the cubic's roots).
 * </pre>
 * Only the Gaussian z is integrated numerically: tanh-sinh quadrature on [-8, z0] and [z0, 8],
 * z0 = -h/(J sqrt q) where the local field vanishes (there E_kappa[1/s] has a log singularity and
 * E_kappa[1/s^2] a |f|^(-2/3) one, which tanh-sinh integrates to full accuracy).
 */
public final class CavityTheory {

    /** The z range [-Z_MAX, Z_MAX] (the Gaussian mass outside is 1e-15). */
    public static final double Z_MAX = 8.0;

    /** Numerical settings: z nodes per tanh-sinh interval, fixed-point tolerance and limits, eta. */
    public record Settings(int zNodes, double tolerance, int maxIterations, double eta) {
        public Settings {
            if (zNodes < 3) {
                throw new IllegalArgumentException("zNodes must be >= 3, got " + zNodes);
            }
            if (!(tolerance > 0) || maxIterations < 1 || !(eta > 0)) {
                throw new IllegalArgumentException("tolerance and eta must be > 0 and maxIterations >= 1");
            }
        }

        public static Settings defaults() {
            return new Settings(201, 1e-12, 20_000, 1e-12);
        }
    }

    /**
     * The RS solution of one point.
     *
     * @param stability J^2 E[1/s^2] (the RS solution is locally stable where it is below 1)
     * @param doubleWellFraction the fraction of oscillators with kappa &lt; J^2 chi
     * @param aG A_g(RS) of MODEL.md: the density of local stiffnesses s near 0 (bare soft modes)
     * @param aGDressed the low-frequency limit of the resolvent's D(omega)/omega^4: a soft mode of
     *     local stiffness s has lambda = (1 - J^2 E[1/s^2]) s, and its weight is raised by the same
     *     factor, so A_g(RS) / (1 - J^2 E[1/s^2])^(5/2); NaN where J^2 E[1/s^2] &gt;= 1 (RS unstable)
     * @param iterations fixed-point iterations used; residual the last relative change of (q, chi)
     * @param zPoints the z quadrature nodes (0 at J = 0, where z plays no role)
     */
    public record Solution(double h, double J, double kappa0, double q, double chi, double doubleWellFraction,
                           double stability, double aG, double aGDressed, int iterations, double residual, int zPoints) {
    }

    /** D(omega) on a grid and how the resolvent's fixed points converged. */
    public record Spectrum(double[] omega, double[] dos, double eta, int maxIterations, double maxResidual) {
    }

    private CavityTheory() {
    }

    /** The positive root of x^3 + 6 m x - 6 a = 0 (a &gt;= 0): the global minimum of v at field a. */
    static double root(double m, double a) {
        double disc = 9 * a * a + 8 * m * m * m;
        double x;
        if (disc >= 0) {
            double u = Math.cbrt(3 * a + Math.sqrt(disc));
            if (u == 0) {
                return 0;
            }
            // x = u + v with u v = -2m; for m > 0 the sum cancels, 6a / (u^2 - uv + v^2) does not
            x = m > 0 ? 6 * a / (u * u + 2 * m + 4 * m * m / (u * u)) : u - 2 * m / u;
        } else {
            double r = Math.sqrt(-2 * m);
            x = 2 * r * Math.cos(Math.acos(Math.min(1.0, 3 * a / (r * r * r))) / 3);
        }
        for (int k = 0; k < 2; k++) {
            double slope = 3 * x * x + 6 * m;
            if (slope > 0) {
                double step = (x * x * x + 6 * m * x - 6 * a) / slope;
                if (Double.isFinite(step)) {
                    x -= step;
                }
            }
        }
        return x;
    }

    /** The Gaussian z nodes: the local field |f| at each and its weight (weights sum to 1). */
    record Nodes(double[] field, double[] weight) {
    }

    /**
     * Tanh-sinh nodes over [-Z_MAX, Z_MAX], split where the local field h + J sqrt(q) z vanishes
     * and, when {@code breakField} &gt; 0, where |h + J sqrt(q) z| = breakField (the resolvent's
     * van Hove point); each node's field is computed from its distance to the nearest split, so it
     * stays accurate as it goes to 0.
     */
    static Nodes nodes(double h, double J, double q, int perSide, double breakField) {
        if (J == 0) {
            return new Nodes(new double[] {h}, new double[] {1.0});
        }
        double scale = J * Math.sqrt(q);
        double z0 = -h / scale;
        // splits as offsets from z0, so that field = scale * offset
        double lo = -Z_MAX - z0;
        double hi = Z_MAX - z0;
        double[] candidates = {0, -breakField / scale, breakField / scale};
        java.util.TreeSet<Double> splits = new java.util.TreeSet<>(java.util.List.of(lo, hi));
        for (double e : candidates) {
            if (e > lo && e < hi && (e == 0 || breakField > 0)) {
                splits.add(e);
            }
        }
        Double[] ends = splits.toArray(new Double[0]);
        int intervals = ends.length - 1;
        double[] field = new double[intervals * perSide];
        double[] weight = new double[field.length];
        double tMax = 4.0;
        double step = 2 * tMax / (perSide - 1);
        double sum = 0;
        for (int side = 0; side < intervals; side++) {
            double from = ends[side];
            double to = ends[side + 1];
            double width = to - from;
            for (int k = 0; k < perSide; k++) {
                double t = -tMax + k * step;
                double u = Math.PI / 2 * Math.sinh(t);
                // distances to both ends without cancellation: (b-a)/(1+e^{-2u}) and (b-a)/(1+e^{2u})
                double fromLo = width / (1 + Math.exp(-2 * u));
                double toHi = width / (1 + Math.exp(2 * u));
                double offset = fromLo < toHi ? from + fromLo : to - toHi;
                double z = z0 + offset;
                double cosh = Math.cosh(u);
                double w = step * width / 2 * (Math.PI / 2 * Math.cosh(t)) / (cosh * cosh)
                        * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
                int i = side * perSide + k;
                field[i] = Math.abs(scale * offset);
                weight[i] = Double.isFinite(w) ? w : 0;
                sum += weight[i];
            }
        }
        for (int i = 0; i < weight.length; i++) {
            weight[i] /= sum;
        }
        return new Nodes(field, weight);
    }

    /** E[x^2], E[1/s] and (when {@code second}) E[1/s^2] at given q, chi. */
    private static double[] averages(double h, double J, double kappa0, double q, double chi, int perSide,
                                     boolean second) {
        Nodes nodes = nodes(h, J, q, perSide, 0);
        double c = J * J * chi;
        double x2 = 0;
        double inv = 0;
        double inv2 = 0;
        for (int i = 0; i < nodes.field().length; i++) {
            double a = nodes.field()[i];
            double w = nodes.weight()[i];
            if (w == 0) {
                continue;
            }
            double xHi = root(-c, a);
            double xLo = root(kappa0 - c, a);
            x2 += w * (a * (xHi - xLo) + (Math.pow(xHi, 4) - Math.pow(xLo, 4)) / 12);
            inv += w * Math.log(xHi / xLo);
            if (second) {
                inv2 += w * inverseSquare(a, xLo, xHi);
            }
        }
        return new double[] {x2 / kappa0, inv / kappa0, inv2 / kappa0};
    }

    /** int_{xLo}^{xHi} 3 dx / (x^3 + 3a) = (3/b^2) [T(xLo/b) - T(xHi/b)], b = (3a)^(1/3). */
    static double inverseSquare(double a, double xLo, double xHi) {
        if (a == 0) {
            return 1.5 * (1 / (xLo * xLo) - 1 / (xHi * xHi));
        }
        double b = Math.cbrt(3 * a);
        return 3 / (b * b) * (tail(xLo / b) - tail(xHi / b));
    }

    /** T(y) = int_y^inf dt / (1 + t^3): closed form below 2, its asymptotic series above. */
    static double tail(double y) {
        if (y < 2) {
            double phi = Math.log((y + 1) * (y + 1) / (y * y - y + 1)) / 6 + Math.atan((2 * y - 1) / Math.sqrt(3)) / Math.sqrt(3);
            return Math.PI / (2 * Math.sqrt(3)) - phi;
        }
        // sum_k (-1)^k y^-(3k+2) / (3k+2)
        double y3 = 1 / (y * y * y);
        double term = 1 / (y * y);
        double sum = 0;
        for (int k = 0; k < 40; k++) {
            double add = term / (3 * k + 2);
            sum += (k % 2 == 0) ? add : -add;
            if (add < 1e-18 * sum) {
                break;
            }
            term *= y3;
        }
        return sum;
    }

    /**
     * Solves the RS equations by damped fixed-point iteration from the J = 0 values.
     *
     * @throws NumericalFailure when the iteration does not converge (or h = J = 0, where chi diverges)
     */
    public static Solution solve(double h, double J, double kappa0, Settings settings) {
        if (!(h >= 0) || !(J >= 0) || !(kappa0 > 0) || !Double.isFinite(h + J + kappa0)) {
            throw new IllegalArgumentException("need h >= 0, J >= 0, kappa0 > 0, got h=" + h + " J=" + J + " kappa0=" + kappa0);
        }
        if (h == 0 && J == 0) {
            throw new NumericalFailure("at h = 0 and J = 0 every x* = 0 and chi = E[1/kappa] diverges");
        }
        int perSide = settings.zNodes();
        double q;
        double chi;
        if (h > 0) {
            double[] start = averages(h, 0, kappa0, 0, 0, perSide, false);
            q = start[0];
            chi = start[1];
        } else {
            // no J = 0 solution to start from: a guess on the scale of the strong-coupling one
            q = J;
            chi = 1 / Math.max(kappa0, J);
        }
        int iterations = 0;
        double residual = 0;
        if (J > 0) {
            double damping = 0.5;
            double previous = Double.POSITIVE_INFINITY;
            boolean converged = false;
            for (iterations = 1; iterations <= settings.maxIterations(); iterations++) {
                double[] next = averages(h, J, kappa0, q, chi, perSide, false);
                if (!Double.isFinite(next[0]) || !Double.isFinite(next[1]) || !(next[0] > 0) || !(next[1] > 0)) {
                    throw new NumericalFailure(String.format(java.util.Locale.ROOT,
                            "RS fixed point left the physical range at iteration %d (q=%g chi=%g)", iterations, next[0], next[1]));
                }
                residual = Math.max(Math.abs(next[0] - q) / next[0], Math.abs(next[1] - chi) / next[1]);
                if (residual > previous) {
                    damping = Math.max(0.02, damping / 2);
                }
                previous = residual;
                q += damping * (next[0] - q);
                chi += damping * (next[1] - chi);
                if (residual < settings.tolerance()) {
                    converged = true;
                    break;
                }
            }
            if (!converged) {
                throw new NumericalFailure(String.format(java.util.Locale.ROOT,
                        "RS fixed point did not converge in %d iterations (h=%g J=%g kappa0=%g: last relative change %.3g)",
                        settings.maxIterations(), h, J, kappa0, residual));
            }
            iterations = Math.min(iterations, settings.maxIterations());
        }
        double[] last = averages(h, J, kappa0, q, chi, perSide, true);
        double c = J * J * chi;
        double stability = J * J * last[2];
        double aG = aGRS(h, J, kappa0, q, chi);
        int zPoints = J == 0 ? 0 : nodes(h, J, q, perSide, 0).field().length;
        double aGDressed = stability < 1 ? aG / Math.pow(1 - stability, 2.5) : Double.NaN;
        return new Solution(h, J, kappa0, q, chi, Math.min(1.0, c / kappa0), stability, aG, aGDressed, iterations, residual,
                zPoints);
    }

    /**
     * D(omega) = 2 omega Im G(omega^2 + i eta) / pi on the given frequencies (any order, all &gt; 0),
     * G solved self-consistently at each by damped iteration, started from the previous
     * frequency's G (from chi = G(0) at the first).
     *
     * @throws NumericalFailure when the resolvent's fixed point does not converge at some omega
     */
    public static Spectrum spectrum(Solution solution, double[] omega, Settings settings) {
        double J = solution.J();
        double kappa0 = solution.kappa0();
        double c = J * J * solution.chi();
        double[] dos = new double[omega.length];
        double gRe = solution.chi();
        double gIm = 0;
        int maxIterations = 0;
        double maxResidual = 0;
        double[] g = new double[2];
        for (int k = 0; k < omega.length; k++) {
            double lambdaRe = omega[k] * omega[k];
            double lambdaIm = settings.eta();
            // secant steps on g(G) = F(G) - G (holomorphic, so the complex secant converges
            // superlinearly, also where |F'| >= 1 and plain iteration cannot); a damped step
            // whenever the secant step would leave the upper half plane or not shrink g
            double residual = Double.POSITIVE_INFINITY;
            double oldRe = Double.NaN;
            double oldIm = Double.NaN;
            double oldGRe = Double.NaN;
            double oldGIm = Double.NaN;
            int it;
            for (it = 1; it <= settings.maxIterations(); it++) {
                resolvent(lambdaRe + J * J * gRe, lambdaIm + J * J * gIm, solution, settings.zNodes(), g);
                double fRe = g[0] - gRe;
                double fIm = g[1] - gIm;
                residual = Math.hypot(fRe, fIm) / Math.hypot(g[0], g[1]);
                if (!Double.isFinite(residual)) {
                    throw new NumericalFailure("resolvent is not finite at omega = " + omega[k]);
                }
                if (J == 0) {
                    gRe = g[0];
                    gIm = g[1];
                    break;
                }
                if (residual < settings.tolerance()) {
                    break;
                }
                double nextRe = gRe + 0.5 * fRe;
                double nextIm = gIm + 0.5 * fIm;
                if (Double.isFinite(oldRe)) {
                    // G - f (G - G_old) / (f - f_old)
                    double dgRe = gRe - oldGRe;
                    double dgIm = gIm - oldGIm;
                    double dfRe = fRe - oldRe;
                    double dfIm = fIm - oldIm;
                    double den = dfRe * dfRe + dfIm * dfIm;
                    if (den > 0) {
                        double ratioRe = (dgRe * dfRe + dgIm * dfIm) / den;
                        double ratioIm = (dgIm * dfRe - dgRe * dfIm) / den;
                        double sRe = gRe - (fRe * ratioRe - fIm * ratioIm);
                        double sIm = gIm - (fRe * ratioIm + fIm * ratioRe);
                        if (Double.isFinite(sRe) && sIm >= 0) {
                            nextRe = sRe;
                            nextIm = sIm;
                        }
                    }
                }
                oldRe = fRe;
                oldIm = fIm;
                oldGRe = gRe;
                oldGIm = gIm;
                gRe = nextRe;
                gIm = nextIm;
            }
            if (it > settings.maxIterations()) {
                throw new NumericalFailure(String.format(java.util.Locale.ROOT,
                        "resolvent fixed point did not converge at omega = %g in %d iterations (last relative change %.3g)",
                        omega[k], settings.maxIterations(), residual));
            }
            maxIterations = Math.max(maxIterations, it);
            maxResidual = Math.max(maxResidual, J == 0 ? 0 : residual);
            dos[k] = 2 * omega[k] * gIm / Math.PI;
        }
        return new Spectrum(omega.clone(), dos, settings.eta(), maxIterations, maxResidual);
    }

    /**
     * E[1/(r - w)] over kappa (exactly) and the z nodes, into {@code out} = {Re, Im}: per node,
     * (1/kappa0) [ln(x_hi/x_lo) - p int dx / Q(x)], Q = x^3 + p x + 3a, p = 3 (c - w), the integral
     * summed over the three roots rho of Q as [ln(x - rho)] / Q'(rho) (Q has no real root when
     * Im w != 0, so each log is continuous along the real segment).
     */
    private static void resolvent(double wRe, double wIm, Solution solution, int perSide, double[] out) {
        double J = solution.J();
        double kappa0 = solution.kappa0();
        double c = J * J * solution.chi();
        // the local band of a field a starts at c + (3a/2)^(2/3): split z where it meets Re w
        double breakField = wRe > c ? 2.0 / 3 * Math.pow(wRe - c, 1.5) : 0;
        Nodes nodes = nodes(solution.h(), J, solution.q(), perSide, breakField);
        double pRe = 3 * (c - wRe);
        double pIm = -3 * wIm;
        double sumRe = 0;
        double sumIm = 0;
        double[] roots = new double[6];
        for (int i = 0; i < nodes.field().length; i++) {
            double weight = nodes.weight()[i];
            if (weight == 0) {
                continue;
            }
            double a = nodes.field()[i];
            double xHi = root(-c, a);
            double xLo = root(kappa0 - c, a);
            Complex.cubicRoots(pRe, pIm, 3 * a, roots);
            double iRe = 0;
            double iIm = 0;
            for (int r = 0; r < 3; r++) {
                double rhoRe = roots[2 * r];
                double rhoIm = roots[2 * r + 1];
                // ln(x_hi - rho) - ln(x_lo - rho)
                double lRe = 0.5 * Math.log(((xHi - rhoRe) * (xHi - rhoRe) + rhoIm * rhoIm)
                        / ((xLo - rhoRe) * (xLo - rhoRe) + rhoIm * rhoIm));
                double lIm = Math.atan2(-rhoIm, xHi - rhoRe) - Math.atan2(-rhoIm, xLo - rhoRe);
                // Q'(rho) = 3 rho^2 + p
                double dRe = 3 * (rhoRe * rhoRe - rhoIm * rhoIm) + pRe;
                double dIm = 6 * rhoRe * rhoIm + pIm;
                double den = dRe * dRe + dIm * dIm;
                iRe += (lRe * dRe + lIm * dIm) / den;
                iIm += (lIm * dRe - lRe * dIm) / den;
            }
            // ln(x_hi/x_lo) - p I
            double vRe = Math.log(xHi / xLo) - (pRe * iRe - pIm * iIm);
            double vIm = -(pRe * iIm + pIm * iRe);
            sumRe += weight * vRe;
            sumIm += weight * vIm;
        }
        out[0] = sumRe / kappa0;
        out[1] = sumIm / kappa0;
    }

    /** A_g(RS) = 4 sqrt(3) p(J^2 chi) exp(-h^2 / (2 J^2 q)) / sqrt(2 pi J^2 q), p = 1/kappa0 on [0, kappa0]. */
    public static double aGRS(double h, double J, double kappa0, double q, double chi) {
        double c = J * J * chi;
        double var = J * J * q;
        if (!(var > 0) || c > kappa0) {
            return 0;
        }
        return 4 * Math.sqrt(3) / kappa0 * Math.exp(-h * h / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }
}
