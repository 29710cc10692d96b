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

    /**
     * Cross-check of A_g from the binned D(omega): over the histogram bins lying inside
     * [lo, hi], A = 5 sum(counts) / (M sum(e_(b+1)^5 - e_b^5)), the omega^4 law integrated over
     * each bin exactly. Returns {A, error}, NaN when no bin lies inside the window.
     */
    public static double[] binned(double[] edges, long[] counts, long modesTotal, double lo, double hi) {
        long total = 0;
        double volume = 0;
        for (int b = 0; b < counts.length; b++) {
            if (edges[b] >= lo && edges[b + 1] <= hi) {
                total += counts[b];
                volume += Math.pow(edges[b + 1], 5) - Math.pow(edges[b], 5);
            }
        }
        if (volume == 0 || total == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double a = 5.0 * total / (modesTotal * volume);
        return new double[] {a, a / Math.sqrt(total)};
    }

    /** Standard deviations over bootstrap resamplings of the realizations. */
    public record Bootstrap(double aGErr, double exponentErr, int samples) {
    }

    private TailFit() {
    }

    /** Hill's free exponent and A_g from the k lowest frequencies (window edge lowest[k]). */
    static Result window(double[] lowest, long modesTotal, int k) {
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

    /**
     * The automatic window: the largest window of the lowest modes in which the local exponent
     * is consistent with 4. Windows of k = minModes x 1.25^j modes (up to maxModes) are tried from
     * the smallest; the chosen k is the last one before the first whose Hill exponent differs
     * from 4 by more than two standard errors. If even the smallest is inconsistent (no omega^4
     * tail at this statistics, e.g. a gapped spectrum), the smallest window is used and
     * {@code consistent} is false.
     */
    public record Auto(Result result, boolean consistent, int windowsTried) {
    }

    public static Auto auto(double[] lowest, long modesTotal, int minModes, int maxModes) {
        if (minModes < 2) {
            throw new IllegalArgumentException("minimum modes in the window must be >= 2, got " + minModes);
        }
        int limit = Math.min(maxModes, lowest.length - 1);
        if (limit < minModes) {
            throw new IllegalArgumentException("the tail fit needs " + (minModes + 1) + " lowest frequencies, got "
                    + lowest.length + " (" + modesTotal + " modes in all): add realizations or lower min modes");
        }
        checkAscending(lowest, limit);
        Result chosen = null;
        int tried = 0;
        for (double kk = minModes; (int) kk <= limit; kk *= 1.25) {
            Result r = window(lowest, modesTotal, (int) kk);
            tried++;
            if (Math.abs(r.exponent() - 4) > 2 * r.exponentErr()) {
                break;
            }
            chosen = r;
        }
        if (chosen == null) {
            return new Auto(window(lowest, modesTotal, minModes), false, tried);
        }
        return new Auto(chosen, true, tried);
    }

    private static void checkAscending(double[] lowest, int k) {
        if (!(lowest[0] > 0)) {
            throw new IllegalArgumentException("lowest frequencies must be positive and ascending");
        }
        for (int i = 1; i <= k; i++) {
            if (!(lowest[i] >= lowest[i - 1])) {
                throw new IllegalArgumentException("lowest frequencies must be positive and ascending");
            }
        }
    }

    /**
     * Realization-resampling errors of A_g and the exponent for a fixed window edge omegaC:
     * realizations are drawn with replacement {@code samples} times (seeded), and each mode
     * counts as often as its realization was drawn.
     *
     * @param realizationOf for each of {@code lowest}, the index (0..realizations-1) of its realization
     */
    public static Bootstrap bootstrap(double[] lowest, int[] realizationOf, int realizations, long modesTotal,
                                      double omegaC, int samples, long seed) {
        Xoshiro256 rng = new Xoshiro256(seed);
        double[] aG = new double[samples];
        double[] beta = new double[samples];
        int[] weight = new int[realizations];
        for (int b = 0; b < samples; b++) {
            java.util.Arrays.fill(weight, 0);
            for (int r = 0; r < realizations; r++) {
                weight[(int) (rng.nextDouble() * realizations)]++;
            }
            double k = 0;
            double logSum = 0;
            for (int i = 0; i < lowest.length && lowest[i] < omegaC; i++) {
                int w = weight[realizationOf[i]];
                k += w;
                logSum += w * Math.log(omegaC / lowest[i]);
            }
            aG[b] = 5.0 * k / (modesTotal * Math.pow(omegaC, 5));
            beta[b] = logSum > 0 ? k / logSum - 1 : Double.NaN;
        }
        return new Bootstrap(std(aG), std(beta), samples);
    }

    private static double std(double[] v) {
        double mean = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                mean += x;
                n++;
            }
        }
        mean /= n;
        double ss = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        return n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
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
        checkAscending(lowest, k);
        return window(lowest, modesTotal, k);
    }
}
