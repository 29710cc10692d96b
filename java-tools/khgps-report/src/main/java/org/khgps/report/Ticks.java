package org.khgps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick marks for a logarithmic axis as a physicist draws them: labelled whole decades written
 * 10⁻², 10⁻¹, 10⁰, ... with unlabelled minor ticks at 2..9 times each decade; where the range
 * holds fewer than two decades, 2×10ⁿ and 5×10ⁿ (then every m×10ⁿ) are labelled as well (as
 * round numbers, 0.02, 5, 200, between 10⁻³ and 10⁴), and for a range narrower than that, round
 * numbers at a 1-2-5 step.
 */
final class Ticks {

    /** A tick: its value, and its label ({@code null}: a minor tick). */
    record Tick(double value, String label) {
        boolean major() {
            return label != null;
        }
    }

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Ticks() {
    }

    /** 10 to the power n, the exponent in Unicode superscripts: -2 gives "10⁻²". */
    static String decade(int n) {
        return "10" + superscript(n);
    }

    static String superscript(int n) {
        StringBuilder sb = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            sb.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** A value m×10ⁿ with small integer m as "10ⁿ" (m = 1) or "m×10ⁿ"; other values as round numbers. */
    static String label(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return Double.toString(value);
        }
        int n = (int) Math.floor(Math.log10(value) + 1e-9);
        double m = value / Math.pow(10, n);
        long mi = Math.round(m);
        if (Math.abs(m - mi) < 1e-6 * m) {
            return mi == 1 ? decade(n) : mi + "×" + decade(n);
        }
        return plain(value);
    }

    /** A labelled m×10ⁿ tick: a round number where it is short (0.05, 2, 500), else as {@link #label}. */
    private static String round(double v) {
        return v < 1e-3 || v >= 1e4 ? label(v) : plain(v);
    }

    static String plain(double value) {
        if (value >= 1e-3 && value < 1e5) {
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros().toPlainString();
        }
        int n = (int) Math.floor(Math.log10(value));
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", value / Math.pow(10, n)))
                .stripTrailingZeros().toPlainString() + "×" + decade(n);
    }

    /**
     * The ticks of {@link #log(double, double)} with each of {@code marked} in range labelled too
     * (an axis of system sizes labels the N it shows: 1000, 2000, 4000, not 1000, 2000, 5000).
     */
    static List<Tick> log(double lo, double hi, double... marked) {
        List<Tick> ticks = new ArrayList<>(log(lo, hi));
        for (double v : marked) {
            if (!(v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))) {
                continue;
            }
            String text = round(v);
            ticks.removeIf(t -> Math.abs(t.value() - v) <= 1e-9 * v);
            ticks.add(new Tick(v, text));
        }
        ticks.sort(java.util.Comparator.comparingDouble(Tick::value));
        return ticks;
    }

    /** The ticks of a log axis showing [lo, hi] (0 < lo < hi), in ascending order. */
    static List<Tick> log(double lo, double hi) {
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return List.of();
        }
        double tol = 1e-9;
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        int decades = 0;
        for (int n = first; n <= last; n++) {
            double v = Math.pow(10, n);
            if (v >= lo * (1 - tol) && v <= hi * (1 + tol)) {
                decades++;
            }
        }
        // which mantissas get a label: decades alone when two or more are in range
        int[][] choices = {{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
        for (int[] labelled : choices) {
            List<Tick> ticks = new ArrayList<>();
            int count = 0;
            // with many decades, label every k-th one so the labels do not crowd
            int every = labelled.length == 1 ? Math.max(1, (int) Math.ceil(decades / 8.0)) : 1;
            for (int n = first; n <= last; n++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, n);
                    if (v < lo * (1 - tol) || v > hi * (1 + tol)) {
                        continue;
                    }
                    boolean label = contains(labelled, m) && (m != 1 || Math.floorMod(n, every) == 0);
                    if (label) {
                        count++;
                    }
                    // decades alone: 10ⁿ; with mantissas: round numbers where they are short (0.05, 2, 500)
                    String text = labelled.length == 1 ? label(v) : round(v);
                    ticks.add(new Tick(v, label ? text : null));
                }
            }
            if (count >= 2) {
                return ticks;
            }
        }
        return linear(lo, hi);
    }

    /** A narrow range (within one m×10ⁿ step): round numbers at a 1-2-5 step, about five of them. */
    private static List<Tick> linear(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step); k * step <= hi * (1 + 1e-12); k++) {
            double v = k * step;
            ticks.add(new Tick(v, plain(Double.parseDouble(String.format(Locale.ROOT, "%.12g", v)))));
        }
        return ticks;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
