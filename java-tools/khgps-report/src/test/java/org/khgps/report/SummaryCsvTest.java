package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** summary.csv: today's columns in today's order, and every row, ok or failed, one field per column. */
class SummaryCsvTest {

    /** The columns as scripts read them (by position): a new column goes last, none moves. */
    private static final String COLUMNS = "point_id,N,h,J,kappa0,realizations,converged,A_g,A_g_err,exponent,"
            + "exponent_err,x2,x2_err,negative_modes,omega_fit_min,omega_fit_max,modes_in_window,mean_inverse_lambda,"
            + "mean_inverse_lambda_err,omega_x,omega_x_err,regime,window_ok,omega_max_physics,exponent_omega_max,"
            + "exponent_modes,exponent_consistent_with_4,omega_x_family,omega_x_family_err,chi,x2_rs,chi_rs,A_g_rs,"
            + "A_g_rs_dressed,status,reason,"
            // issue 27, then issue 28: added after the columns of earlier studies, none moved
            + "theory_reason,exponent_err_verdict,protocol,metastable_fraction,metastable_fraction_err,"
            + "metastable_share_half_omega_x,metastable_share_half_omega_x_err,metastable_share_window,"
            + "metastable_share_window_err,exponent_non_metastable,exponent_non_metastable_err";

    static Study study;

    @BeforeAll
    static void aPointAndTwoFailedOnes() throws Exception {
        Study.Point point = Fixtures.point(32, 0.3, 11, 8);
        study = Study.of(List.of(point), List.of(
                new Study.FailedPoint("0123456789ab", 64, 0.01, 0.3, 1.0, 3, "histogram: khgps histogram: no realization "
                        + "converged, \"none\" (exit 4)"),
                new Study.FailedPoint("ba9876543210", 64, 0.02, 0.4, 1.0, 5, "fit: plain")), s -> { });
    }

    @Test
    void theHeaderIsTodaysColumnsInTodaysOrder() {
        assertEquals(COLUMNS, SummaryCsv.header());
        assertEquals(COLUMNS + "\n", SummaryCsv.of(Study.of(List.of(), List.of(), s -> { })));
    }

    @Test
    void everyRowHasOneFieldPerColumn() {
        List<String> lines = SummaryCsv.of(study).lines().toList();
        assertEquals(4, lines.size());
        int columns = COLUMNS.split(",").length;
        for (String line : lines) {
            assertEquals(columns, fields(line).size(), line);
        }
    }

    @Test
    void aPointHasItsNumbersAndAFailedOneItsParametersNanAndWhy() {
        List<String> header = List.of(COLUMNS.split(","));
        List<String> ok = fields(SummaryCsv.of(study).lines().toList().get(1));
        Study.Point p = study.points().get(0);
        assertEquals(p.dos().point().id(), ok.get(header.indexOf("point_id")));
        assertEquals(Double.toString(p.fit().fit().aG()), ok.get(header.indexOf("A_g")));
        assertEquals(Double.toString(p.theory().solution().q()), ok.get(header.indexOf("x2_rs")));
        assertEquals(Double.toString(p.dos().meanInverseLambda()), ok.get(header.indexOf("chi")));
        int status = header.indexOf("status");
        assertEquals(List.of("ok", "", ""), ok.subList(status, status + 3));
        assertEquals(Double.toString(p.fit().verdictExponentErr()), ok.get(header.indexOf("exponent_err_verdict")));
        assertEquals("zero", ok.get(header.indexOf("protocol")));

        List<String> failed = fields(SummaryCsv.of(study).lines().toList().get(2));
        assertEquals(List.of("0123456789ab", "64", "0.01", "0.3", "1.0", "3"), failed.subList(0, 6));
        assertTrue(failed.subList(6, status).stream().allMatch("nan"::equals), failed.toString());
        assertEquals(List.of("failed", "histogram: khgps histogram: no realization converged, \"none\" (exit 4)", ""),
                failed.subList(status, status + 3));
        assertEquals("zero", failed.get(header.indexOf("protocol")));
        assertTrue(failed.subList(header.indexOf("metastable_fraction"), header.size()).stream().allMatch("nan"::equals));
        assertTrue(SummaryCsv.of(study).contains(",failed,\"histogram: khgps histogram: no realization converged, "
                + "\"\"none\"\" (exit 4)\",,nan,zero,"), "quoted, its quotes doubled");
        assertTrue(SummaryCsv.of(study).contains(",nan,failed,fit: plain,,nan,zero,"), "a plain reason as it is");
    }

    /** The fields of a CSV line (RFC 4180 quoting). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
