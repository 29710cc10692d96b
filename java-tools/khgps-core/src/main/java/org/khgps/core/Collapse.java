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

    /**
     * omega_x of the points of a family (same N, h, kappa0; varying J) from their collapse onto
     * each other, the paper's way: the scales s_p = ln omega_p that make
     * ln(kappa0 &lt;x^2&gt;(kappa)) - 4 s_p against ln kappa - 2 s_p one curve, with s of the
     * anchor point fixed (the weakest J, pinned to h^(1/3)).
     *
     * @param omegaX     per point
     * @param omegaXErr  per point (0 for the anchor; NaN if the curvature gives none)
     * @param rmsLogDeviation rms of the pairwise log-residuals at the optimum
     * @param terms      pairwise residuals at the optimum (points of one curve inside another's range)
     */
    public record FamilyResult(double[] omegaX, double[] omegaXErr, double rmsLogDeviation, int terms) {
    }

    /** One curve in logs: ln kappa, ln(kappa0 y), squared relative error (positive points only). */
    private record LogCurve(double[] lnK, double[] lnY, double[] rel2) {
        static LogCurve of(double[] kappa, double[] y, double[] yErr, double kappa0) {
            int n = 0;
            for (int k = 0; k < kappa.length; k++) {
                if (kappa[k] > 0 && y[k] > 0) {
                    n++;
                }
            }
            double[] lk = new double[n];
            double[] ly = new double[n];
            double[] r2 = new double[n];
            int j = 0;
            for (int k = 0; k < kappa.length; k++) {
                if (kappa[k] > 0 && y[k] > 0) {
                    lk[j] = Math.log(kappa[k]);
                    ly[j] = Math.log(kappa0 * y[k]);
                    double rel = yErr != null && yErr[k] > 0 && Double.isFinite(yErr[k]) ? yErr[k] / y[k] : 0.05;
                    r2[j] = rel * rel;
                    j++;
                }
            }
            return new LogCurve(lk, ly, r2);
        }
    }

    /**
     * Weighted pairwise residuals at scales s: {chi2 = sum w r^2, sum w, sum r^2, terms}. Each
     * point k of curve p is compared with curve q (q != p) interpolated linearly in log-log at the
     * same rescaled kappa, where that lies inside q's range; w = 1 / (rel_p^2 + rel_q^2 + 1e-6).
     */
    private static double[] pairwise(LogCurve[] c, double[] s) {
        double chi2 = 0;
        double sumW = 0;
        double sumR2 = 0;
        int terms = 0;
        for (int p = 0; p < c.length; p++) {
            for (int q = 0; q < c.length; q++) {
                if (p == q || c[q].lnK().length < 2) {
                    continue;
                }
                double[] qk = c[q].lnK();
                for (int k = 0; k < c[p].lnK().length; k++) {
                    double x = c[p].lnK()[k] - 2 * s[p] + 2 * s[q];
                    if (x < qk[0] || x > qk[qk.length - 1]) {
                        continue;
                    }
                    int i = java.util.Arrays.binarySearch(qk, x);
                    if (i < 0) {
                        i = -i - 2;
                    }
                    i = Math.max(0, Math.min(qk.length - 2, i));
                    double t = (x - qk[i]) / (qk[i + 1] - qk[i]);
                    double yq = c[q].lnY()[i] + t * (c[q].lnY()[i + 1] - c[q].lnY()[i]);
                    double rq = c[q].rel2()[i] + t * (c[q].rel2()[i + 1] - c[q].rel2()[i]);
                    double r = (c[p].lnY()[k] - 4 * s[p]) - (yq - 4 * s[q]);
                    double w = 1 / (c[p].rel2()[k] + rq + 1e-6);
                    chi2 += w * r * r;
                    sumW += w;
                    sumR2 += r * r;
                    terms++;
                }
            }
        }
        return new double[] {chi2, sumW, sumR2, terms};
    }

    /** The objective: the weighted mean squared residual (so shifting curves apart gains nothing). */
    private static double familyCost(LogCurve[] c, double[] s) {
        double[] r = pairwise(c, s);
        return r[3] < 3 ? Double.POSITIVE_INFINITY : r[0] / r[1];
    }

    /**
     * @param start  initial omega_x per point (e.g. from the collapse onto G); NaN entries start at anchorOmega
     * @param anchor index of the point whose omega_x is fixed to anchorOmega
     */
    public static FamilyResult family(double[][] kappa, double[][] partialX2, double[][] partialX2Err, double kappa0,
                                      int anchor, double anchorOmega, double[] start) {
        int n = kappa.length;
        LogCurve[] c = new LogCurve[n];
        double[] s = new double[n];
        for (int p = 0; p < n; p++) {
            c[p] = LogCurve.of(kappa[p], partialX2[p], partialX2Err == null ? null : partialX2Err[p], kappa0);
            s[p] = start != null && start[p] > 0 && Double.isFinite(start[p]) ? Math.log(start[p]) : Math.log(anchorOmega);
        }
        // the start values are relative to G; shift them so the anchor sits at anchorOmega
        double shift = Math.log(anchorOmega) - s[anchor];
        for (int p = 0; p < n; p++) {
            s[p] += shift;
        }
        double[] err = new double[n];
        if (n < 2) {
            return new FamilyResult(new double[] {anchorOmega}, new double[] {0}, Double.NaN, 0);
        }
        // coordinate descent, golden section per coordinate on a bracket that narrows
        double g = (Math.sqrt(5) - 1) / 2;
        double width = 0.7;
        for (int sweep = 0; sweep < 60; sweep++) {
            double moved = 0;
            for (int p = 0; p < n; p++) {
                if (p == anchor) {
                    continue;
                }
                double old = s[p];
                double a = old - width;
                double b = old + width;
                for (int it = 0; it < 40; it++) {
                    double c1 = b - g * (b - a);
                    double c2 = a + g * (b - a);
                    s[p] = c1;
                    double f1 = familyCost(c, s);
                    s[p] = c2;
                    double f2 = familyCost(c, s);
                    if (f1 < f2) {
                        b = c2;
                    } else {
                        a = c1;
                    }
                }
                s[p] = (a + b) / 2;
                if (!(familyCost(c, s) <= familyCost(c, withValue(s, p, old)))) {
                    s[p] = old;
                }
                moved = Math.max(moved, Math.abs(s[p] - old));
            }
            if (moved < 1e-9) {
                break;
            }
            width = Math.max(0.05, Math.min(width, 4 * moved));
        }
        // errors: curvature of chi2 over the free scales, scaled by the reduced chi2 (if > 1) and by
        // the points per curve (the points of a cumulative curve share their data: count them as one)
        int free = n - 1;
        int[] index = new int[free];
        for (int p = 0, j = 0; p < n; p++) {
            if (p != anchor) {
                index[j++] = p;
            }
        }
        double[] at = pairwise(c, s);
        double hStep = 1e-3;
        double[][] hess = new double[free][free];
        for (int i = 0; i < free; i++) {
            for (int j = i; j < free; j++) {
                double v = (chi2(c, s, index[i], hStep, index[j], hStep) - chi2(c, s, index[i], hStep, index[j], -hStep)
                        - chi2(c, s, index[i], -hStep, index[j], hStep) + chi2(c, s, index[i], -hStep, index[j], -hStep))
                        / (4 * hStep * hStep);
                hess[i][j] = v;
                hess[j][i] = v;
            }
        }
        double[][] inverse = invert(hess);
        int perCurve = 0;
        for (LogCurve lc : c) {
            perCurve = Math.max(perCurve, lc.lnK().length);
        }
        double reduced = Math.max(1, at[0] / Math.max(1, at[3] - free));
        double[] omega = new double[n];
        for (int p = 0; p < n; p++) {
            omega[p] = Math.exp(s[p]);
        }
        for (int i = 0; i < free; i++) {
            double var = inverse == null ? Double.NaN : 2 * inverse[i][i] * reduced * perCurve;
            err[index[i]] = var > 0 ? omega[index[i]] * Math.sqrt(var) : Double.NaN;
        }
        return new FamilyResult(omega, err, at[3] > 0 ? Math.sqrt(at[2] / at[3]) : Double.NaN, (int) at[3]);
    }

    private static double[] withValue(double[] s, int p, double v) {
        double[] t = s.clone();
        t[p] = v;
        return t;
    }

    private static double chi2(LogCurve[] c, double[] s, int i, double di, int j, double dj) {
        double[] t = s.clone();
        t[i] += di;
        t[j] += dj;
        return pairwise(c, t)[0];
    }

    /** Inverse of a small symmetric matrix by Gauss-Jordan with partial pivoting; null if singular. */
    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(m[pivot][col]) > 0)) {
                return null;
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double d = m[col][col];
            for (int k = 0; k < 2 * n; k++) {
                m[col][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }
}
