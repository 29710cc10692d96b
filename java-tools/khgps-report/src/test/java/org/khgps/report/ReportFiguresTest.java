package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.StudyAnalysis;

/**
 * The report's figures on two small real points (N = 64, J = 0.1 and 0.3): fitted lines within
 * their windows, error bars, SVG beside every PNG, no plot the data do not support, and the
 * interactive page rendered by a real headless Chromium without a console message.
 */
class ReportFiguresTest {

    @TempDir
    static Path dir;

    static List<Study.Point> points = new ArrayList<>();
    static Study study;

    @BeforeAll
    static void twoPointsAndTheirReport() throws Exception {
        for (double j : new double[] {0.1, 0.3}) {
            points.add(Fixtures.point(64, j, 7, 12));
        }
        study = Study.of(points, List.of(), s -> { });
        Fixtures.write(study, dir);
    }

    private static double[] xRange(XYDataset data, int series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getItemCount(series); i++) {
            lo = Math.min(lo, data.getXValue(series, i));
            hi = Math.max(hi, data.getXValue(series, i));
        }
        return new double[] {lo, hi};
    }

    @Test
    void theFittedLineIsDrawnOverItsWindowAloneAndTheWindowIsShaded() {
        for (Study.Point p : points) {
            var f = p.fit().fit();
            assertTrue(f.aG() > 0 && f.omegaHigh() > f.omegaLow(), "the fixture has a fit window");
            JFreeChart one = Plots.dosOne(p);
            XYDataset lines = one.getXYPlot().getDataset(1);
            assertTrue(lines.getItemCount(0) > 1);
            double[] x = xRange(lines, 0);
            assertEquals(f.omegaLow(), x[0], 1e-12 * f.omegaLow(), "starts at omega_fit_min");
            assertEquals(f.omegaHigh(), x[1], 1e-12 * f.omegaHigh(), "ends at omega_fit_max");
            IntervalMarker window = (IntervalMarker) one.getXYPlot().getDomainMarkers(Layer.BACKGROUND).iterator().next();
            assertEquals(f.omegaLow(), window.getStartValue());
            assertEquals(f.omegaHigh(), window.getEndValue());
        }
        XYDataset all = Plots.dosAll(points).getXYPlot().getDataset(1);
        for (int i = 0; i < points.size(); i++) {
            double[] x = xRange(all, i);
            var f = points.get(i).fit().fit();
            assertTrue(x[0] >= f.omegaLow() * (1 - 1e-12) && x[1] <= f.omegaHigh() * (1 + 1e-12), "point " + i);
        }
    }

    /** The fixture's point {@code p} relabelled as coupling {@code J} (its data unchanged). */
    private static Study.Point atJ(Study.Point p, double J) {
        var d = p.dos();
        var pt = d.point();
        var moved = new org.khgps.core.stage.PointDos(new org.khgps.core.StudyPoint(pt.N(), pt.h(), J, pt.kappa0(),
                pt.disorder()), d.seed(), d.histogram(), d.omegaTail(), d.omegaTailRealization(), d.modes(), d.partial(),
                d.x2(), d.x2Err(), d.meanInverseLambda(), d.meanInverseLambdaErr(), d.realizations(), d.converged(),
                d.negativeModes(), d.realizationRanges(), d.omegaComplete(), d.omegaTailParticipationRatio());
        return new Study.Point(moved, p.fit(), p.theory());
    }

    @Test
    void sixteenPointsGetSixteenColours() {
        // the 11 points of -profile paper_statistics and more: the 16 of -profile finite_size
        List<Study.Point> family = new ArrayList<>();
        double[] js = {0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2};
        for (int i = 0; i < js.length; i++) {
            family.add(atJ(points.get(i % 2), js[i]));
        }
        for (JFreeChart chart : List.of(Plots.dosAll(family), Plots.tailCurves(family, false, Plots.TailAxis.OMEGA),
                Plots.tailCurves(family, true, Plots.TailAxis.OMEGA), Plots.partialAverages(family))) {
            var r = chart.getXYPlot().getRenderer();
            int stride = chart.getXYPlot().getDataset().getSeriesCount() >= 3 * js.length ? 3 : 1;
            java.util.Set<java.awt.Paint> seen = new java.util.HashSet<>();
            for (int i = 0; i < js.length; i++) {
                seen.add(r.getSeriesPaint(stride * i));
            }
            assertEquals(js.length, seen.size(), chart.getTitle().getText());
        }
    }

    @Test
    void theHillCurveAgainstTheFractionIsKOverTheModesAgainstK() {
        XYDataset byK = Plots.tailCurves(points, false, Plots.TailAxis.K).getXYPlot().getDataset();
        XYDataset byFraction = Plots.tailCurves(points, false, Plots.TailAxis.FRACTION).getXYPlot().getDataset();
        for (int i = 0; i < points.size(); i++) {
            long modes = points.get(i).dos().modes();
            assertTrue(byK.getItemCount(3 * i) > 3);
            assertEquals(byK.getItemCount(3 * i), byFraction.getItemCount(3 * i));
            for (int j = 0; j < byK.getItemCount(3 * i); j++) {
                assertEquals(byK.getXValue(3 * i, j) / modes, byFraction.getXValue(3 * i, j), 1e-15);
                assertEquals(byK.getYValue(3 * i, j), byFraction.getYValue(3 * i, j), 0.0);
            }
        }
    }

    @Test
    void theDensityOfStatesCarriesItsErrorBarsFromDosErr() {
        Study.Point p = points.get(0);
        IntervalXYDataset d = (IntervalXYDataset) Plots.dosOne(p).getXYPlot().getDataset(0);
        var h = p.dos().histogram();
        int item = 0;
        for (int b = 0; b < h.dos().length; b++) {
            if (h.counts()[b] == 0) {
                continue;
            }
            assertEquals(h.dos()[b], d.getYValue(0, item), 0.0);
            assertEquals(h.dos()[b] + h.dosErr()[b], d.getEndYValue(0, item), 1e-12 * h.dos()[b]);
            item++;
        }
        assertEquals(d.getItemCount(0), item);
    }

    @Test
    void everyPngHasAnSvgThatParsesAsXml() throws Exception {
        List<Path> pngs;
        try (var files = Files.list(dir.resolve("plots"))) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(pngs.size() >= 10, pngs.toString());
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // JFreeSVG writes the SVG 1.1 DOCTYPE: parse without fetching its DTD
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path png : pngs) {
            Path svg = png.resolveSibling(png.getFileName().toString().replace(".png", ".svg"));
            assertTrue(Files.exists(svg), svg.toString());
            var doc = factory.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
            assertTrue(doc.getElementsByTagNameNS("*", "text").getLength() > 5, "text stays text: " + svg);
        }
        // the SVG's log axis is labelled in decades with superscript exponents
        String dos = Files.readString(dir.resolve("plots/dos_all.svg"));
        assertTrue(dos.contains("10⁻") || dos.contains("10⁰"), "decade labels");
        assertFalse(Pattern.compile(">[0-9.]+E-?[0-9]+<").matcher(dos).find(), "no E notation");
    }

    @Test
    void noPlotOfAgAgainstJOverJxWithoutAnInteriorMaximum() throws Exception {
        StudyAnalysis.Result analysis = study.analysis();
        assertTrue(analysis.families().stream().noneMatch(StudyAnalysis.Family::interiorMaximum), "two J: no interior maximum");
        assertNull(Plots.aGVsJ(points, analysis, true));
        assertNotNull(Plots.aGVsJ(points, analysis, false));
        assertFalse(Files.exists(dir.resolve("plots/A_g_vs_J_over_Jx.png")));
        assertTrue(Files.exists(dir.resolve("plots/A_g_vs_J.png")));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("No plot of A<sub>g</sub> against J/J<sub>x</sub>"));
        assertFalse(html.contains("id=\"plot-A_g_vs_J_over_Jx\""));
    }

    @Test
    void theReportIsOneFileWithAnInteractivePlotPerFigureAndCaptionsInWords() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        List<String> ids = Browser.plotIds(html);
        try (var files = Files.list(dir.resolve("plots"))) {
            assertEquals(files.filter(f -> f.toString().endsWith(".png")).count(), ids.size(), "one interactive plot per PNG");
        }
        assertTrue(html.contains("plotly.js (basic - minified) v" + PlotlyAsset.VERSION), "plotly.js inlined");
        String page = html.replaceAll("(?s)<script>.*?</script>", "<script></script>"); // the markup, without the scripts
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "nothing loads from the network");
        assertFalse(html.contains("<figcaption>{"), "captions are not raw JSON");
        assertTrue(html.contains("N = 64, h = 0.01, J = 0.1, κ₀ = 1"));
        assertTrue(html.contains("class=\"prov\""), "the provenance table wraps");
    }

    @Test
    void chromiumRendersEveryPlotWithoutAConsoleMessage() throws Exception {
        Browser.assertRenders(dir.resolve("report.html"), dir);
    }

    @Test
    void aRelativePlotIsScaledByTheLargestNThatHasAValue() {
        // A_g measured at N = 1000 and 2000, not at 4000 (no window): scaled by the N = 2000 value
        List<org.khgps.core.FiniteSize.Input> inputs = new ArrayList<>();
        double[][] aG = {{120, 5}, {90, 2}, {Double.NaN, Double.NaN}};
        int[] sizes = {1000, 2000, 4000};
        for (int i = 0; i < 3; i++) {
            inputs.add(new org.khgps.core.FiniteSize.Input(new org.khgps.core.StudyPoint(sizes[i], 0.01, 0.2, 1.0),
                    java.util.Map.of("A_g", aG[i])));
        }
        var groups = org.khgps.core.FiniteSize.analyze(inputs, List.of("A_g"));
        var data = Plots.finiteSize(groups, 0, "A_g", "A_g / A_g(largest N)", true).getXYPlot().getDataset(0);
        assertEquals(2, data.getItemCount(0));
        assertEquals(120.0 / 90, data.getYValue(0, 0), 1e-12);
        assertEquals(1.0, data.getYValue(0, 1), 1e-12);
        assertEquals(0.5, data.getXValue(0, 1), 1e-12, "x = 1000 / N");
    }

    @Test
    void aSinglePointGetsReadableLimitsADecadeOnALogAxisTenPercentOnALinearOne() {
        Study one = Study.of(List.of(points.get(1)), List.of(), s -> { });
        var p = one.points().get(0);
        var plot = Plots.aGVsJ(one.points(), one.analysis(), false).getXYPlot();
        assertEquals(p.dos().point().J() / Math.sqrt(10), plot.getDomainAxis().getLowerBound(), 1e-12);
        assertEquals(p.dos().point().J() * Math.sqrt(10), plot.getDomainAxis().getUpperBound(), 1e-12);
        assertEquals(p.fit().fit().aG() * Math.sqrt(10), plot.getRangeAxis().getUpperBound(), 1e-9 * p.fit().fit().aG());
        // linear: the simulation and both RS values at one x
        var x = Plots.rsWeakTest(one.points()).getXYPlot().getDomainAxis();
        assertEquals(0.2, (x.getUpperBound() - x.getLowerBound()) / x.getRange().getCentralValue(), 1e-12);
        assertTrue(Plots.rsWeakTest(points).getXYPlot().getDomainAxis().getRange().getLength() > 1, "two points: as before");
    }

    @Test
    void aFigureWithoutAPointToDrawIsLeftOutAndThePageSaysSo() throws Exception {
        // at J = 0 there is nothing to draw against J (the log axis has no place for 0)
        Study flat = Study.of(List.of(atJ(points.get(0), 0.0)), List.of(), s -> { });
        List<String> drawn = Figures.draw(flat).stream().map(Figures.Drawn::name).toList();
        assertFalse(drawn.contains("x2_vs_J") || drawn.contains("A_g_vs_J"), drawn.toString());
        assertTrue(drawn.contains("dos_all") && drawn.contains("partial_x2"), drawn.toString());
        Path out = Files.createDirectories(dir.resolve("flat"));
        Fixtures.write(flat, out);
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("id=\"plot-x2_vs_J\""));
        assertTrue(html.contains("<p>" + Figures.NO_DATA + "</p>"), "one line in its place");
        assertFalse(Files.exists(out.resolve("plots/x2_vs_J.png")));
    }
}
