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
            checkFrequency(w);
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
        }
        LogBins on = LogBins.spanning(lo, hi, bins);
        long[] counts = new long[bins];
        for (double w : omega) {
            counts[on.of(w)]++;
        }
        return histogram(on, counts, omega.length, modesTotal);
    }

    /** Frequencies to histogram must be finite and > 0. */
    public static void checkFrequency(double w) {
        if (!(w > 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("frequencies must be finite and > 0, got " + w);
        }
    }

    /**
     * Logarithmic bins from lo to hi, widened by a hair so the extremes fall inside and one mode
     * still has a range: the bins of {@link #logHistogram}, also when the counts are gathered one
     * chunk at a time (PointDos).
     */
    public record LogBins(double logLo, double step, int bins) {
        public static LogBins spanning(double lo, double hi, int bins) {
            double logLo = Math.log(lo) - 1e-9;
            double logHi = Math.log(hi) + 1e-9;
            return new LogBins(logLo, (logHi - logLo) / bins, bins);
        }

        /** The bin of frequency w: never decreases as w grows. */
        public int of(double w) {
            int b = (int) ((Math.log(w) - logLo) / step);
            return Math.min(bins - 1, Math.max(0, b));
        }

        public double[] edges() {
            double[] edges = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                edges[b] = Math.exp(logLo + b * step);
            }
            return edges;
        }
    }

    /**
     * D(omega) from the counts on {@code on} of the {@code counted} frequencies, normalized per mode
     * of {@code modesTotal} (which may hold more: lowest-K spectra); Poisson errors.
     */
    public static Histogram histogram(LogBins on, long[] counts, long counted, long modesTotal) {
        if (modesTotal < counted) {
            throw new IllegalArgumentException("modes in all (" + modesTotal + ") fewer than frequencies given ("
                    + counted + ")");
        }
        double[] edges = on.edges();
        double[] dos = new double[on.bins()];
        double[] err = new double[on.bins()];
        for (int b = 0; b < on.bins(); b++) {
            double width = edges[b + 1] - edges[b];
            dos[b] = counts[b] / (modesTotal * width);
            err[b] = Math.sqrt(counts[b]) / (modesTotal * width);
        }
        return new Histogram(edges, counts, dos, err, modesTotal);
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
            checkAscending(eigenvalues[r], "row " + r);
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

    /** The rows k-way merged by {@link #lowest} must be ascending (a NaN is not). */
    public static void checkAscending(double[] row, String which) {
        for (int i = 1; i < row.length; i++) {
            if (!(row[i] >= row[i - 1])) {
                throw new IllegalArgumentException("eigenvalues of " + which + " are not ascending at index " + i);
            }
        }
    }

    /** A mean over realizations with its standard error (NaN error for one realization). */
    public record Estimate(double value, double error) {
        public static Estimate of(double[] perRealization) {
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
        double[][] rows = new double[kappa.length][];
        for (int r = 0; r < kappa.length; r++) {
            rows[r] = partialAverageRow(kappa[r], x[r], kappa0, points);
        }
        return partialAverage(rows, kappa0, points);
    }

    /** One realization's (1/N) sum over oscillators with kappa_i <= kappa of x_i^2 on the grid. */
    public static double[] partialAverageRow(double[] kappa, double[] x, double kappa0, int points) {
        double[] grid = partialAverageGrid(kappa0, points);
        int n = kappa.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(kappa[a], kappa[b]));
        double[] row = new double[points];
        double cumulative = 0;
        int next = 0;
        for (int k = 0; k < points; k++) {
            while (next < n && kappa[order[next]] <= grid[k]) {
                double xi = x[order[next]];
                cumulative += xi * xi;
                next++;
            }
            if (k == points - 1) {
                // kappa_i < kappa0 always, but keep every oscillator in the total whatever rounding did
                while (next < n) {
                    double xi = x[order[next]];
                    cumulative += xi * xi;
                    next++;
                }
            }
            row[k] = cumulative / n;
        }
        return row;
    }

    /** The average over realizations of their {@link #partialAverageRow}s, in the order given. */
    public static PartialAverage partialAverage(double[][] rows, double kappa0, int points) {
        double[] mean = new double[points];
        double[] err = new double[points];
        double[] column = new double[rows.length];
        for (int k = 0; k < points; k++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][k];
            }
            Estimate e = Estimate.of(column);
            mean[k] = e.value();
            err[k] = e.error();
        }
        return new PartialAverage(partialAverageGrid(kappa0, points), mean, err);
    }

    private static double[] partialAverageGrid(double kappa0, int points) {
        double[] grid = new double[points];
        for (int k = 0; k < points; k++) {
            grid[k] = kappa0 * (k + 1) / points;
        }
        return grid;
    }

    /** Mean over realizations of &lt;1/lambda&gt; over its positive eigenvalues. */
    public static Estimate meanInverseLambda(double[][] eigenvalues) {
        double[] per = new double[eigenvalues.length];
        for (int r = 0; r < eigenvalues.length; r++) {
            per[r] = meanInverseLambda(eigenvalues[r]);
        }
        return Estimate.of(per);
    }

    /** One realization's mean of 1/lambda over its positive eigenvalues (NaN if none). */
    public static double meanInverseLambda(double[] eigenvalues) {
        double s = 0;
        int count = 0;
        for (double l : eigenvalues) {
            if (l > 0) {
                s += 1 / l;
                count++;
            }
        }
        return count > 0 ? s / count : Double.NaN;
    }
}
