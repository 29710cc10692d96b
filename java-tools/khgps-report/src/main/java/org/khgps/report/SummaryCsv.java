package org.khgps.report;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.khgps.core.StudyAnalysis;

/**
 * results/summary.csv, one row per point: its header and its rows come from one list of columns,
 * so they cannot drift apart. Failed points come last, with their parameters, nan for every number
 * they never got, status failed and the reason.
 */
final class SummaryCsv {

    /** A point that has its numbers, and what the analysis made of it. */
    record Row(Study.Point point, StudyAnalysis.PointResult result) {
    }

    /** A column: its name, its value on a point, and on a failed point. */
    record Column(String name, Function<Row, String> ok, Function<Study.FailedPoint, String> failed) {
    }

    /** The columns, in their order (new ones go last: scripts read the columns by position). */
    static final List<Column> COLUMNS = List.of(
            column("point_id", r -> r.point().dos().point().id(), Study.FailedPoint::id),
            column("N", r -> Integer.toString(r.point().dos().point().N()), f -> Integer.toString(f.n())),
            column("h", r -> num(r.point().dos().point().h()), f -> num(f.h())),
            column("J", r -> num(r.point().dos().point().J()), f -> num(f.j())),
            column("kappa0", r -> num(r.point().dos().point().kappa0()), f -> num(f.kappa0())),
            column("realizations", r -> Integer.toString(r.point().dos().realizations()), f -> Long.toString(f.realizations())),
            measured("converged", r -> Integer.toString(r.point().dos().converged())),
            measured("A_g", r -> num(r.point().fit().fit().aG())),
            measured("A_g_err", r -> num(r.point().fit().aGErr())),
            measured("exponent", r -> num(r.point().fit().fit().exponent())),
            measured("exponent_err", r -> num(r.point().fit().exponentErr())),
            measured("x2", r -> num(r.point().dos().x2())),
            measured("x2_err", r -> num(r.point().dos().x2Err())),
            measured("negative_modes", r -> Long.toString(r.point().dos().negativeModes())),
            measured("omega_fit_min", r -> num(r.point().fit().fit().omegaLow())),
            measured("omega_fit_max", r -> num(r.point().fit().fit().omegaHigh())),
            measured("modes_in_window", r -> Integer.toString(r.point().fit().fit().modesInWindow())),
            measured("mean_inverse_lambda", r -> num(r.point().dos().meanInverseLambda())),
            measured("mean_inverse_lambda_err", r -> num(r.point().dos().meanInverseLambdaErr())),
            measured("omega_x", r -> num(r.result().omegaX().omegaX())),
            measured("omega_x_err", r -> num(r.result().omegaX().omegaXErr())),
            measured("regime", r -> r.result().regime()),
            measured("window_ok", r -> r.point().fit().consistent() ? "1" : "0"),
            measured("omega_max_physics", r -> num(r.point().fit().tail().omegaMaxPhysics())),
            measured("exponent_omega_max", r -> num(r.point().fit().tail().exponentOmegaMax())),
            measured("exponent_modes", r -> Integer.toString(r.point().fit().tail().exponentModes())),
            measured("exponent_consistent_with_4", r -> r.point().fit().tail().consistentWith4() ? "1" : "0"),
            measured("omega_x_family", r -> num(r.result().omegaXFamily())),
            measured("omega_x_family_err", r -> num(r.result().omegaXFamilyErr())),
            // the simulated <1/lambda> again, beside the RS theory's numbers
            measured("chi", r -> num(r.point().dos().meanInverseLambda())),
            measured("x2_rs", r -> rs(r, Rs.X2)),
            measured("chi_rs", r -> rs(r, Rs.CHI)),
            measured("A_g_rs", r -> rs(r, Rs.A_G)),
            measured("A_g_rs_dressed", r -> rs(r, Rs.A_G_DRESSED)),
            column("status", r -> "ok", f -> "failed"),
            column("reason", r -> "", f -> csvText(f.reason())),
            // issue 27: why the RS theory of a point failed (its theory columns are then nan, the point ok),
            // and the exponent's error the test of omega^4 uses (the larger of bootstrap and Poisson)
            column("theory_reason", r -> r.point().theoryReason() == null ? "" : csvText(r.point().theoryReason()), f -> ""),
            measured("exponent_err_verdict", r -> num(r.point().fit().verdictExponentErr())),
            // issue 28: the protocol, and what carries the tail (nan where nothing is classified)
            column("protocol", r -> r.point().dos().point().protocol().id(), Study.FailedPoint::protocol),
            measured("metastable_fraction", r -> anatomy(r) == null ? "nan" : num(anatomy(r).metastableFraction())),
            measured("metastable_fraction_err", r -> anatomy(r) == null ? "nan" : num(anatomy(r).metastableFractionErr())),
            measured("metastable_share_half_omega_x", r -> share(r, false)),
            measured("metastable_share_half_omega_x_err", r -> share(r, true)),
            measured("metastable_share_window", r -> anatomy(r) == null ? "nan" : num(anatomy(r).window().share())),
            measured("metastable_share_window_err", r -> anatomy(r) == null ? "nan" : num(anatomy(r).window().shareErr())),
            measured("exponent_non_metastable", r -> anatomy(r) == null ? "nan" : num(anatomy(r).window().exponentOthers())),
            measured("exponent_non_metastable_err", r -> anatomy(r) == null ? "nan"
                    : num(anatomy(r).window().exponentOthersErr())));

    private SummaryCsv() {
    }

    /** A column with a value on every row. */
    private static Column column(String name, Function<Row, String> ok, Function<Study.FailedPoint, String> failed) {
        return new Column(name, ok, failed);
    }

    /** A column a failed point never got a value of: nan. */
    private static Column measured(String name, Function<Row, String> ok) {
        return new Column(name, ok, f -> "nan");
    }

    static String header() {
        return COLUMNS.stream().map(Column::name).collect(Collectors.joining(","));
    }

    static String of(Study study) {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        for (int i = 0; i < study.points().size(); i++) {
            Row row = new Row(study.points().get(i), study.result(i));
            sb.append(COLUMNS.stream().map(c -> c.ok().apply(row)).collect(Collectors.joining(","))).append('\n');
        }
        for (Study.FailedPoint f : study.failed()) {
            sb.append(COLUMNS.stream().map(c -> c.failed().apply(f)).collect(Collectors.joining(","))).append('\n');
        }
        return sb.toString();
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvText(String text) {
        return text.matches("(?s).*[,\"\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static org.khgps.core.stage.PointFit.Anatomy anatomy(Row r) {
        return r.point().fit().anatomy();
    }

    /** The metastable share of the modes below omega_x / 2 (omega_x of the point onto G), or its error. */
    private static String share(Row r, boolean error) {
        org.khgps.core.TailAnatomy a = Anatomy.below(r.point(), r.result().omegaX().omegaX() / 2);
        return a == null ? "nan" : num(error ? a.shareErr() : a.share());
    }

    private static String rs(Row r, Rs quantity) {
        return r.point().theory() == null ? "nan" : num(quantity.theory(r.point().theory()));
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "nan";
    }
}
