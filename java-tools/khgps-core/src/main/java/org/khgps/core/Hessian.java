package org.khgps.core;

/**
 * The Hessian of H at x, M_ij = couplings_ij + delta_ij (kappa_i + x_i^2/2): the one place it is
 * assembled (the couplings' diagonal is zero, so the diagonal of M is the local stiffness alone).
 */
public final class Hessian {

    private Hessian() {
    }

    /** M_ii = kappa_i + x_i^2/2. */
    public static double diagonalElement(double kappa, double x) {
        return kappa + 0.5 * x * x;
    }

    public static double[] diagonal(double[] kappa, double[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = diagonalElement(kappa[i], x[i]);
        }
        return d;
    }

    /**
     * M into {@code m}: the couplings regenerated from the realization seed, then the diagonal.
     * Returns the diagonal.
     */
    public static double[] assemble(long realizationSeed, double J, double[] kappa, double[] x, SymmetricMatrix m,
                                    int threads) {
        Disorder.fillCouplings(realizationSeed, J, m, threads);
        return setDiagonal(m, kappa, x);
    }

    /** M into {@code m} when it already holds the couplings (diagonal zero): only the diagonal is set. */
    public static double[] setDiagonal(SymmetricMatrix m, double[] kappa, double[] x) {
        double[] d = diagonal(kappa, x);
        for (int i = 0; i < d.length; i++) {
            m.setDiagonal(i, d[i]);
        }
        return d;
    }

    /** (couplings x) from M: M x - diag(M) x, one product with the Hessian in m. */
    public static double[] couplingsTimes(SymmetricMatrix m, double[] diagonal, double[] x, int threads) {
        double[] jx = new double[x.length];
        m.multiplyJava(x, jx, threads);
        for (int i = 0; i < x.length; i++) {
            jx[i] -= diagonal[i] * x[i];
        }
        return jx;
    }
}
