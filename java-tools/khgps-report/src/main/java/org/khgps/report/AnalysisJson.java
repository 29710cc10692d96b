package org.khgps.report;

import java.util.ArrayList;
import java.util.List;
import org.khgps.core.FiniteSize;
import org.khgps.core.LinearFit;
import org.khgps.core.StudyAnalysis;
import org.khgps.io.Json;

/** The cross-point analysis as JSON (results/analysis.json). */
final class AnalysisJson {

    private AnalysisJson() {
    }

    static String fit(LinearFit f) {
        if (f == null) {
            return "null";
        }
        return "{\"slope\":" + Json.number(f.slope()) + ",\"slope_err\":" + Json.number(f.slopeErr()) + ",\"intercept\":"
                + Json.number(f.intercept()) + ",\"intercept_err\":" + Json.number(f.interceptErr()) + ",\"points\":"
                + f.points() + ",\"chi2_per_dof\":" + Json.number(f.chi2PerDof()) + "}";
    }

    /** Eq. (4): the line through ln(kappa0 omega_x^3 A_g) against ln J, and whether its slope is 0. */
    static String eq4(StudyAnalysis.Eq4 e) {
        if (e == null) {
            return "null";
        }
        return "{\"slope\":" + Json.number(e.fit().slope()) + ",\"slope_err\":" + Json.number(e.slopeErr())
                + ",\"consistent_with_zero\":" + e.consistentWithZero() + ",\"fit\":" + fit(e.fit()) + "}";
    }

    private static String array(double[] v) {
        return "[" + String.join(",", java.util.Arrays.stream(v).mapToObj(Json::number).toList()) + "]";
    }

    /**
     * Points differing only in N: per quantity its values and errors by N and, with three or more N,
     * the line against 1000 / N (limit = the value at N to infinity; limit_err and slope_err scaled
     * up by sqrt(chi2/dof) when that exceeds 1, {@code fit} the bare weighted fit).
     */
    static String finiteSize(FiniteSize.Group g) {
        List<String> quantities = new ArrayList<>();
        for (FiniteSize.Trend t : g.trends()) {
            var line = t.line();
            quantities.add(Json.quote(t.quantity()) + ":{\"value\":" + array(t.value()) + ",\"err\":" + array(t.err())
                    + ",\"limit\":" + Json.number(line == null ? Double.NaN : line.intercept()) + ",\"limit_err\":"
                    + Json.number(t.limitErr()) + ",\"slope_per_1000_over_N\":"
                    + Json.number(line == null ? Double.NaN : line.slope()) + ",\"slope_err\":" + Json.number(t.slopeErr())
                    + ",\"slope_sigmas\":" + Json.number(t.slopeSigmas()) + ",\"fit\":" + fit(line) + "}");
        }
        return "{\"h\":" + g.h() + ",\"J\":" + g.J() + ",\"kappa0\":" + g.kappa0() + ",\"disorder\":"
                + Json.quote(g.disorder()) + ",\"N\":[" + String.join(",", g.points().stream()
                .map(p -> Integer.toString(p.N())).toList()) + "],\"point_ids\":["
                + String.join(",", g.points().stream().map(p -> Json.quote(p.id())).toList()) + "],"
                + String.join(",", quantities) + "}";
    }

    static String of(StudyAnalysis.Result r, List<FiniteSize.Group> sizes) {
        List<String> points = new ArrayList<>();
        for (StudyAnalysis.PointResult p : r.points()) {
            points.add("{\"point_id\":" + Json.quote(p.point().id()) + ",\"N\":" + p.point().N() + ",\"h\":" + p.point().h()
                    + ",\"J\":" + p.point().J() + ",\"kappa0\":" + p.point().kappa0() + ",\"omega_x\":"
                    + Json.number(p.omegaX().omegaX()) + ",\"omega_x_err\":" + Json.number(p.omegaX().omegaXErr())
                    + ",\"omega_x_over_h13\":" + Json.number(p.omegaXOverH13()) + ",\"collapse_rms_log_deviation\":"
                    + Json.number(p.omegaX().rmsLogDeviation()) + ",\"omega_x_family\":" + Json.number(p.omegaXFamily())
                    + ",\"omega_x_family_err\":" + Json.number(p.omegaXFamilyErr()) + ",\"regime\":" + Json.quote(p.regime()) + "}");
        }
        List<String> families = new ArrayList<>();
        for (StudyAnalysis.Family f : r.families()) {
            families.add("{\"N\":" + f.N() + ",\"h\":" + f.h() + ",\"kappa0\":" + f.kappa0() + ",\"points\":" + f.points().size()
                    + ",\"J_x\":" + Json.number(f.jX()) + ",\"interior_maximum\":" + f.interiorMaximum()
                    + ",\"omega_x_power_law\":" + fit(f.omegaXPowerLaw()) + ",\"A_g_power_law\":" + fit(f.aGPowerLaw())
                    + ",\"omega_x_family_power_law\":" + fit(f.omegaXFamilyPowerLaw())
                    + ",\"family_collapse_rms_log_deviation\":" + Json.number(f.familyRmsLogDeviation())
                    + ",\"eq4_family\":" + eq4(f.eq4Family()) + ",\"eq4_master\":" + eq4(f.eq4Master()) + "}");
        }
        return "{\n\"points\":[\n" + String.join(",\n", points) + "\n],\n\"families\":[\n" + String.join(",\n", families)
                + "\n],\n\"weak_interaction_test\":" + fit(r.weakTest()) + ",\n\"finite_size\":[\n"
                + String.join(",\n", sizes.stream().map(AnalysisJson::finiteSize).toList()) + "\n],\n\"warnings\":["
                + String.join(",", r.warnings().stream().map(Json::quote).toList()) + "]\n}\n";
    }
}
