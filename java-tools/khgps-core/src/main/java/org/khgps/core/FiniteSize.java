package org.khgps.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Points that differ only in N (same h, J, kappa0 and disorder mode): each quantity against 1/N
 * and, with three or more N, its weighted straight line y = limit + slope x with x = 1000 / N, the
 * limit being the value at N to infinity. When the line does not fit (chi2/dof above 1) both errors
 * are scaled up by sqrt(chi2/dof), so a trend is called significant only beyond the scatter of the
 * points about it.
 */
public final class FiniteSize {

    /** A line needs a degree of freedom beyond its two parameters to say whether it fits. */
    public static final int MIN_SIZES_FOR_LINE = 3;

    /** The unit of the abscissa: slope per 1000/N, so that N = 1000 is x = 1. */
    public static final double X_UNIT = 1000;

    /** What a point contributes: a value and its standard error per quantity (NaN: not measured). */
    public record Input(StudyPoint point, Map<String, double[]> values) {
    }

    /**
     * One quantity of a group, by increasing N.
     *
     * @param line     the weighted line against 1000 / N over the {@link #usable} values (null with fewer
     *                 than {@link #MIN_SIZES_FOR_LINE} of them); its intercept is the limit N to infinity,
     *                 its errors are the bare ones of the weighted fit
     * @param limitErr the intercept's error, scaled up by sqrt(chi2/dof) when that exceeds 1
     * @param slopeErr the slope's error, scaled the same way
     */
    public record Trend(String quantity, int[] N, double[] value, double[] err, LinearFit line, double limitErr,
                        double slopeErr) {

        /** |slope| / its error: how many standard errors the trend in 1/N is from none. */
        public double slopeSigmas() {
            return line == null ? Double.NaN : Math.abs(line.slope()) / slopeErr;
        }
    }

    /** A group of points differing only in N, by increasing N. */
    public record Group(double h, double J, double kappa0, String disorder, List<StudyPoint> points, List<Trend> trends) {
    }

    private FiniteSize() {
    }

    /**
     * The groups with at least two distinct N, in the order their first point appears; each with one
     * trend per quantity, in the order of {@code quantities}.
     */
    public static List<Group> analyze(List<Input> inputs, List<String> quantities) {
        Map<String, List<Input>> groups = new LinkedHashMap<>();
        for (Input in : inputs) {
            StudyPoint p = in.point();
            groups.computeIfAbsent(p.h() + "|" + p.J() + "|" + p.kappa0() + "|" + p.disorder() + "|" + p.protocol(),
                    k -> new ArrayList<>()).add(in);
        }
        List<Group> out = new ArrayList<>();
        for (List<Input> group : groups.values()) {
            group.sort(Comparator.comparingInt(in -> in.point().N()));
            if (group.stream().mapToInt(in -> in.point().N()).distinct().count() < 2) {
                continue;
            }
            List<Trend> trends = new ArrayList<>();
            for (String q : quantities) {
                trends.add(trend(group, q, in -> in.values().getOrDefault(q, new double[] {Double.NaN, Double.NaN})));
            }
            StudyPoint first = group.get(0).point();
            out.add(new Group(first.h(), first.J(), first.kappa0(), first.disorder(),
                    group.stream().map(Input::point).toList(), List.copyOf(trends)));
        }
        return out;
    }

    /**
     * Whether a value enters the line: finite, with a finite error above 0 (a weighted fit cannot
     * weigh a value without an error; omega_x_family's anchor has error 0 by construction).
     */
    public static boolean usable(double value, double err) {
        return Double.isFinite(value) && err > 0 && Double.isFinite(err);
    }

    private static Trend trend(List<Input> group, String quantity, Function<Input, double[]> of) {
        int n = group.size();
        int[] sizes = new int[n];
        double[] value = new double[n];
        double[] err = new double[n];
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sizes[i] = group.get(i).point().N();
            double[] ve = of.apply(group.get(i));
            value[i] = ve[0];
            err[i] = ve[1];
            if (usable(ve[0], ve[1])) {
                rows.add(new double[] {X_UNIT / sizes[i], ve[0], ve[1]});
            }
        }
        if (rows.stream().mapToDouble(r -> r[0]).distinct().count() < MIN_SIZES_FOR_LINE) {
            return new Trend(quantity, sizes, value, err, null, Double.NaN, Double.NaN);
        }
        LinearFit line = LinearFit.fit(rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray());
        double scale = Math.sqrt(Math.max(1, Double.isFinite(line.chi2PerDof()) ? line.chi2PerDof() : 1));
        return new Trend(quantity, sizes, value, err, line, line.interceptErr() * scale, line.slopeErr() * scale);
    }
}
