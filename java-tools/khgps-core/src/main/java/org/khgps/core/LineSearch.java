package org.khgps.core;

/**
 * Exact line search for H along x + a d. H is a quartic polynomial in a, so its slope is the
 * cubic c0 + c1 a + c2 a^2 + c3 a^3 with
 * c0 = g.d, c1 = sum (kappa_i + x_i^2/2) d_i^2 + d.Jd, c2 = sum x_i d_i^3 / 2, c3 = sum d_i^4 / 6.
 */
public final class LineSearch {

    private LineSearch() {
    }

    /**
     * The first local minimum along a descent direction: the smallest positive root of the
     * slope (c0 < 0, c3 > 0 guarantee one). Returns 0 if the direction is not a descent one.
     */
    public static double firstMinimum(double c0, double c1, double c2, double c3) {
        if (!(c0 < 0) || !(c3 > 0)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (double r : realRoots(c3, c2, c1, c0)) {
            if (r > 0 && r < best) {
                best = r;
            }
        }
        if (best == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return polish(best, c0, c1, c2, c3);
    }

    /** Energy change c0 a + c1 a^2/2 + c2 a^3/3 + c3 a^4/4 of a step a. */
    public static double energyChange(double a, double c0, double c1, double c2, double c3) {
        return a * (c0 + a * (c1 / 2 + a * (c2 / 3 + a * c3 / 4)));
    }

    /** Real roots of a x^3 + b x^2 + c x + d (a != 0), by the trigonometric/Cardano formulas. */
    static double[] realRoots(double a, double b, double c, double d) {
        double p = b / a;
        double q = c / a;
        double r = d / a;
        // x = t - p/3: t^3 + P t + Q = 0
        double shift = p / 3;
        double bigP = q - p * p / 3;
        double bigQ = 2 * p * p * p / 27 - p * q / 3 + r;
        double disc = bigQ * bigQ / 4 + bigP * bigP * bigP / 27;
        if (disc > 0) {
            double sq = Math.sqrt(disc);
            double t = Math.cbrt(-bigQ / 2 + sq) + Math.cbrt(-bigQ / 2 - sq);
            return new double[] {t - shift};
        }
        if (bigP == 0) {
            return new double[] {-shift};
        }
        double m = 2 * Math.sqrt(-bigP / 3);
        double arg = 3 * bigQ / (bigP * m);
        double theta = Math.acos(Math.max(-1, Math.min(1, arg))) / 3;
        return new double[] {
            m * Math.cos(theta) - shift,
            m * Math.cos(theta - 2 * Math.PI / 3) - shift,
            m * Math.cos(theta - 4 * Math.PI / 3) - shift,
        };
    }

    /** Newton steps on the slope to remove the rounding of the closed form. */
    private static double polish(double a, double c0, double c1, double c2, double c3) {
        for (int k = 0; k < 3; k++) {
            double f = c0 + a * (c1 + a * (c2 + a * c3));
            double df = c1 + a * (2 * c2 + 3 * a * c3);
            if (!(df > 0)) {
                break;
            }
            double next = a - f / df;
            if (!(next > 0) || !Double.isFinite(next)) {
                break;
            }
            a = next;
        }
        return a;
    }
}
