package org.khgps.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.khgps.core.FiniteSize;
import org.khgps.core.StudyAnalysis;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;

/**
 * What the report shows: the study's points (sorted by N, h, kappa0, J, protocol), the points that failed in
 * the pipeline, and what the cross-point analysis makes of the points (in the same order).
 */
public record Study(List<Point> points, List<FailedPoint> failed, StudyAnalysis.Result analysis,
                    List<FiniteSize.Group> sizes) {

    /**
     * One point's dos and fit, and its RS theory ({@code null} when none was given for it, and then
     * {@code theoryReason} says why when its theory failed in the pipeline; null otherwise).
     */
    public record Point(PointDos dos, PointFit fit, PointTheory theory, String theoryReason) {

        public Point(PointDos dos, PointFit fit, PointTheory theory) {
            this(dos, fit, theory, null);
        }
    }

    /** A point that failed in the pipeline: its parameters, protocol and why; no numbers. */
    public record FailedPoint(String id, int n, double h, double j, double kappa0, long realizations, String reason,
                              String protocol) {

        public FailedPoint(String id, int n, double h, double j, double kappa0, long realizations, String reason) {
            this(id, n, h, j, kappa0, realizations, reason, org.khgps.core.Protocol.ZERO.id());
        }
    }

    /** The finite-size quantities, in the order of analysis.json and the report's table. */
    public static final List<String> FINITE_SIZE_QUANTITIES = List.of("exponent", "A_g", "x2", "omega_x", "omega_x_family");

    /** The study of these points (any order) and failed points: the analysis run, warnings to {@code log}. */
    public static Study of(List<Point> points, List<FailedPoint> failed, java.util.function.Consumer<String> log) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt((Point p) -> p.dos().point().N()).thenComparingDouble(p -> p.dos().point().h())
                .thenComparingDouble(p -> p.dos().point().kappa0()).thenComparingDouble(p -> p.dos().point().J())
                // then by protocol (zero, random, flip, best_random), not by the input's order, which is that
                // of the hashed point ids: the same protocol gets the same place, and colour, in every study
                .thenComparing(p -> p.dos().point().protocol()));
        if (sorted.isEmpty()) {
            return new Study(List.of(), List.copyOf(failed), null, List.of());
        }
        StudyAnalysis.Result analysis = StudyAnalysis.analyze(sorted.stream().map(p -> new StudyAnalysis.PointInput(
                p.dos().point(), p.fit().fit().aG(), p.fit().consistent() ? p.fit().aGErr() : Double.NaN, p.dos().x2(),
                p.dos().x2Err(), p.dos().partial().kappa(), p.dos().partial().x2(), p.dos().partial().x2Err())).toList());
        analysis.warnings().forEach(w -> log.accept("report: " + w));
        return new Study(List.copyOf(sorted), List.copyOf(failed), analysis, finiteSize(sorted, analysis));
    }

    /** Every point failed: nothing to plot or analyse. */
    public boolean allFailed() {
        return points.isEmpty();
    }

    public boolean hasTheory() {
        return points.stream().anyMatch(p -> p.theory() != null);
    }

    /** The analysis of point {@code i} of {@link #points}. */
    public StudyAnalysis.PointResult result(int i) {
        return analysis.points().get(i);
    }

    /**
     * Points differing only in N: the exponent over the physics window, A_g, &lt;x^2&gt; and both
     * omega_x against 1/N ({@link FiniteSize}); empty when no two points differ only in N.
     */
    private static List<FiniteSize.Group> finiteSize(List<Point> points, StudyAnalysis.Result analysis) {
        List<FiniteSize.Input> inputs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            StudyAnalysis.PointResult a = analysis.points().get(i);
            inputs.add(new FiniteSize.Input(p.dos().point(), Map.of(
                    // the exponent's error as in summary.csv (exponent_err)
                    "exponent", new double[] {p.fit().fit().exponent(), p.fit().exponentErr()},
                    "A_g", new double[] {p.fit().fit().aG(), p.fit().aGErr()},
                    "x2", new double[] {p.dos().x2(), p.dos().x2Err()},
                    "omega_x", new double[] {a.omegaX().omegaX(), a.omegaX().omegaXErr()},
                    "omega_x_family", new double[] {a.omegaXFamily(), a.omegaXFamilyErr()})));
        }
        return FiniteSize.analyze(inputs, FINITE_SIZE_QUANTITIES);
    }
}
