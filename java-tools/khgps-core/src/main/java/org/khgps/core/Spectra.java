package org.khgps.core;

import java.util.Arrays;

/**
 * Analysis of pooled spectra and minima of one study point: D(omega) on logarithmic bins, the
 * mean of 1/lambda, &lt;x^2&gt; and the partial average &lt;x^2&gt;(kappa). Pure functions.
 */
public final class Spectra {

    private Spectra() {
    }

    /** D(omega) on logarithmic bins, normalized per mode: sum(dos * width) = 1. */
    public record Histogram(double[] edges, long[] counts, double[] dos, double[] dosErr, long modes) {
    }

    /**
     * Histogram of the frequencies {@code omega} (all > 0) on {@code bins} logarithmic bins from
     * the smallest to the largest frequency; Poisson errors sqrt(count) / (modes * width).
     */
    public static Histogram logHistogram(double[] omega, int bins) {
        return logHistogram(omega, bins, omega.length);
    }

    /**
     * The same, normalized per mode of {@code modesTotal} modes of which {@code omega} are the
     * ones below some frequency (lowest-K spectra): then sum(dos * width) = omega.length / modesTotal.
     */
    public static Histogram logHistogram(double[] omega, int bins, long modesTotal) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (omega.length == 0) {
            throw new IllegalArgumentException("no frequencies to histogram");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double w : omega) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("frequencies must be finite and > 0, got " + w);
            }
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
        }
        // widen by a hair so the extremes fall inside, and keep a non-empty range for one mode
        double logLo = Math.log(lo) - 1e-9;
        double logHi = Math.log(hi) + 1e-9;
        double step = (logHi - logLo) / bins;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.exp(logLo + b * step);
        }
        long[] counts = new long[bins];
        for (double w : omega) {
            int b = (int) ((Math.log(w) - logLo) / step);
            counts[Math.min(bins - 1, Math.max(0, b))]++;
        }
        if (modesTotal < omega.length) {
            throw new IllegalArgumentException("modes in all (" + modesTotal + ") fewer than frequencies given ("
                    + omega.length + ")");
        }
        double[] dos = new double[bins];
        double[] err = new double[bins];
        long modes = modesTotal;
        for (int b = 0; b < bins; b++) {
            double width = edges[b + 1] - edges[b];
            dos[b] = counts[b] / (modes * width);
            err[b] = Math.sqrt(counts[b]) / (modes * width);
        }
        return new Histogram(edges, counts, dos, err, modes);
    }

    /** The k lowest frequencies of a point, ascending, and the realization (row) and mode (column) of each. */
    public record Lowest(double[] omega, int[] row, int[] column) {
    }

    /**
     * The k lowest frequencies sqrt(lambda) over all rows of {@code eigenvalues}, each row
     * ascending (as the spectra files hold them): a k-way merge of the rows, k log R work
     * instead of sorting every mode. Ties go to the lower row, as a stable sort would.
     */
    public static Lowest lowest(double[][] eigenvalues, int k) {
        for (int r = 0; r < eigenvalues.length; r++) {
            for (int i = 1; i < eigenvalues[r].length; i++) {
                if (!(eigenvalues[r][i] >= eigenvalues[r][i - 1])) {
                    throw new IllegalArgumentException("eigenvalues of row " + r + " are not ascending at index " + i);
                }
            }
        }
        int[] next = new int[eigenvalues.length];
        java.util.PriorityQueue<Integer> heads = new java.util.PriorityQueue<>((a, b) -> {
            int c = Double.compare(eigenvalues[a][next[a]], eigenvalues[b][next[b]]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int r = 0; r < eigenvalues.length; r++) {
            if (eigenvalues[r].length > 0) {
                heads.add(r);
            }
        }
        double[] omega = new double[k];
        int[] row = new int[k];
        int[] column = new int[k];
        for (int j = 0; j < k; j++) {
            int r = heads.poll();
            omega[j] = Math.sqrt(eigenvalues[r][next[r]]);
            row[j] = r;
            column[j] = next[r];
            if (++next[r] < eigenvalues[r].length) {
                heads.add(r);
            }
        }
        return new Lowest(omega, row, column);
    }

    /** A mean over realizations with its standard error (NaN error for one realization). */
    public record Estimate(double value, double error) {
        static Estimate of(double[] perRealization) {
            int r = perRealization.length;
            double mean = Arrays.stream(perRealization).sum() / r;
            if (r < 2) {
                return new Estimate(mean, Double.NaN);
            }
            double ss = 0;
            for (double v : perRealization) {
                ss += (v - mean) * (v - mean);
            }
            return new Estimate(mean, Math.sqrt(ss / (r - 1) / r));
        }
    }

    /** &lt;x^2&gt;(kappa) on a grid of kappa, with errors from the spread over realizations. */
    public record PartialAverage(double[] kappa, double[] x2, double[] x2Err) {
    }

    /**
     * &lt;x^2&gt;(kappa) = (1/kappa0) int_0^kappa xbar^2 = (1/N) sum over oscillators with kappa_i <= kappa
     * of x_i^2, per realization, averaged over realizations; grid kappa0 * k / points, k = 1..points.
     * The last point is &lt;x^2&gt;.
     */
    public static PartialAverage partialAverage(double[][] kappa, double[][] x, double kappa0, int points) {
        int realizations = kappa.length;
        double[] grid = new double[points];
        for (int k = 0; k < points; k++) {
            grid[k] = kappa0 * (k + 1) / points;
        }
        double[][] perRealization = new double[points][realizations];
        for (int r = 0; r < realizations; r++) {
            int n = kappa[r].length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            double[] kr = kappa[r];
            Arrays.sort(order, (a, b) -> Double.compare(kr[a], kr[b]));
            double cumulative = 0;
            int next = 0;
            for (int k = 0; k < points; k++) {
                while (next < n && kr[order[next]] <= grid[k]) {
                    double xi = x[r][order[next]];
                    cumulative += xi * xi;
                    next++;
                }
                if (k == points - 1) {
                    // kappa_i < kappa0 always, but keep every oscillator in the total whatever rounding did
                    while (next < n) {
                        double xi = x[r][order[next]];
                        cumulative += xi * xi;
                        next++;
                    }
                }
                perRealization[k][r] = cumulative / n;
            }
        }
        double[] mean = new double[points];
        double[] err = new double[points];
        for (int k = 0; k < points; k++) {
            Estimate e = Estimate.of(perRealization[k]);
            mean[k] = e.value();
            err[k] = e.error();
        }
        return new PartialAverage(grid, mean, err);
    }

    /** Mean over realizations of &lt;1/lambda&gt; over its positive eigenvalues. */
    public static Estimate meanInverseLambda(double[][] eigenvalues) {
        double[] per = new double[eigenvalues.length];
        for (int r = 0; r < eigenvalues.length; r++) {
            double s = 0;
            int count = 0;
            for (double l : eigenvalues[r]) {
                if (l > 0) {
                    s += 1 / l;
                    count++;
                }
            }
            per[r] = count > 0 ? s / count : Double.NaN;
        }
        return Estimate.of(per);
    }
}
