package org.khgps.core;

/**
 * What an eigenvector of the Hessian says about its mode: how many oscillators share it and
 * which one carries it. Quasilocalized modes have a participation ratio of order 1/N (a few
 * oscillators), extended ones of order 1.
 */
public final class ModeStructure {

    private ModeStructure() {
    }

    /** (sum_i psi_i^4)^-1 / N for psi of any norm: 1/N for a unit vector on one site, 1 for a uniform one. */
    public static double participationRatio(double[] psi) {
        double s2 = 0;
        double s4 = 0;
        for (double p : psi) {
            double p2 = p * p;
            s2 += p2;
            s4 += p2 * p2;
        }
        return s2 * s2 / (s4 * psi.length);
    }

    /** The oscillator with the largest weight psi_i^2 (the lowest index among ties). */
    public static int largestWeight(double[] psi) {
        int best = 0;
        for (int i = 1; i < psi.length; i++) {
            if (Math.abs(psi[i]) > Math.abs(psi[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The local field on each oscillator, h - sum_j couplings_ij x_j, from the couplings product
     * {@code couplingsTimesX} = (couplings) x.
     */
    public static double[] localField(double h, double[] couplingsTimesX) {
        double[] f = new double[couplingsTimesX.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = h - couplingsTimesX[i];
        }
        return f;
    }
}
