package org.khgps.core;

/**
 * The low-frequency law D(omega) = A_g omega^beta from the k lowest frequencies of a point,
 * unbinned (maximum likelihood, so no bin choice enters).
 *
 * <p>Window: the k lowest of the M modes, k = max(minModes, round(fraction * M)); its upper
 * edge omega_c is the (k+1)-th lowest frequency. Given D = A omega^beta below omega_c:
 * <ul>
 *   <li>free exponent (Hill estimator): beta + 1 = k / sum_{i<=k} ln(omega_c / omega_i),
 *       error (beta + 1) / sqrt(k);</li>
 *   <li>A_g with beta = 4 from the cumulative count: k / M = A_g omega_c^5 / 5, so
 *       A_g = 5 k / (M omega_c^5), Poisson error A_g / sqrt(k).</li>
 * </ul>
 */
public final class TailFit {

    public static final double DEFAULT_FRACTION = 0.01;
    public static final int DEFAULT_MIN_MODES = 20;

    /** The fitted numbers and the window they came from. */
    public record Result(double aG, double aGErr, double exponent, double exponentErr,
                         double omegaLow, double omegaHigh, int modesInWindow, long modesTotal) {
    }

    private TailFit() {
    }

    /**
     * @param lowest the lowest frequencies of the point, ascending (at least k + 1 of them)
     * @param modesTotal M, all positive-frequency modes of the point
     */
    public static Result fit(double[] lowest, long modesTotal, double fraction, int minModes) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("tail fraction must be in (0, 1), got " + fraction);
        }
        if (minModes < 2) {
            throw new IllegalArgumentException("minimum modes in the window must be >= 2, got " + minModes);
        }
        int k = (int) Math.max(minModes, Math.round(fraction * modesTotal));
        if (lowest.length < k + 1) {
            throw new IllegalArgumentException("the tail fit needs " + (k + 1) + " lowest frequencies, got "
                    + lowest.length + " (" + modesTotal + " modes in all): add realizations or lower min modes");
        }
        for (int i = 1; i <= k; i++) {
            if (!(lowest[i] >= lowest[i - 1]) || !(lowest[0] > 0)) {
                throw new IllegalArgumentException("lowest frequencies must be positive and ascending");
            }
        }
        double omegaC = lowest[k];
        double logSum = 0;
        for (int i = 0; i < k; i++) {
            logSum += Math.log(omegaC / lowest[i]);
        }
        double betaPlusOne = k / logSum;
        double aG = 5.0 * k / (modesTotal * Math.pow(omegaC, 5));
        return new Result(aG, aG / Math.sqrt(k), betaPlusOne - 1, betaPlusOne / Math.sqrt(k),
                lowest[0], omegaC, k, modesTotal);
    }
}
