package org.khgps.core;

/**
 * Nonlinear conjugate gradient (Polak-Ribiere+, exact quartic line search) from x = 0.
 *
 * <p>Each iteration costs one product J d: J x is updated incrementally (J x += a J d) and
 * recomputed from scratch every {@link Settings#refreshEvery} iterations and before convergence
 * is declared, so the reported max|grad H| is that of a freshly computed gradient. The search
 * direction restarts at steepest descent every N iterations, when Polak-Ribiere's beta is
 * negative (PR+), and whenever the direction is not a descent one.
 */
public final class Minimizer {

    /** Stopping rule: max_i |dH/dx_i| <= tolerance, or give up after maxIterations. */
    public record Settings(double tolerance, int maxIterations, int refreshEvery) {
        public static final double DEFAULT_TOLERANCE = 1e-10;
        public static final int DEFAULT_MAX_ITERATIONS = 100_000;
        public static final int DEFAULT_REFRESH_EVERY = 50;

        public Settings {
            if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be a finite number > 0, got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("max iterations must be >= 1, got " + maxIterations);
            }
            if (refreshEvery < 1) {
                throw new IllegalArgumentException("refresh interval must be >= 1, got " + refreshEvery);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_REFRESH_EVERY);
        }
    }

    /** The end point, whether it met the tolerance, and what it cost. */
    public record Result(double[] x, double energy, double maxGradient, int iterations,
                         long products, boolean converged) {
    }

    private Minimizer() {
    }

    public static Result minimize(double[] kappa, double h, CouplingOperator couplings, Settings settings) {
        int n = kappa.length;
        double[] x = new double[n];
        double[] jx = new double[n];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] jd = new double[n];
        long products = 0;

        Hamiltonian.gradient(kappa, h, x, jx, g);
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        double gg = dot(g, g);
        int iteration = 0;
        while (true) {
            if (Hamiltonian.maxAbs(g) <= settings.tolerance()) {
                // confirm against a fresh J x before declaring convergence
                couplings.multiply(x, jx);
                products++;
                Hamiltonian.gradient(kappa, h, x, jx, g);
                gg = dot(g, g);
                if (Hamiltonian.maxAbs(g) <= settings.tolerance()) {
                    return new Result(x, Hamiltonian.energy(kappa, h, x, jx), Hamiltonian.maxAbs(g),
                            iteration, products, true);
                }
                steepest(g, d);
            }
            if (iteration >= settings.maxIterations()) {
                couplings.multiply(x, jx);
                products++;
                Hamiltonian.gradient(kappa, h, x, jx, g);
                return new Result(x, Hamiltonian.energy(kappa, h, x, jx), Hamiltonian.maxAbs(g),
                        iteration, products, false);
            }
            iteration++;

            couplings.multiply(d, jd);
            products++;
            double c0 = 0;
            double c1 = 0;
            double c2 = 0;
            double c3 = 0;
            for (int i = 0; i < n; i++) {
                double di = d[i];
                double d2 = di * di;
                double xi = x[i];
                c0 += g[i] * di;
                c1 += (kappa[i] + 0.5 * xi * xi) * d2 + di * jd[i];
                c2 += 0.5 * xi * d2 * di;
                c3 += d2 * d2 / 6.0;
            }
            double a = LineSearch.firstMinimum(c0, c1, c2, c3);
            for (int i = 0; i < n; i++) {
                x[i] += a * d[i];
                jx[i] += a * jd[i];
            }
            if (iteration % settings.refreshEvery() == 0) {
                couplings.multiply(x, jx);
                products++;
            }
            Hamiltonian.gradient(kappa, h, x, jx, gNew);
            double ggNew = dot(gNew, gNew);
            double beta = gg > 0 ? Math.max(0, (ggNew - dot(gNew, g)) / gg) : 0;
            if (iteration % n == 0) {
                beta = 0;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                d[i] = -gNew[i] + beta * d[i];
                slope += d[i] * gNew[i];
            }
            if (!(slope < 0)) {
                steepest(gNew, d);
            }
            double[] t = g;
            g = gNew;
            gNew = t;
            gg = ggNew;
            if (!Double.isFinite(gg)) {
                throw new ArithmeticException("gradient became non-finite at iteration " + iteration);
            }
        }
    }

    private static void steepest(double[] g, double[] d) {
        for (int i = 0; i < g.length; i++) {
            d[i] = -g[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
