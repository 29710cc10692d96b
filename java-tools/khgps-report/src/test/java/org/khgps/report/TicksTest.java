package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Log-axis ticks: decades with superscript exponents, never 0.079 or 2E-1. */
class TicksTest {

    private static List<String> labels(double lo, double hi) {
        return Ticks.log(lo, hi).stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
    }

    @Test
    void decadesAreWrittenWithSuperscriptExponents() {
        assertEquals("10⁻²", Ticks.label(0.01));
        assertEquals("10⁰", Ticks.label(1));
        assertEquals("10³", Ticks.label(1000));
        assertEquals("10⁻¹²", Ticks.decade(-12));
        assertEquals("2×10⁻⁴", Ticks.label(2e-4));
    }

    @Test
    void aWideRangeIsLabelledOnItsDecadesAloneWithMinorTicksBetween() {
        assertEquals(List.of("10⁻²", "10⁻¹", "10⁰"), labels(0.003, 2));
        List<Ticks.Tick> ticks = Ticks.log(0.003, 2);
        // minor ticks at 3..9 x 10^-3 (0.003 is in range), 2..9 x 10^-2, 2..9 x 10^-1, 2 x 10^0
        assertEquals(7 + 8 + 8 + 1, ticks.stream().filter(t -> !t.major()).count());
        for (Ticks.Tick t : ticks) {
            assertTrue(t.value() >= 0.003 && t.value() <= 2, t.toString());
        }
    }

    @Test
    void manyDecadesAreThinnedOut() {
        List<String> l = labels(1e-12, 1e6);
        assertTrue(l.size() >= 2 && l.size() <= 10, l.toString());
        assertTrue(l.contains("10⁰"), l.toString());
    }

    @Test
    void lessThanTwoDecadesGetsRoundNumbersNeverFractionalOrEnotation() {
        // the report used to label this range 0.079, 0.1, 0.126 and others 2E-1 ... 7.08E-3
        List<String> l = labels(0.079, 0.3);
        assertEquals(List.of("0.1", "0.2"), l);
        assertEquals(List.of("2", "5", "10"), labels(1.2, 13));
        assertEquals(List.of("2×10⁻⁶", "5×10⁻⁶", "10⁻⁵"), labels(1.5e-6, 1.2e-5));
        for (double[] range : new double[][] {{0.079, 0.126}, {165.959, 173.78}, {7.08e-3, 0.2}, {0.5, 0.9}}) {
            List<String> r = labels(range[0], range[1]);
            assertTrue(r.size() >= 2, r.toString());
            for (String s : r) {
                assertFalse(s.contains("E") || s.contains("e"), s);
                assertTrue(s.length() <= 8, s);
            }
        }
        assertEquals(List.of("166", "168", "170", "172"), labels(165.959, 173.78));
    }

    @Test
    void aSizeAxisLabelsTheSizesItShows() {
        // 1000 to 4000 is less than a decade: 1000 and 2000 alone were labelled, 4000 was a bare minor tick
        assertEquals(List.of("1000", "2000"), labels(900, 4400));
        List<Ticks.Tick> ticks = Ticks.log(900, 4400, 1000, 2000, 4000, 16000);
        assertEquals(List.of("1000", "2000", "4000"), ticks.stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList());
        assertTrue(ticks.stream().anyMatch(t -> t.value() == 3000 && !t.major()), ticks.toString());
        assertEquals(ticks.stream().mapToDouble(Ticks.Tick::value).sorted().boxed().toList(),
                ticks.stream().map(Ticks.Tick::value).toList());
    }

    @Test
    void theProtocolComparisonLabelsEveryNItHasInBothThePngAndTheInteractivePlot() {
        List<Anatomy.Paired> paired = new java.util.ArrayList<>();
        for (int n : new int[] {1000, 2000, 4000}) {
            org.khgps.core.StudyPoint z = new org.khgps.core.StudyPoint(n, 0.01, 0.2, 1.0);
            paired.add(new Anatomy.Paired(z, z.withProtocol(org.khgps.core.Protocol.FLIP), 0.1, 0.4, 0.05, -1e-3, 1e-4, 5, 0));
        }
        org.jfree.chart.JFreeChart chart = Plots.protocolsDelta(paired);
        Plots.DecadeAxis x = (Plots.DecadeAxis) chart.getXYPlot().getDomainAxis();
        assertEquals(List.of("1000", "2000", "4000"), x.ticks().stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList());
        assertTrue(PlotlyJson.of(chart).contains("\"4000\""), PlotlyJson.of(chart));
    }

    @Test
    void theInteractivePlotsLabelALogAxisAsThePngDoes() {
        // plotly's own minor labels would read 2 ... 9 for 0.2 ... 0.9 on an axis from 0.13 to 1
        org.jfree.chart.axis.LogAxis x = new org.jfree.chart.axis.LogAxis("omega");
        x.setRange(0.13, 1.0);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(new org.jfree.data.xy.XYSeriesCollection(), x,
                new org.jfree.chart.axis.NumberAxis("D"), new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer());
        String json = PlotlyJson.of(new org.jfree.chart.JFreeChart(plot));
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"tickmode\":\"array\""), json);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"0.2\"") && json.contains("\"0.5\""), json);
        org.junit.jupiter.api.Assertions.assertFalse(json.contains("\"D1\""), json);
    }
}
