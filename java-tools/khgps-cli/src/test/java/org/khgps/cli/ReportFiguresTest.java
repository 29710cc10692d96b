package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.StudyAnalysis;
import org.khgps.io.DosFile;
import org.khgps.io.FitFile;
import org.khgps.io.TheoryFile;

/**
 * The report's figures on two small real points (N = 64, J = 0.1 and 0.3): fitted lines within
 * their windows, error bars, SVG beside every PNG, no plot the data do not support, and the
 * interactive page rendered by a real headless Chromium without a console message.
 */
class ReportFiguresTest {

    @TempDir
    static Path dir;

    static List<ReportCommand.Point> points = new ArrayList<>();

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(String... args) {
        CliTest.assertOk(args);
    }

    @BeforeAll
    static void twoPointsAndTheirReport() throws Exception {
        List<String> report = new ArrayList<>(List.of("report", "--out", p("report.html"), "--summary", p("summary.csv"),
                "--analysis", p("analysis.json"), "--plots", p("plots")));
        for (String j : new String[] {"0.1", "0.3"}) {
            ok("sample", "--N", "64", "--h", "0.01", "--J", j, "--kappa0", "1", "--seed", "7", "--first", "0", "--count", "12",
                    "--out", p("d" + j + ".h5"));
            ok("minimize", "--in", p("d" + j + ".h5"), "--out", p("m" + j + ".h5"), "--threads", "1");
            ok("diagonalize", "--in", p("m" + j + ".h5"), "--out", p("s" + j + ".h5"), "--threads", "1");
            ok("histogram", "--out", p("dos" + j + ".h5"), p("m" + j + ".h5"), p("s" + j + ".h5"));
            ok("fit", "--in", p("dos" + j + ".h5"), "--out", p("fit" + j + ".h5"), "--min-modes", "10", "--window", "fraction",
                    "--tail-fraction", "0.05");
            ok("theory", "--dos", p("dos" + j + ".h5"), "--out", p("theory" + j + ".h5"));
            points.add(new ReportCommand.Point(DosFile.read(dir.resolve("dos" + j + ".h5")),
                    FitFile.read(dir.resolve("fit" + j + ".h5")), TheoryFile.read(dir.resolve("theory" + j + ".h5"))));
            report.addAll(List.of(p("dos" + j + ".h5"), p("fit" + j + ".h5"), p("theory" + j + ".h5")));
        }
        ok(report.toArray(String[]::new));
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
        for (ReportCommand.Point p : points) {
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
    private static ReportCommand.Point atJ(ReportCommand.Point p, double J) {
        var d = p.dos();
        var pt = d.point();
        var moved = new org.khgps.core.stage.PointDos(new org.khgps.core.StudyPoint(pt.N(), pt.h(), J, pt.kappa0(),
                pt.disorder()), d.seed(), d.histogram(), d.omegaTail(), d.omegaTailRealization(), d.modes(), d.partial(),
                d.x2(), d.x2Err(), d.meanInverseLambda(), d.meanInverseLambdaErr(), d.realizations(), d.converged(),
                d.negativeModes(), d.realizationRanges(), d.omegaComplete(), d.omegaTailParticipationRatio());
        return new ReportCommand.Point(moved, p.fit(), p.theory());
    }

    @Test
    void sixteenPointsGetSixteenColours() {
        // the 11 points of -profile paper_statistics and more: the 16 of -profile finite_size
        List<ReportCommand.Point> family = new ArrayList<>();
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
        ReportCommand.Point p = points.get(0);
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
        StudyAnalysis.Result analysis = StudyAnalysis.analyze(points.stream().map(p -> new StudyAnalysis.PointInput(
                p.dos().point(), p.fit().fit().aG(), p.fit().aGErr(), p.dos().x2(), p.dos().x2Err(),
                p.dos().partial().kappa(), p.dos().partial().x2(), p.dos().partial().x2Err())).toList());
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
        List<String> ids = plotIds(html);
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

    private static List<String> plotIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"plot\" id=\"(plot-[^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Chromium from the system (Debian's package), or null. */
    static Path chromium() {
        String env = System.getenv("KHGPS_CHROMIUM");
        for (String c : env != null ? List.of(env) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @Test
    void chromiumRendersEveryPlotWithoutAConsoleMessage() throws Exception {
        assertChromiumRenders(dir.resolve("report.html"), dir);
    }

    /**
     * Opens {@code html} in headless Chromium: no console message, and every plot drawn by plotly.js
     * with its data ({@code work}: where the profile, the DOM and the log go).
     */
    static void assertChromiumRenders(Path html, Path work) throws Exception {
        Path chromium = chromium();
        if (chromium == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser test: install chromium (.ci/run does)");
        }
        Assumptions.assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (apt-get install chromium): "
                + "the report is not checked in a browser");
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Process proc = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=30000",
                "--dump-dom", html.toUri().toString())
                .redirectOutput(work.resolve("dom.html").toFile()).redirectError(work.resolve("chromium.log").toFile()).start();
        assertTrue(proc.waitFor(180, TimeUnit.SECONDS), "chromium finished");
        String log = Files.readString(work.resolve("chromium.log"), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), log);
        List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + String.join("\n", console));
        String dom = Files.readString(work.resolve("dom.html"), StandardCharsets.UTF_8);
        List<String> ids = plotIds(Files.readString(html));
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            int at = dom.indexOf("id=\"" + id + "\"");
            assertTrue(at >= 0, id + " in the DOM");
            int next = dom.indexOf("<figcaption>", at);
            String div = dom.substring(at, next < 0 ? dom.length() : next);
            assertTrue(div.contains("class=\"main-svg\""), id + " was drawn by plotly.js");
            assertTrue(div.contains("class=\"trace scatter"), id + " has its data");
        }
    }
}
