package org.khgps.core;

/**
 * H(x) = sum_i kappa_i x_i^2/2 + x_i^4/24 + sum_{i<j} J_ij x_i x_j - h sum_i x_i.
 * All functions take the couplings times x precomputed ({@code jx}), the only O(N^2) part.
 */
public final class Hamiltonian {

    private Hamiltonian() {
    }

    public static double energy(double[] kappa, double h, double[] x, double[] jx) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double x2 = xi * xi;
            e += 0.5 * kappa[i] * x2 + x2 * x2 / 24.0 + 0.5 * xi * jx[i] - h * xi;
        }
        return e;
    }

    /** g_i = kappa_i x_i + x_i^3/6 + (couplings x)_i - h. */
    public static void gradient(double[] kappa, double h, double[] x, double[] jx, double[] g) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            g[i] = kappa[i] * xi + xi * xi * xi / 6.0 + jx[i] - h;
        }
    }

    public static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
