package org.khgps.core;

/**
 * The low-frequency law D(omega) = A_g omega^beta from the k lowest frequencies of a point,
 * unbinned (maximum likelihood, so no bin choice enters).
 *
 * <p>Window: the k lowest of the M modes; its upper edge omega_c is the (k+1)-th lowest
 * frequency. Either a fixed fraction, k = max(minModes, round(fraction * M)) ({@link #fit}), or
 * the automatic windows of {@link #auto}: a physics bound, the exponent over every mode below it,
 * A_g over the plateau of the compensated count. Given D = A omega^beta below omega_c:
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
     * The physics bound on the omega^4 window: below omega_x / 2 (the omega^4 law is a statement
     * about modes well below the characteristic frequency) and, in the weak regime
     * (omega_x within 20% of h^(1/3), or omega_x unknown), below the J = 0 gap edge (3h/2)^(1/3),
     * where the pile-up of nearly free oscillators starts. +infinity when neither is known.
     *
     * @param omegaX the point's omega_x (NaN if unknown)
     */
    public record Bound(double omegaMax, double omegaX, double gapEdge, boolean weak) {
    }

    /** Lowest J = 0 frequency: min over kappa of kappa + x^2/2 with kappa x + x^3/6 = h is at x^3 = 3h/2. */
    public static double gapEdge(double h) {
        return h > 0 ? Math.cbrt(1.5 * h) : Double.NaN;
    }

    public static Bound bound(double h, double omegaX) {
        double gap = gapEdge(h);
        boolean known = omegaX > 0 && Double.isFinite(omegaX);
        boolean weak = !known || (h > 0 && Math.abs(omegaX / Math.cbrt(h) - 1) <= 0.2);
        double max = Double.POSITIVE_INFINITY;
        if (known) {
            max = omegaX / 2;
        }
        if (weak && gap > 0) {
            max = Math.min(max, gap);
        }
        return new Bound(max, omegaX, gap, weak);
    }

    /**
     * A curve against the window: for windows of the k lowest modes (edge omega = the (k+1)-th),
     * a value and its 16th-84th percentile band over realization-bootstrap samples (NaN without
     * bootstrap).
     */
    public record Curve(int[] k, double[] omega, double[] value, double[] lo, double[] hi) {
    }

    /**
     * The automatic tail analysis of one point.
     *
     * @param aGWindow    A_g = 5 k / (M omega_c^5) over the plateau of the compensated count (its
     *                    exponent field is the Hill exponent over that same window, for reference only)
     * @param slopeWindow the free exponent (Hill) over every mode below the physics bound: a window
     *                    chosen without reference to the value 4
     * @param modesBelowBound modes of the tail below {@code bound.omegaMax()}
     * @param status      "ok", or why there is no window (then the windows are null)
     * @param hill        the Hill exponent against k and omega_c
     * @param compensated 5 N(omega) / omega^5 against k and omega_c
     */
    public record Auto(Result aGWindow, Result slopeWindow, Bound bound, int modesBelowBound, int plateauShells,
                       String status, Curve hill, Curve compensated) {

        public boolean ok() {
            return aGWindow != null;
        }
    }

    /** Significance (in standard deviations) at which a shell ends the plateau of the compensated count. */
    public static final double PLATEAU_SIGMAS = 3.0;

    /**
     * The automatic windows (docs/analysis.md):
     * <ol>
     *   <li>physics: only modes below {@code bound.omegaMax()} (and within the stored tail);</li>
     *   <li>exponent: Hill over all of them, at least minModes (else no window: status says why);</li>
     *   <li>A_g: the plateau of C(omega) = 5 N(omega)/omega^5. Starting from the minModes lowest
     *       modes, the window doubles while the A estimated from the new shell alone (the modes
     *       between the old and new edge) agrees with C at the old edge within
     *       {@link #PLATEAU_SIGMAS} combined Poisson errors; shells are disjoint, so the test is of
     *       independent counts. A_g = C at the last accepted edge. A gap-edge bump or any excess
     *       ends the plateau before it biases A_g.</li>
     * </ol>
     *
     * @param realizationOf for each of {@code lowest}, its realization (0..realizations-1), or null:
     *                      then no bands on the curves
     */
    public static Auto auto(double[] lowest, long modesTotal, int minModes, Bound bound,
                            int[] realizationOf, int realizations, int samples, long seed) {
        if (minModes < 2) {
            throw new IllegalArgumentException("minimum modes in the window must be >= 2, got " + minModes);
        }
        int n = lowest.length;
        if (n > 0) {
            checkAscending(lowest, n - 1);
        }
        Curve[] curves = curves(lowest, modesTotal, Math.min(minModes, 10), realizationOf, realizations, samples, seed);
        int below = 0;
        while (below < n && lowest[below] < bound.omegaMax()) {
            below++;
        }
        // the window edge is the (k+1)-th mode: it must be below the bound and stored
        int kMax = Math.min(below, n) - 1;
        if (kMax < minModes) {
            String why = String.format(java.util.Locale.ROOT,
                    "no window: %d modes below omega_max = %.4g (need %d; omega_x/2 = %.4g, gap edge = %.4g)",
                    below, bound.omegaMax(), minModes + 1, bound.omegaX() / 2, bound.gapEdge());
            return new Auto(null, null, bound, below, 0, why, curves[0], curves[1]);
        }
        int k = minModes;
        int shells = 0;
        while (k < kMax) {
            int next = (int) Math.min((long) kMax, 2L * k);
            int inside = next - k - 1; // modes strictly between the two edges: their spacing is Gamma(next - k)
            double volume = Math.pow(lowest[next], 5) - Math.pow(lowest[k], 5);
            if (!(volume > 0) || inside < 1) {
                break;
            }
            double shell = 5.0 * inside / (modesTotal * volume);
            double shellErr = shell / Math.sqrt(inside);
            double pooled = 5.0 * k / (modesTotal * Math.pow(lowest[k], 5));
            double pooledErr = pooled / Math.sqrt(k);
            if (Math.abs(shell - pooled) > PLATEAU_SIGMAS * Math.hypot(shellErr, pooledErr)) {
                break;
            }
            k = next;
            shells++;
        }
        return new Auto(window(lowest, modesTotal, k), window(lowest, modesTotal, kMax), bound, below, shells, "ok",
                curves[0], curves[1]);
    }

    /**
     * The Hill exponent and the compensated count against the window, on windows
     * k = kMin x 1.2^j up to all stored modes, with realization-bootstrap bands.
     */
    static Curve[] curves(double[] lowest, long modesTotal, int kMin, int[] realizationOf, int realizations,
                          int samples, long seed) {
        java.util.List<Integer> grid = new java.util.ArrayList<>();
        for (double kk = Math.max(2, kMin); (int) kk <= lowest.length - 1; kk = Math.max(kk * 1.2, kk + 1)) {
            grid.add((int) kk);
        }
        int g = grid.size();
        int[] ks = grid.stream().mapToInt(Integer::intValue).toArray();
        double[] omega = new double[g];
        double[] hill = new double[g];
        double[] comp = new double[g];
        for (int j = 0; j < g; j++) {
            Result r = window(lowest, modesTotal, ks[j]);
            omega[j] = r.omegaHigh();
            hill[j] = r.exponent();
            comp[j] = r.aG();
        }
        double[] hillLo = new double[g];
        double[] hillHi = new double[g];
        double[] compLo = new double[g];
        double[] compHi = new double[g];
        java.util.Arrays.fill(hillLo, Double.NaN);
        java.util.Arrays.fill(hillHi, Double.NaN);
        java.util.Arrays.fill(compLo, Double.NaN);
        java.util.Arrays.fill(compHi, Double.NaN);
        if (realizationOf != null && samples > 1 && realizations > 1 && g > 0) {
            double[] logOmega = new double[lowest.length];
            for (int i = 0; i < lowest.length; i++) {
                logOmega[i] = Math.log(lowest[i]);
            }
            double[][] hb = new double[g][samples];
            double[][] cb = new double[g][samples];
            Xoshiro256 rng = new Xoshiro256(seed);
            int[] weight = new int[realizations];
            for (int b = 0; b < samples; b++) {
                resample(rng, weight);
                double count = 0;
                double logSum = 0;
                int i = 0;
                for (int j = 0; j < g; j++) {
                    double edge = omega[j];
                    while (i < lowest.length && lowest[i] < edge) {
                        int w = weight[realizationOf[i]];
                        count += w;
                        logSum += w * logOmega[i];
                        i++;
                    }
                    double denominator = count * Math.log(edge) - logSum;
                    hb[j][b] = denominator > 0 ? count / denominator - 1 : Double.NaN;
                    cb[j][b] = 5.0 * count / (modesTotal * Math.pow(edge, 5));
                }
            }
            for (int j = 0; j < g; j++) {
                hillLo[j] = percentile(hb[j], 0.16);
                hillHi[j] = percentile(hb[j], 0.84);
                compLo[j] = percentile(cb[j], 0.16);
                compHi[j] = percentile(cb[j], 0.84);
            }
        }
        return new Curve[] {new Curve(ks, omega, hill, hillLo, hillHi), new Curve(ks, omega.clone(), comp, compLo, compHi)};
    }

    private static double percentile(double[] values, double q) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** |beta - 4| <= 2 sigma: the test of the omega^4 law that the automatic exponent window allows to fail. */
    public static boolean consistentWith4(double exponent, double sigma) {
        return Double.isFinite(exponent) && Double.isFinite(sigma) && Math.abs(exponent - 4) <= 2 * sigma;
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
            resample(rng, weight);
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

    /** One bootstrap draw: how often each realization is drawn when drawing as many with replacement. */
    static void resample(Xoshiro256 rng, int[] weight) {
        java.util.Arrays.fill(weight, 0);
        for (int r = 0; r < weight.length; r++) {
            weight[(int) (rng.nextDouble() * weight.length)]++;
        }
    }

    /** Standard deviation of the finite values (NaN with fewer than two). */
    public static double std(double[] v) {
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
     * The k modes of the fraction window: the lowest max(minModes, fraction x modesTotal), of which
     * {@link #fit} needs k + 1 frequencies; the fraction in (0, 1) and minModes >= 2.
     */
    public static int fractionModes(long modesTotal, double fraction, int minModes) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("tail fraction must be in (0, 1), got " + fraction);
        }
        if (minModes < 2) {
            throw new IllegalArgumentException("minimum modes in the window must be >= 2, got " + minModes);
        }
        return (int) Math.max(minModes, Math.round(fraction * modesTotal));
    }

    /**
     * @param lowest the lowest frequencies of the point, ascending (at least k + 1 of them)
     * @param modesTotal M, all positive-frequency modes of the point
     */
    public static Result fit(double[] lowest, long modesTotal, double fraction, int minModes) {
        int k = fractionModes(modesTotal, fraction, minModes);
        if (lowest.length < k + 1) {
            throw new IllegalArgumentException("the tail fit needs " + (k + 1) + " lowest frequencies, got "
                    + lowest.length + " (" + modesTotal + " modes in all): add realizations or lower min modes");
        }
        checkAscending(lowest, k);
        return window(lowest, modesTotal, k);
    }
}
