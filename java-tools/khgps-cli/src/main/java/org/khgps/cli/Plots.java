package org.khgps.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.khgps.core.Collapse;
import org.khgps.core.StudyAnalysis;
import org.khgps.core.StudyPoint;

/** The report's charts (JFreeChart), rendered headless to PNG. */
final class Plots {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private Plots() {
    }

    static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String label(ReportCommand.Point p) {
        var pt = p.dos().point();
        return String.format(Locale.ROOT, "N=%d h=%s J=%s kappa0=%s", pt.N(), fmt(pt.h()), fmt(pt.J()), fmt(pt.kappa0()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static XYSeries dosSeries(ReportCommand.Point p, String key) {
        XYSeries s = new XYSeries(key, false);
        var h = p.dos().histogram();
        for (int b = 0; b < h.dos().length; b++) {
            if (h.counts()[b] > 0) {
                s.add(Math.sqrt(h.edges()[b] * h.edges()[b + 1]), h.dos()[b]);
            }
        }
        return s;
    }

    /** A_g omega^4 across the fit window and a decade below it. */
    private static XYSeries fitSeries(ReportCommand.Point p, String key) {
        XYSeries s = new XYSeries(key, false);
        var f = p.fit().fit();
        double lo = Math.max(f.omegaLow() / 3, p.dos().histogram().edges()[0]);
        double hi = f.omegaHigh() * 1.5;
        for (int k = 0; k <= 20; k++) {
            double w = lo * Math.pow(hi / lo, k / 20.0);
            s.add(w, f.aG() * Math.pow(w, 4));
        }
        return s;
    }

    /**
     * A log axis for the positive values of one coordinate of the data: ticks on whole decades
     * (10^-2, 10^-1, ...) with 9 minor ticks between when the data span 1.5 decades or more;
     * for narrower data, plain numbers (0.089, 0.1, 0.112) instead of JFreeChart's fractional
     * exponents (10^-1.05).
     */
    private static LogAxis logAxis(String label, XYSeriesCollection data, boolean domain) {
        LogAxis axis = new LogAxis(label);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            for (int k = 0; k < data.getItemCount(i); k++) {
                double v = domain ? data.getXValue(i, k) : data.getYValue(i, k);
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi > 0 && Math.log10(hi / lo) >= 1.5) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            axis.setMinorTickCount(9);
            axis.setMinorTickMarksVisible(true);
        } else if (hi > 0) {
            boolean plain = lo >= 0.01 && hi < 1e4;
            axis.setNumberFormatOverride(new DecimalFormat(plain ? "0.###" : "0.##E0",
                    DecimalFormatSymbols.getInstance(Locale.ROOT)));
        }
        return axis;
    }

    private static JFreeChart logLog(XYSeriesCollection data, String title, String x, String y) {
        LogAxis xAxis = logAxis(x, data, true);
        LogAxis yAxis = logAxis(y, data, false);
        xAxis.setSmallestValue(1e-6);
        yAxis.setSmallestValue(1e-12);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** D(omega) of every point with its fitted A_g omega^4 (dashed). */
    static JFreeChart dosAll(List<ReportCommand.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ReportCommand.Point p : points) {
            data.addSeries(dosSeries(p, label(p)));
            data.addSeries(fitSeries(p, label(p) + " fit A_g w^4"));
        }
        JFreeChart chart = logLog(data, "Density of states D(omega) (dashed: fitted A_g omega^4)", "omega", "D(omega)");
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        style(r, points.size());
        for (int i = 0; i < points.size(); i++) {
            r.setSeriesVisibleInLegend(2 * i + 1, false); // the dashed fit has its point's colour
        }
        return chart;
    }

    static JFreeChart dosOne(ReportCommand.Point p) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(dosSeries(p, "D(omega)"));
        var f = p.fit().fit();
        data.addSeries(fitSeries(p, String.format(Locale.ROOT, "A_g w^4, A_g = %.3g", f.aG())));
        if (p.theory() != null) {
            XYSeries rs = new XYSeries("RS theory (resolvent)", false);
            var sp = p.theory().spectrum();
            for (int k = 0; k < sp.omega().length; k++) {
                if (sp.dos()[k] > 0) {
                    rs.add(sp.omega()[k], sp.dos()[k]);
                }
            }
            data.addSeries(rs);
        }
        JFreeChart chart = logLog(data, label(p), "omega", "D(omega)");
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        style(r, 1);
        if (p.theory() != null) {
            r.setSeriesPaint(2, Color.BLACK);
            r.setSeriesShapesVisible(2, false);
            r.setSeriesStroke(2, new BasicStroke(1.5f));
        }
        return chart;
    }

    /** Most modes drawn per point in the participation-ratio scatter (the lowest ones). */
    static final int MAX_SCATTER = 5000;

    /**
     * Participation ratio against frequency of the lowest modes, log-log, one colour per point
     * (lowest-K spectra only; null when no point has them): quasilocalized modes sit near 1/N.
     */
    static JFreeChart participation(List<ReportCommand.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ReportCommand.Point p : points) {
            double[] pr = p.dos().omegaTailParticipationRatio();
            if (pr == null) {
                continue;
            }
            XYSeries s = new XYSeries(label(p), false, true);
            double[] omega = p.dos().omegaTail();
            for (int i = 0; i < Math.min(pr.length, MAX_SCATTER); i++) {
                if (pr[i] > 0 && omega[i] > 0) {
                    s.add(omega[i], pr[i]);
                }
            }
            data.addSeries(s);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = logLog(data, "Participation ratio of the lowest modes (1/N: one oscillator)", "omega",
                "participation ratio");
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesLinesVisible(i, false);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return chart;
    }

    /**
     * A simulated quantity (points) and its RS value (line) against J per family, log-log; for
     * A_g also the dressed RS value (dashed).
     */
    static JFreeChart rsVsJ(List<ReportCommand.Point> points, String name, ReportCommand.Rs quantity) {
        var families = byFamily(points.stream().map(p -> p.dos().point()).toList());
        XYSeriesCollection data = new XYSeriesCollection();
        java.util.List<Integer> theoryLines = new java.util.ArrayList<>();
        java.util.List<Integer> dressedLines = new java.util.ArrayList<>();
        for (String family : families.keySet()) {
            XYSeries sim = new XYSeries(family + " simulation", true);
            XYSeries rs = new XYSeries(family + " RS", true);
            XYSeries dressed = new XYSeries(family + " RS dressed", true);
            for (ReportCommand.Point p : points) {
                var pt = p.dos().point();
                if (!family(pt).equals(family) || !(pt.J() > 0)) {
                    continue;
                }
                double v = quantity.simulation(p);
                if (v > 0 && Double.isFinite(v)) {
                    sim.add(pt.J(), v);
                }
                if (p.theory() != null) {
                    double t = quantity.theory(p.theory());
                    if (t > 0 && Double.isFinite(t)) {
                        rs.add(pt.J(), t);
                    }
                    double d = ReportCommand.Rs.A_G_DRESSED.theory(p.theory());
                    if (quantity == ReportCommand.Rs.A_G && d > 0 && Double.isFinite(d)) {
                        dressed.add(pt.J(), d);
                    }
                }
            }
            data.addSeries(sim);
            theoryLines.add(data.getSeriesCount());
            data.addSeries(rs);
            if (quantity == ReportCommand.Rs.A_G) {
                dressedLines.add(data.getSeriesCount());
                data.addSeries(dressed);
            }
        }
        JFreeChart c = chart(data, name + " against J: simulation (points) and RS theory (lines)", "J", name, true, true,
                false, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        int perFamily = quantity == ReportCommand.Rs.A_G ? 3 : 2;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color color = PALETTE[(i / perFamily) % PALETTE.length];
            r.setSeriesPaint(i, color);
            if (theoryLines.contains(i) || dressedLines.contains(i)) {
                r.setSeriesLinesVisible(i, true);
                r.setSeriesShapesVisible(i, false);
            }
            if (dressedLines.contains(i)) {
                r.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        return c;
    }

    /** The Eq. (3) plot of {@link #weakTest} with A_g(RS) and the dressed A_g(RS) as lines. */
    static JFreeChart rsWeakTest(List<ReportCommand.Point> points) {
        XYSeries sim = new XYSeries("simulation", true);
        XYSeries rs = new XYSeries("A_g(RS)", true);
        XYSeries dressed = new XYSeries("A_g(RS) dressed", true);
        for (ReportCommand.Point p : points) {
            var pt = p.dos().point();
            if (!(pt.J() > 0)) {
                continue;
            }
            double h23 = Math.pow(pt.h(), 2.0 / 3);
            double x = pt.kappa0() * h23 / (pt.J() * pt.J());
            double scale = Math.sqrt(pt.kappa0()) * h23 * pt.J();
            if (p.fit().fit().aG() > 0) {
                sim.add(x, Math.log(scale * p.fit().fit().aG()));
            }
            if (p.theory() != null && p.theory().solution().aG() > 0) {
                rs.add(x, Math.log(scale * p.theory().solution().aG()));
                double d = p.theory().solution().aGDressed();
                if (d > 0 && Double.isFinite(d)) {
                    dressed.add(x, Math.log(scale * d));
                }
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sim);
        data.addSeries(rs);
        data.addSeries(dressed);
        JFreeChart c = chart(data, "ln(kappa0^(1/2) h^(2/3) J A_g) with RS (cf. Fig. 4, Eq. (3))", "kappa0 h^(2/3) / J^2",
                "ln(kappa0^(1/2) h^(2/3) J A_g)", false, false, false, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        for (int i = 1; i <= 2; i++) {
            r.setSeriesLinesVisible(i, true);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, Color.BLACK);
        }
        r.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return c;
    }

    private static void style(XYLineAndShapeRenderer r, int points) {
        for (int i = 0; i < points; i++) {
            Color c = PALETTE[i % PALETTE.length];
            r.setSeriesPaint(2 * i, c);
            r.setSeriesLinesVisible(2 * i, false);
            r.setSeriesPaint(2 * i + 1, c);
            r.setSeriesShapesVisible(2 * i + 1, false);
            r.setSeriesStroke(2 * i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }

    /** &lt;x^2&gt;(kappa) against kappa for every point (linear axes). */
    static JFreeChart partialAverages(List<ReportCommand.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ReportCommand.Point p : points) {
            XYSeries s = new XYSeries(label(p), false);
            var pa = p.dos().partial();
            for (int k = 0; k < pa.kappa().length; k++) {
                s.add(pa.kappa()[k], pa.x2()[k]);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, new NumberAxis("kappa"), new NumberAxis("<x^2>(kappa)"), r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < points.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        JFreeChart chart = new JFreeChart("Partial average <x^2>(kappa)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart chart(XYSeriesCollection data, String title, String x, String y, boolean logX, boolean logY,
                                    boolean lines, boolean shapes) {
        org.jfree.chart.axis.ValueAxis xAxis = logX ? logAxis(x, data, true) : new NumberAxis(x);
        org.jfree.chart.axis.ValueAxis yAxis = logY ? logAxis(y, data, false) : new NumberAxis(y);
        if (!logY) {
            ((NumberAxis) yAxis).setAutoRangeIncludesZero(false);
        }
        if (!logX) {
            ((NumberAxis) xAxis).setAutoRangeIncludesZero(false);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, shapes);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    private static String family(StudyPoint p) {
        return String.format(Locale.ROOT, "N=%d h=%s kappa0=%s", p.N(), fmt(p.h()), fmt(p.kappa0()));
    }

    /** kappa0 <x^2>(kappa) / omega_x^4 against kappa / omega_x^2, with the master curve (black). */
    static JFreeChart collapse(List<ReportCommand.Point> points, StudyAnalysis.Result analysis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries master = new XYSeries("master curve G (J = 0)", false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < points.size(); i++) {
            var pa = points.get(i).dos().partial();
            var pt = points.get(i).dos().point();
            double w = analysis.points().get(i).omegaX().omegaX();
            if (!(w > 0)) {
                continue;
            }
            XYSeries s = new XYSeries(label(points.get(i)), false);
            for (int k = 0; k < pa.kappa().length; k++) {
                double y = pt.kappa0() * pa.x2()[k] / Math.pow(w, 4);
                if (y > 0) {
                    double x = pa.kappa()[k] / (w * w);
                    s.add(x, y);
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            data.addSeries(s);
        }
        if (hi > 0) {
            for (int k = 0; k <= 60; k++) {
                double x = lo * Math.pow(hi / lo, k / 60.0);
                master.add(x, Collapse.master(x));
            }
        }
        data.addSeries(master);
        JFreeChart c = chart(data, "Collapse of the partial averages", "kappa / omega_x^2",
                "kappa0 <x^2>(kappa) / omega_x^4", true, true, true, false);
        ((XYLineAndShapeRenderer) c.getXYPlot().getRenderer()).setSeriesPaint(data.getSeriesCount() - 1, Color.BLACK);
        ((XYLineAndShapeRenderer) c.getXYPlot().getRenderer()).setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(2.5f));
        return c;
    }

    /** ln(kappa0^(1/2) h^(2/3) J A_g) against kappa0 h^(2/3) / J^2 with the fitted line (Fig. 4). */
    static JFreeChart weakTest(List<ReportCommand.Point> points, StudyAnalysis.Result analysis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries weak = new XYSeries("weak-regime points (fitted)", false);
        XYSeries other = new XYSeries("other points", false);
        XYSeries noWindow = new XYSeries("weak, no omega^4 window (not fitted)", false);
        double max = 0;
        for (int i = 0; i < points.size(); i++) {
            var pt = points.get(i).dos().point();
            double aG = points.get(i).fit().fit().aG();
            if (!(aG > 0) || !(pt.J() > 0)) {
                continue;
            }
            double h23 = Math.pow(pt.h(), 2.0 / 3);
            double x = pt.kappa0() * h23 / (pt.J() * pt.J());
            double y = Math.log(Math.sqrt(pt.kappa0()) * h23 * pt.J() * aG);
            boolean isWeak = "weak".equals(analysis.points().get(i).regime());
            (isWeak ? (points.get(i).fit().consistent() ? weak : noWindow) : other).add(x, y);
            max = Math.max(max, x);
        }
        data.addSeries(weak);
        data.addSeries(other);
        data.addSeries(noWindow);
        if (analysis.weakTest() != null) {
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "fit: slope %.3g", analysis.weakTest().slope()), false);
            line.add(0, analysis.weakTest().intercept());
            line.add(max * 1.05, analysis.weakTest().intercept() + analysis.weakTest().slope() * max * 1.05);
            data.addSeries(line);
        }
        JFreeChart c = chart(data, "Weak interactions: log-scaled A_g", "kappa0 h^(2/3) / J^2",
                "ln(kappa0^(1/2) h^(2/3) J A_g)", false, false, false, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesPaint(2, new Color(0xff7f0e));
        if (data.getSeriesCount() > 3) {
            r.setSeriesLinesVisible(3, true);
            r.setSeriesShapesVisible(3, false);
            r.setSeriesPaint(3, Color.BLACK);
        }
        return c;
    }

    private static java.util.Map<String, XYSeries> byFamily(List<StudyPoint> points) {
        java.util.Map<String, XYSeries> out = new java.util.LinkedHashMap<>();
        for (StudyPoint p : points) {
            out.computeIfAbsent(family(p), k -> new XYSeries(k, true));
        }
        return out;
    }

    /** <x^2> against J per family, log-log (Fig. 5b). */
    static JFreeChart x2VsJ(List<ReportCommand.Point> points, StudyAnalysis.Result analysis) {
        var series = byFamily(points.stream().map(p -> p.dos().point()).toList());
        for (ReportCommand.Point p : points) {
            var pt = p.dos().point();
            if (pt.J() > 0 && p.dos().x2() > 0) {
                series.get(family(pt)).add(pt.J(), p.dos().x2());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return chart(data, "Mean square displacement", "J", "<x^2>", true, true, true, true);
    }

    /** omega_x against J per family, with h^(1/3) as reference (inset of Fig. 5a). */
    static JFreeChart omegaXVsJ(StudyAnalysis.Result analysis) {
        var series = byFamily(analysis.points().stream().map(StudyAnalysis.PointResult::point).toList());
        XYSeriesCollection data = new XYSeriesCollection();
        var own = new java.util.LinkedHashMap<String, XYSeries>();
        for (StudyAnalysis.PointResult a : analysis.points()) {
            if (a.point().J() > 0 && a.omegaX().omegaX() > 0) {
                series.get(family(a.point())).add(a.point().J(), a.omegaX().omegaX() / Math.cbrt(a.point().h()));
            }
            if (a.point().J() > 0 && a.omegaXFamily() > 0) {
                own.computeIfAbsent(family(a.point()), k -> new XYSeries(k + " (family collapse)", true))
                        .add(a.point().J(), a.omegaXFamily() / Math.cbrt(a.point().h()));
            }
        }
        series.values().forEach(data::addSeries);
        own.values().forEach(data::addSeries);
        return chart(data, "Characteristic frequency from the collapse", "J", "omega_x / h^(1/3)", true, true, true, true);
    }

    /** A_g against J / J_x per family (Fig. 6). */
    static JFreeChart aGVsJ(List<ReportCommand.Point> points, StudyAnalysis.Result analysis) {
        var series = byFamily(points.stream().map(p -> p.dos().point()).toList());
        java.util.Map<String, Double> jX = new java.util.HashMap<>();
        for (StudyAnalysis.Family f : analysis.families()) {
            jX.put(family(f.points().get(0)), f.jX());
        }
        for (ReportCommand.Point p : points) {
            var pt = p.dos().point();
            double scale = jX.getOrDefault(family(pt), 1.0);
            if (pt.J() > 0 && p.fit().fit().aG() > 0) {
                series.get(family(pt)).add(pt.J() / scale, p.fit().fit().aG());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return chart(data, "A_g against J / J_x (J_x: the maximum of A_g)", "J / J_x", "A_g", true, true, true, true);
    }

    /**
     * A tail curve of every point (Hill exponent or compensated count) against the window edge
     * omega_c or the number k of modes, with its 16-84% bootstrap band (thin dashed, same colour)
     * and, for the exponent, the value 4 (black).
     */
    static JFreeChart tailCurves(List<ReportCommand.Point> points, boolean compensated, boolean againstK) {
        XYSeriesCollection data = new XYSeriesCollection();
        int drawn = 0;
        for (ReportCommand.Point p : points) {
            var tail = p.fit().tail();
            var curve = tail == null ? null : compensated ? tail.compensated() : tail.hill();
            XYSeries value = new XYSeries(label(p), false);
            XYSeries lo = new XYSeries(label(p) + " 16%", false);
            XYSeries hi = new XYSeries(label(p) + " 84%", false);
            if (curve != null) {
                for (int j = 0; j < curve.k().length; j++) {
                    double x = againstK ? curve.k()[j] : curve.omega()[j];
                    if (!(x > 0)) {
                        continue;
                    }
                    if (Double.isFinite(curve.value()[j]) && (!compensated || curve.value()[j] > 0)) {
                        value.add(x, curve.value()[j]);
                    }
                    if (Double.isFinite(curve.lo()[j]) && (!compensated || curve.lo()[j] > 0)) {
                        lo.add(x, curve.lo()[j]);
                    }
                    if (Double.isFinite(curve.hi()[j]) && (!compensated || curve.hi()[j] > 0)) {
                        hi.add(x, curve.hi()[j]);
                    }
                }
            }
            data.addSeries(value);
            data.addSeries(lo);
            data.addSeries(hi);
            drawn++;
        }
        if (compensated && !againstK) {
            // A_g over its window, and the physics bound (a vertical mark), per point
            for (ReportCommand.Point p : points) {
                XYSeries mark = new XYSeries(label(p) + " A_g, window and bound", false);
                var f = p.fit().fit();
                double bound = p.fit().tail() == null ? Double.NaN : p.fit().tail().omegaMaxPhysics();
                if (f.aG() > 0 && f.omegaHigh() > 0) {
                    mark.add(f.omegaLow(), f.aG());
                    mark.add(f.omegaHigh(), f.aG());
                    if (bound > 0 && Double.isFinite(bound)) {
                        mark.add(bound, f.aG());
                        mark.add(bound, f.aG() * 1.5);
                    }
                }
                data.addSeries(mark);
            }
        }
        if (!compensated) {
            XYSeries four = new XYSeries("exponent 4", false);
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int i = 0; i < data.getSeriesCount(); i++) {
                for (int k = 0; k < data.getItemCount(i); k++) {
                    lo = Math.min(lo, data.getXValue(i, k));
                    hi = Math.max(hi, data.getXValue(i, k));
                }
            }
            if (hi > 0) {
                four.add(lo, 4.0);
                four.add(hi, 4.0);
            }
            data.addSeries(four);
        }
        String x = againstK ? "k (lowest modes in the window)" : "omega_c (window edge)";
        JFreeChart c = compensated
                ? chart(data, "5 N(omega) / omega^5 (dashed: 16-84% bootstrap; bold: A_g over its window, tick at the bound)",
                        x, "5 N(omega) / omega^5", true, true, true, false)
                : chart(data, "Hill exponent of the k lowest modes (dashed: 16-84% bootstrap band)", x, "free exponent",
                        true, false, true, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        for (int i = 0; i < drawn; i++) {
            Color col = PALETTE[i % PALETTE.length];
            r.setSeriesPaint(3 * i, col);
            r.setSeriesStroke(3 * i, new BasicStroke(2f));
            for (int b = 1; b <= 2; b++) {
                r.setSeriesPaint(3 * i + b, col);
                r.setSeriesVisibleInLegend(3 * i + b, false);
                r.setSeriesStroke(3 * i + b, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4f, 3f}, 0f));
            }
        }
        if (!compensated) {
            r.setSeriesPaint(3 * drawn, Color.BLACK);
        } else if (!againstK) {
            for (int i = 0; i < drawn; i++) {
                r.setSeriesPaint(3 * drawn + i, PALETTE[i % PALETTE.length]);
                r.setSeriesStroke(3 * drawn + i, new BasicStroke(4f));
                r.setSeriesVisibleInLegend(3 * drawn + i, false);
            }
        }
        return c;
    }

    /** kappa0 omega_x^3 A_g against J per family, omega_x from the family collapse and from G (Eq. (4)). */
    static JFreeChart eq4(List<ReportCommand.Point> points, StudyAnalysis.Result analysis) {
        var own = new java.util.LinkedHashMap<String, XYSeries>();
        var onG = new java.util.LinkedHashMap<String, XYSeries>();
        for (int i = 0; i < points.size(); i++) {
            var pt = points.get(i).dos().point();
            var a = analysis.points().get(i);
            double aG = points.get(i).fit().fit().aG();
            if (!(pt.J() > 0 && aG > 0)) {
                continue;
            }
            if (a.omegaXFamily() > 0) {
                own.computeIfAbsent(family(pt), k -> new XYSeries(k + " (family omega_x)", true))
                        .add(pt.J(), pt.kappa0() * Math.pow(a.omegaXFamily(), 3) * aG);
            }
            if (a.omegaX().omegaX() > 0) {
                onG.computeIfAbsent(family(pt), k -> new XYSeries(k + " (omega_x onto G)", true))
                        .add(pt.J(), pt.kappa0() * Math.pow(a.omegaX().omegaX(), 3) * aG);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        own.values().forEach(data::addSeries);
        onG.values().forEach(data::addSeries);
        return chart(data, "Eq. (4): kappa0 omega_x^3 A_g (flat for J > J_x if A_g ~ 1/(kappa0 omega_x^3))", "J",
                "kappa0 omega_x^3 A_g", true, true, true, true);
    }
}
