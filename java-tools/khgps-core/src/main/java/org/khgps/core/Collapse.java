package org.khgps.core;

/**
 * The characteristic frequency omega_x of a study point, from the collapse of its partial
 * average &lt;x^2&gt;(kappa) onto a master curve.
 *
 * <p>At J = 0 each oscillator solves kappa x + x^3/6 = h. With x = h^(1/3) u and
 * kappa = h^(2/3) k this is k u + u^3/6 = 1, so xbar^2(kappa) = omega^2 u(kappa/omega^2)^2 with
 * omega = h^(1/3), and the partial average
 * &lt;x^2&gt;(kappa) = (1/kappa0) int_0^kappa xbar^2 = (omega^4 / kappa0) G(kappa / omega^2),
 * G(X) = int_0^X u(k)^2 dk. The paper's prediction is that, once omega_x is identified,
 * kappa0 &lt;x^2&gt;(kappa) / omega_x^4 is the same function of kappa / omega_x^2 in the weak and the
 * intermediate regimes. We take G, the exact J = 0 curve, as the master curve: omega_x of a point
 * is the omega whose rescaling puts its curve on G (least squares in log-log, weighted by the
 * curve's errors). So omega_x = h^(1/3) exactly at J = 0, and omega_x / h^(1/3) measures how far
 * interactions move a point from the weak regime.
 */
public final class Collapse {

    /** omega_x with its standard error and the rms log-deviation from the master curve. */
    public record Result(double omegaX, double omegaXErr, double rmsLogDeviation, int points) {
    }

    private Collapse() {
    }

    /** u(k): the root of k u + u^3/6 = 1 (u > 0, k >= 0). */
    static double u(double k) {
        double u = Math.min(Math.cbrt(6.0), 1.0 / Math.max(k, 1e-300));
        for (int i = 0; i < 200; i++) {
            double f = k * u + u * u * u / 6 - 1;
            double step = f / (k + u * u / 2);
            u -= step;
            if (Math.abs(step) < 1e-15 * u) {
                break;
            }
        }
        return u;
    }

    /** G(X) = int_0^X u(k)^2 dk, by substitution k = 1/u - u^2/6: [u + u^4/12] from u(X) to 6^(1/3). */
    public static double master(double bigX) {
        double u0 = Math.cbrt(6.0);
        double u1 = u(bigX);
        return (u0 - u1) + (Math.pow(u0, 4) - Math.pow(u1, 4)) / 12;
    }

    /**
     * omega_x minimizing sum_k [ln(kappa0 y_k) - 4 s - ln G(kappa_k e^(-2 s))]^2 / sigma_k^2
     * over s = ln omega, sigma_k the relative error of y_k (uniform if unknown).
     */
    public static Result omegaX(double[] kappa, double[] partialX2, double[] partialX2Err, double kappa0) {
        int n = kappa.length;
        double[] logY = new double[n];
        double[] w = new double[n];
        int used = 0;
        for (int k = 0; k < n; k++) {
            if (partialX2[k] > 0 && kappa[k] > 0) {
                logY[k] = Math.log(kappa0 * partialX2[k]);
                double rel = partialX2Err != null && partialX2Err[k] > 0 && Double.isFinite(partialX2Err[k])
                        ? partialX2Err[k] / partialX2[k] : 0.05;
                w[k] = 1 / (rel * rel + 1e-6);
                used++;
            }
        }
        if (used < 3) {
            throw new IllegalArgumentException("the collapse needs at least 3 positive points of <x^2>(kappa)");
        }
        // coarse scan of s = ln omega over omega in [1e-4, 1e2], then golden-section refinement
        double best = Double.NaN;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double s = Math.log(1e-4); s <= Math.log(1e2); s += 0.05) {
            double c = cost(s, kappa, logY, w);
            if (c < bestCost) {
                bestCost = c;
                best = s;
            }
        }
        double a = best - 0.05;
        double b = best + 0.05;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 80; i++) {
            double c1 = b - g * (b - a);
            double c2 = a + g * (b - a);
            if (cost(c1, kappa, logY, w) < cost(c2, kappa, logY, w)) {
                b = c2;
            } else {
                a = c1;
            }
        }
        double s = (a + b) / 2;
        double c0 = cost(s, kappa, logY, w);
        double hStep = 1e-3;
        double curvature = (cost(s + hStep, kappa, logY, w) - 2 * c0 + cost(s - hStep, kappa, logY, w)) / (hStep * hStep);
        // chi2 = sum w r^2: sigma_s = sqrt(2 / chi2''), inflated by the reduced chi2 when the shape misfits
        double reduced = Math.max(1, c0 / Math.max(1, used - 1));
        // the points of a cumulative curve share their data: count them as one independent point
        double sigmaS = curvature > 0 ? Math.sqrt(2 / curvature * reduced * used) : Double.NaN;
        double rms = 0;
        for (int k = 0; k < n; k++) {
            if (w[k] > 0) {
                double r = residual(s, kappa[k], logY[k]);
                rms += r * r;
            }
        }
        double omega = Math.exp(s);
        return new Result(omega, omega * sigmaS, Math.sqrt(rms / used), used);
    }

    private static double residual(double s, double kappa, double logY) {
        return logY - 4 * s - Math.log(master(kappa * Math.exp(-2 * s)));
    }

    private static double cost(double s, double[] kappa, double[] logY, double[] w) {
        double c = 0;
        for (int k = 0; k < kappa.length; k++) {
            if (w[k] > 0) {
                double r = residual(s, kappa[k], logY[k]);
                c += w[k] * r * r;
            }
        }
        return c;
    }
}
