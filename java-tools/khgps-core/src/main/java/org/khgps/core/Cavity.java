package org.khgps.core;

/**
 * The cavity potential of one oscillator at a stationary point of H (MODEL.md, "Who carries the
 * soft modes"). The local field on i, F_i = h - sum_j J_ij x_j = kappa_i x_i + x_i^3/6, holds the
 * others' response to x_i itself; removing it with the per-site reaction
 * r_i = M_ii - 1/(M^-1)_ii (linear response of the rest of the system) leaves the cavity field
 * H_i = F_i - r_i x_i and the quadratic coefficient a_i = kappa_i - r_i of
 *
 * <pre>  v_i(y) = a_i y^2/2 + y^4/24 - H_i y,</pre>
 *
 * whose stationary point is x_i. Its curvature there, a_i + x_i^2/2, is 1/(M^-1)_ii > 0 at a
 * minimum, so x_i always sits in a well of v_i. Classes: single (a_i >= 0, one well), tilted
 * (a_i < 0 but |H_i| >= H_sp(a_i) = (2/3)(-a_i) sqrt(-2 a_i): still one well), global (two wells,
 * x_i in the deeper one: sign x_i = sign H_i) and metastable (x_i in the shallower one). The
 * distance to the spinodal d_i = H_sp - |H_i| is where the shallower well disappears.
 */
public final class Cavity {

    public static final int SINGLE = 0;
    public static final int TILTED = 1;
    public static final int GLOBAL = 2;
    public static final int METASTABLE = 3;
    /** A mode or oscillator not classified (no eigenvectors, or not a minimum). */
    public static final int UNCLASSIFIED = -1;
    /** Number of classes (SINGLE .. METASTABLE). */
    public static final int CLASSES = 4;

    /** The names of the classes, by code. */
    public static final String[] NAMES = {"single", "tilted", "global", "metastable"};

    private Cavity() {
    }

    /**
     * One oscillator's cavity potential: reaction r_i, a_i, cavity field H_i, distance to the
     * spinodal d_i (NaN for a single well, negative for a tilted one) and class.
     */
    public record Site(double reaction, double a, double field, double spinodalDistance, int kind) {
    }

    /** H_sp(a) = (2/3)(-a) sqrt(-2a): the largest |H| at which v has two wells (a < 0). */
    public static double spinodalField(double a) {
        return a < 0 ? (2.0 / 3.0) * (-a) * Math.sqrt(-2 * a) : 0;
    }

    /**
     * The site of oscillator i at a stationary point.
     *
     * @param kappa           kappa_i
     * @param x               x_i
     * @param inverseDiagonal (M^-1)_ii, > 0 at a minimum
     */
    public static Site site(double kappa, double x, double inverseDiagonal) {
        if (!(inverseDiagonal > 0) || !Double.isFinite(inverseDiagonal)) {
            throw new IllegalArgumentException("(M^-1)_ii must be finite and > 0 at a minimum, got " + inverseDiagonal);
        }
        double reaction = Hessian.diagonalElement(kappa, x) - 1 / inverseDiagonal;
        double a = kappa - reaction;
        double field = kappa * x + x * x * x / 6 - reaction * x;
        if (a >= 0) {
            return new Site(reaction, a, field, Double.NaN, SINGLE);
        }
        double d = spinodalField(a) - Math.abs(field);
        if (d <= 0) {
            return new Site(reaction, a, field, d, TILTED);
        }
        // x = 0 exactly with H = 0 is the barrier top, which a minimum never is (curvature > 0)
        int kind = Math.signum(x) == Math.signum(field) ? GLOBAL : METASTABLE;
        return new Site(reaction, a, field, d, kind);
    }

    /**
     * The other well of a double-well v (a < 0, |H| < H_sp): the outer root of
     * a y + y^3/6 = H on the side of y = 0 opposite to x, polished by Newton steps.
     */
    public static double otherWell(double a, double field, double x) {
        if (!(a < 0) || !(Math.abs(field) < spinodalField(a))) {
            throw new IllegalArgumentException("no second well: a = " + a + ", H = " + field);
        }
        // y^3 + p y + q = 0 with p = 6a < 0, q = -6H: three real roots 2 sqrt(-p/3) cos(theta/3 - 2 pi k/3)
        double p = 6 * a;
        double q = -6 * field;
        double m = 2 * Math.sqrt(-p / 3);
        double theta = Math.acos(Math.max(-1, Math.min(1, (3 * q / (2 * p)) * Math.sqrt(-3 / p))));
        double largest = m * Math.cos(theta / 3);
        double smallest = m * Math.cos(theta / 3 - 2 * Math.PI * 2 / 3);
        double y = x > 0 ? smallest : largest;
        for (int it = 0; it < 4; it++) {
            double g = a * y + y * y * y / 6 - field;
            double c = a + y * y / 2;
            if (c > 0) {
                y -= g / c;
            }
        }
        return y;
    }

    /** Curvature of v at its stationary point y: a + y^2/2. */
    public static double curvature(double a, double y) {
        return a + 0.5 * y * y;
    }
}
