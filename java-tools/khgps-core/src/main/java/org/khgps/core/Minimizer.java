package org.khgps.core;

/**
 * Nonlinear conjugate gradient (Polak-Ribiere+, exact quartic line search) from x = 0.
 *
 * <p>Each iteration costs one couplings product, with d: (couplings x) is updated incrementally (+= a (couplings d)) and
 * recomputed from scratch every {@link Settings#refreshEvery} iterations and before convergence
 * is declared, so the reported max|grad H| is that of a freshly computed gradient. The search
 * direction restarts at steepest descent every N iterations, when Polak-Ribiere's beta is
 * negative (PR+), and whenever the direction is not a descent one.
 *
 * <p>Preconditioned tail: once max|g| has fallen to {@link Settings#preconditionBelow} times its
 * value at x = 0 (that is, times h), the search directions are built from M^-1 g with M the
 * Hessian's diagonal kappa_i + x_i^2/2, restarting there. By then x is deep inside the basin of
 * the minimum plain CG is heading for, so the end point is the same minimum (to the tolerance's
 * precision, |dx| <= 4e-8 over 90 realizations at N = 1000, J = 0.1-1) in 12-26% fewer products.
 * Preconditioning from x = 0 would be faster still but changes which minimum is reached
 * (docs/numerics.md). preconditionBelow = 0 gives plain CG all the way.
 */
public final class Minimizer {

    /** Stopping rule: max_i |dH/dx_i| <= tolerance, or give up after maxIterations. */
    public record Settings(double tolerance, int maxIterations, int refreshEvery, double preconditionBelow) {
        public static final double DEFAULT_TOLERANCE = 1e-10;
        public static final int DEFAULT_MAX_ITERATIONS = 100_000;
        public static final int DEFAULT_REFRESH_EVERY = 50;
        /** Two decades below where a switch first changed a minimum (1e-2: 1 of 8 at N = 2000, J = 0.3). */
        public static final double DEFAULT_PRECONDITION_BELOW = 1e-4;

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
            if (!(preconditionBelow >= 0 && preconditionBelow < 1)) {
                throw new IllegalArgumentException("precondition-below must be in [0, 1), got " + preconditionBelow);
            }
        }

        /** The default preconditioned tail. */
        public Settings(double tolerance, int maxIterations, int refreshEvery) {
            this(tolerance, maxIterations, refreshEvery, DEFAULT_PRECONDITION_BELOW);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_REFRESH_EVERY);
        }
    }

    /**
     * The least max|grad H| double precision lets the minimizer reach at a point: machine epsilon
     * times the largest force, h + kappa0 X + X^3/6 + J X sqrt(N), at the typical largest |x_i|,
     * X = max((6h)^(1/3), sqrt(20 J)). Measured at N = 1000 (kappa0 = 1, h = 0.01): the floor reached
     * is 4-10 times below it, at J = 0.1, 1, 100, 1e4 (docs/numerics.md). A tolerance below it
     * cannot be met: the pipeline and minimize refuse it. lib/KhgpsParams.groovy copies it.
     */
    public static double gradientFloor(StudyPoint p) {
        double x = Math.max(Math.cbrt(6 * p.h()), Math.sqrt(20 * p.J()));
        double force = p.h() + p.kappa0() * x + x * x * x / 6 + p.J() * x * Math.sqrt(p.N());
        return Math.ulp(1.0) * force;
    }

    /** The end point, whether it met the tolerance, and what it cost. */
    public record Result(double[] x, double energy, double maxGradient, int iterations,
                         long products, boolean converged) {
    }

    private Minimizer() {
    }

    public static Result minimize(double[] kappa, double h, CouplingOperator couplings, Settings settings) {
        return minimize(kappa, h, couplings, settings, null);
    }

    /**
     * CG from {@code start} (null: x = 0, the paper's protocol); the start is not modified.
     * The path from x = 0 is the same as before this overload existed, step for step.
     */
    public static Result minimize(double[] kappa, double h, CouplingOperator couplings, Settings settings,
                                  double[] start) {
        int n = kappa.length;
        double[] x = start == null ? new double[n] : start.clone();
        double[] jx = new double[n];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] jd = new double[n];
        // z is the preconditioned gradient M^-1 g: g itself (same array) before the tail
        double[] zSpare = null;
        double[] zOther = null;
        boolean preconditioned = false;
        long products = 0;
        if (start != null) {
            couplings.multiply(x, jx);
            products++;
        }

        Hamiltonian.gradient(kappa, h, x, jx, g);
        double[] z = g;
        steepest(z, d);
        double zg = dot(z, g);
        double switchAt = settings.preconditionBelow() * Hamiltonian.maxAbs(g);
        int iteration = 0;
        while (true) {
            double maxGradient = Hamiltonian.maxAbs(g);
            if (maxGradient <= settings.tolerance()) {
                // confirm against a fresh couplings product before declaring convergence
                couplings.multiply(x, jx);
                products++;
                Hamiltonian.gradient(kappa, h, x, jx, g);
                maxGradient = Hamiltonian.maxAbs(g);
                if (maxGradient <= settings.tolerance()) {
                    return new Result(x, Hamiltonian.energy(kappa, h, x, jx), maxGradient, iteration, products, true);
                }
                if (preconditioned) {
                    precondition(kappa, x, g, z);
                }
                zg = dot(z, g);
                steepest(z, d);
            }
            if (!preconditioned && maxGradient <= switchAt) {
                preconditioned = true;
                zSpare = new double[n];
                zOther = new double[n];
                z = zSpare;
                precondition(kappa, x, g, z);
                zg = dot(z, g);
                steepest(z, d);
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
                c1 += Hessian.diagonalElement(kappa[i], xi) * d2 + di * jd[i];
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
            double[] zNew = gNew;
            if (preconditioned) {
                zNew = z == zSpare ? zOther : zSpare;
                precondition(kappa, x, gNew, zNew);
            }
            double zgNew = dot(zNew, gNew);
            double beta = zg > 0 ? Math.max(0, (zgNew - dot(zNew, g)) / zg) : 0;
            if (iteration % n == 0) {
                beta = 0;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                d[i] = -zNew[i] + beta * d[i];
                slope += d[i] * gNew[i];
            }
            if (!(slope < 0)) {
                steepest(zNew, d);
            }
            double[] t = g;
            g = gNew;
            gNew = t;
            z = zNew;
            zg = zgNew;
            if (!Double.isFinite(zg)) {
                throw new NumericalFailure("gradient became non-finite at iteration " + iteration);
            }
        }
    }

    /** z = M^-1 g with M_ii = kappa_i + x_i^2/2 (the Hessian's diagonal; 1 where that is not positive). */
    private static void precondition(double[] kappa, double[] x, double[] g, double[] z) {
        for (int i = 0; i < g.length; i++) {
            double m = Hessian.diagonalElement(kappa[i], x[i]);
            z[i] = m > 0 ? g[i] / m : g[i];
        }
    }

    /** d = -z: a restart along the (preconditioned) steepest descent. */
    private static void steepest(double[] z, double[] d) {
        for (int i = 0; i < z.length; i++) {
            d[i] = -z[i];
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
