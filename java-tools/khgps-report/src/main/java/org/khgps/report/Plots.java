package org.khgps.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.khgps.core.Collapse;
import org.khgps.core.FiniteSize;
import org.khgps.core.StudyAnalysis;
import org.khgps.core.StudyPoint;

/**
 * The report's charts (JFreeChart), rendered headless to PNG and SVG, and shown interactively
 * through {@link PlotlyJson}. Axis labels are {@link Markup} (Greek, sub- and superscripts); log
 * axes carry decade ticks (10⁻², 10⁻¹, ...; {@link Ticks}).
 */
final class Plots {

    /**
     * One colour per point or family: twelve strong ones (the 11 points of -profile paper_statistics
     * never share one), then light ones of the first eight hues, so that the 16 points of
     * -profile finite_size do not share one either; past twenty they repeat.
     */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x393b79), new Color(0x843c39),
        new Color(0xaec7e8), new Color(0xff9896), new Color(0x98df8a), new Color(0xffbb78), new Color(0xc5b0d5),
        new Color(0xc49c94), new Color(0xf7b6d2), new Color(0x9edae5)};

    /** The colour of point (or family) {@code i}. */
    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    private Plots() {
    }

    /** The chart as an SVG document (vector: text stays text, lines stay lines). */
    static byte[] svg(JFreeChart chart, int width, int height) throws IOException {
        try {
            org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
            var g2 = new org.apache.batik.svggen.SVGGraphics2D(doc);
            g2.setSVGCanvasSize(new Dimension(width, height));
            chart.draw(g2, new Rectangle(0, 0, width, height));
            StringWriter out = new StringWriter();
            g2.stream(out, true);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A point in words for legends and captions: "N = 1000, h = 0.01, J = 0.1, κ₀ = 1" (", flip" under a protocol). */
    static String label(Study.Point p) {
        var pt = p.dos().point();
        return String.format(Locale.ROOT, "N = %d, h = %s, J = %s, κ₀ = %s", pt.N(), fmt(pt.h()), fmt(pt.J()), fmt(pt.kappa0()))
                + protocol(pt);
    }

    /** ", flip" for a point of a protocol other than zero, else nothing (labels of earlier studies unchanged). */
    static String protocol(StudyPoint pt) {
        return pt.protocol() == org.khgps.core.Protocol.ZERO ? "" : ", " + pt.protocol().id();
    }

    /**
     * The parameters of a point as "name = value" in the order N, h, J, κ₀, and the protocol when
     * a point of {@code all} has one other than zero (the legends of earlier studies unchanged).
     */
    private static List<String> parameters(Study.Point p, List<Study.Point> all) {
        var pt = p.dos().point();
        List<String> out = new ArrayList<>(List.of("N = " + pt.N(), "h = " + fmt(pt.h()), "J = " + fmt(pt.J()),
                "κ₀ = " + fmt(pt.kappa0())));
        if (all.stream().anyMatch(q -> q.dos().point().protocol() != org.khgps.core.Protocol.ZERO)) {
            out.add("protocol " + pt.protocol().id());
        }
        return out;
    }

    /**
     * A point in a legend among {@code all}: only the parameters that differ between the points
     * ("h = 0.01, J = 0.1"); those they share go into the subtitle ({@link #shared}).
     */
    static String legend(List<Study.Point> all, Study.Point p) {
        List<String> own = parameters(p, all);
        List<String> kept = new ArrayList<>();
        for (int k = 0; k < own.size(); k++) {
            final int index = k;
            if (all.stream().anyMatch(q -> !parameters(q, all).get(index).equals(own.get(index)))) {
                kept.add(own.get(k));
            }
        }
        return kept.isEmpty() ? String.join(", ", own) : String.join(", ", kept);
    }

    /** Adds the parameters all the points share as a subtitle ("all points: N = 1000, κ₀ = 1"). */
    private static JFreeChart shared(JFreeChart chart, List<Study.Point> all) {
        if (all.size() < 2) {
            return chart;
        }
        List<String> first = parameters(all.get(0), all);
        List<String> common = new ArrayList<>();
        for (int k = 0; k < first.size(); k++) {
            final int index = k;
            if (all.stream().allMatch(q -> parameters(q, all).get(index).equals(first.get(index)))) {
                common.add(first.get(k));
            }
        }
        if (!common.isEmpty()) {
            chart.addSubtitle(0, new org.jfree.chart.title.TextTitle("all points: " + String.join(", ", common),
                    new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        return chart;
    }

    /** Three significant digits, no trailing zeros: 0.01, 0.05, 1, 132. */
    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    /** One colour per family (series i of family f gets colour f), the second kind of series dashed. */
    private static void colourByFamily(JFreeChart chart, int families) {
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        int n = chart.getXYPlot().getDataset().getSeriesCount();
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, colour(i % families));
            if (chart.getXYPlot().getDataset().getItemCount(i) == 0) {
                r.setSeriesVisibleInLegend(i, false);
            }
            if (i >= families) {
                r.setSeriesStroke(i, DASHED);
                r.setSeriesShape(i, new java.awt.geom.Rectangle2D.Double(-3, -3, 6, 6));
            }
        }
    }

    /**
     * D(ω) at the bins' geometric centres with its error dos_err; on a log axis a lower end at or
     * below 0 (one mode in a bin) is drawn to the bottom of the plot.
     */
    private static YIntervalSeries dosSeries(Study.Point p, String key) {
        YIntervalSeries s = new YIntervalSeries(key, false, true);
        var h = p.dos().histogram();
        for (int b = 0; b < h.dos().length; b++) {
            if (h.counts()[b] > 0) {
                double err = h.dosErr() == null ? 0 : h.dosErr()[b];
                err = Double.isFinite(err) ? err : 0;
                double low = h.dos()[b] - err;
                s.add(Math.sqrt(h.edges()[b] * h.edges()[b + 1]), h.dos()[b], low > 0 ? low : h.dos()[b] * 1e-6,
                        h.dos()[b] + err);
            }
        }
        return s;
    }

    /** A_g ω⁴ over the fit window only (empty when the fit found no window). */
    static XYSeries fitSeries(Study.Point p, String key) {
        XYSeries s = new XYSeries(key, false);
        var f = p.fit().fit();
        double lo = f.omegaLow();
        double hi = f.omegaHigh();
        if (!(f.aG() > 0) || !(lo > 0) || !(hi > lo)) {
            return s;
        }
        for (int k = 0; k <= 20; k++) {
            double w = k == 20 ? hi : lo * Math.pow(hi / lo, k / 20.0);
            s.add(w, f.aG() * Math.pow(w, 4));
        }
        return s;
    }

    /** The fit window [ω_min, ω_max] of a point, shaded; null when the fit found none. */
    static IntervalMarker window(Study.Point p) {
        var f = p.fit().fit();
        if (!(f.omegaLow() > 0) || !(f.omegaHigh() > f.omegaLow())) {
            return null;
        }
        IntervalMarker m = new IntervalMarker(f.omegaLow(), f.omegaHigh(), new Color(0xffd27f));
        m.setAlpha(0.35f);
        return m;
    }

    /** A log axis with decade ticks: 10⁻², 10⁻¹, 10⁰ ({@link Ticks}), its label in {@link Markup}. */
    static final class DecadeAxis extends LogAxis {
        private double[] marked = {};

        DecadeAxis(String markup) {
            super(Markup.plain(markup));
            setAttributedLabel(Markup.attributed(markup, getLabelFont()));
            setMinorTickMarksVisible(true);
        }

        /** Values labelled besides the decades (Ticks.log): the N of a size axis. */
        void mark(double... values) {
            marked = values.clone();
        }

        /** The ticks drawn here and in the interactive plot. */
        List<Ticks.Tick> ticks() {
            return Ticks.log(getLowerBound(), getUpperBound(), marked);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                    : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                    : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List<ValueTick> ticks = new ArrayList<>();
            for (Ticks.Tick t : ticks()) {
                ticks.add(new NumberTick(t.major() ? TickType.MAJOR : TickType.MINOR, t.value(), t.major() ? t.label() : "",
                        anchor, anchor, 0.0));
            }
            return ticks;
        }
    }

    /** A linear axis with its label in {@link Markup}. */
    static NumberAxis linearAxis(String markup) {
        NumberAxis axis = new NumberAxis(Markup.plain(markup));
        axis.setAttributedLabel(Markup.attributed(markup, axis.getLabelFont()));
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A log axis ranging over the positive values of one coordinate of the data (not their error bars). */
    private static LogAxis logAxis(String label, org.jfree.data.xy.XYDataset data, boolean domain) {
        DecadeAxis axis = new DecadeAxis(label);
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
        axis.setSmallestValue(domain ? 1e-6 : 1e-12);
        if (hi > 0 && hi <= lo * (1 + SAME)) {
            // one value (a single point): a decade around it, labelled 1, 2, 5 x 10^n like any other
            axis.setRange(lo / Math.sqrt(10), hi * Math.sqrt(10));
        } else if (hi > 0) {
            double pad = Math.pow(Math.max(hi / lo, 1.5), 0.05);
            axis.setRange(lo / pad, hi * pad);
        }
        return axis;
    }

    /** Values closer than this (relative) are one value on an axis: no tick label could tell them apart. */
    private static final double SAME = 1e-6;

    /**
     * A linear axis over one value (a single point, no error bar) would span JFreeChart's minimum
     * auto range, 1e-8, with every tick labelled alike: it spans 10% of the value each side instead
     * (1 each side of 0).
     */
    private static void readable(ValueAxis axis) {
        if (axis instanceof NumberAxis && !(axis.getRange().getLength() > SAME * Math.max(Math.abs(axis.getLowerBound()),
                Math.abs(axis.getUpperBound())) && axis.getRange().getLength() > 1e-7)) {
            double c = axis.getRange().getCentralValue();
            double half = c != 0 ? 0.1 * Math.abs(c) : 1;
            axis.setRange(c - half, c + half);
        }
    }

    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private static JFreeChart logLog(XYSeriesCollection data, String title, String x, String y) {
        LogAxis xAxis = logAxis(x, data, true);
        LogAxis yAxis = logAxis(y, data, false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, new XYLineAndShapeRenderer(true, true));
        return finish(plot, title);
    }

    /** The common look: white background, light grid, the title in plain Unicode. */
    private static JFreeChart finish(XYPlot plot, String title) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlinePaint(Color.DARK_GRAY);
        for (ValueAxis a : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            readable(a);
        }
        JFreeChart chart = new JFreeChart(Markup.plain(title), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * D(ω) with error bars and, over their fit windows only, the fitted A_g ω⁴ (dashed, the
     * point's colour) of each point; a single point's window shaded.
     */
    private static JFreeChart dos(List<Study.Point> points, String title, boolean one) {
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        for (Study.Point p : points) {
            measured.addSeries(dosSeries(p, one ? "D(ω), simulation (bars: ±1σ)" : legend(points, p)));
            lines.addSeries(fitSeries(p, one ? String.format(Locale.ROOT, "fitted A_g ω⁴ over the fit window, A_g = %.3g",
                    p.fit().fit().aG()) : legend(points, p) + ": fitted A_g ω⁴"));
        }
        Study.Point single = one ? points.get(0) : null;
        if (single != null && single.theory() != null) {
            XYSeries rs = new XYSeries("RS theory (resolvent)", false);
            var sp = single.theory().spectrum();
            for (int k = 0; k < sp.omega().length; k++) {
                if (sp.dos()[k] > 0) {
                    rs.add(sp.omega()[k], sp.dos()[k]);
                }
            }
            lines.addSeries(rs);
        }
        XYErrorRenderer bars = new XYErrorRenderer();
        bars.setDrawXError(false);
        bars.setDefaultLinesVisible(false);
        bars.setCapLength(0);
        XYLineAndShapeRenderer fits = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(measured, logAxis("ω", measured, true), logAxis("D(ω)", measured, false), bars);
        plot.setDataset(1, lines);
        plot.setRenderer(1, fits);
        for (int i = 0; i < points.size(); i++) {
            Color c = colour(i);
            bars.setSeriesPaint(i, c);
            bars.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
            fits.setSeriesPaint(i, c);
            fits.setSeriesStroke(i, DASHED);
            fits.setSeriesVisibleInLegend(i, one); // with many points the dashed fit has its point's colour
        }
        if (single != null) {
            fits.setSeriesPaint(0, new Color(0xd62728));
            if (single.theory() != null) {
                fits.setSeriesPaint(1, Color.BLACK);
                fits.setSeriesStroke(1, new BasicStroke(1.5f));
            }
            IntervalMarker w = window(single);
            if (w != null) {
                w.setLabel("fit window");
                w.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP);
                w.setLabelTextAnchor(TextAnchor.TOP_CENTER);
                plot.addDomainMarker(w, Layer.BACKGROUND);
            }
        }
        return shared(finish(plot, title), points);
    }

    /** D(ω) of every point with its fitted A_g ω⁴ (dashed) over its window. */
    static JFreeChart dosAll(List<Study.Point> points) {
        return dos(points, "Density of states D(ω), log-log; dashed: the fitted A_g ω⁴ over each fit window", false);
    }

    static JFreeChart dosOne(Study.Point p) {
        return dos(List.of(p), label(p), true);
    }

    /** Most modes drawn per point in the participation-ratio scatter (the lowest ones). */
    static final int MAX_SCATTER = 5000;

    /**
     * Participation ratio against frequency of the lowest modes, log-log, one colour per point
     * (lowest-K spectra only; null when no point has them): quasilocalized modes sit near 1/N.
     */
    static JFreeChart participation(List<Study.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Study.Point p : points) {
            double[] pr = p.dos().omegaTailParticipationRatio();
            if (pr == null) {
                continue;
            }
            XYSeries s = new XYSeries(legend(points, p), false, true);
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
        JFreeChart chart = logLog(data, "Participation ratio of the lowest modes (1/N: one oscillator)", "ω",
                "participation ratio");
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesLinesVisible(i, false);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
            r.setSeriesPaint(i, colour(i));
        }
        return shared(chart, points);
    }

    /**
     * A simulated quantity (points) and its RS value (line) against J per family, log-log; for
     * A_g also the dressed RS value (dashed).
     */
    static JFreeChart rsVsJ(List<Study.Point> points, String name, Rs quantity) {
        var families = byFamily(points.stream().map(p -> p.dos().point()).toList());
        XYSeriesCollection data = new XYSeriesCollection();
        java.util.List<Integer> theoryLines = new java.util.ArrayList<>();
        java.util.List<Integer> dressedLines = new java.util.ArrayList<>();
        for (String family : families.keySet()) {
            XYSeries sim = new XYSeries(family + ": simulation", true);
            XYSeries rs = new XYSeries(family + ": RS theory", true);
            XYSeries dressed = new XYSeries(family + ": RS theory, dressed", true);
            for (Study.Point p : points) {
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
                    double d = Rs.A_G_DRESSED.theory(p.theory());
                    if (quantity == Rs.A_G && d > 0 && Double.isFinite(d)) {
                        dressed.add(pt.J(), d);
                    }
                }
            }
            data.addSeries(sim);
            theoryLines.add(data.getSeriesCount());
            data.addSeries(rs);
            if (quantity == Rs.A_G) {
                dressedLines.add(data.getSeriesCount());
                data.addSeries(dressed);
            }
        }
        JFreeChart c = chart(data, Markup.plain(name) + " against J: simulation (points) and RS theory (lines)", "J", name,
                true, true, false, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        int perFamily = quantity == Rs.A_G ? 3 : 2;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color color = colour(i / perFamily);
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
    static JFreeChart rsWeakTest(List<Study.Point> points) {
        XYSeries sim = new XYSeries("simulation", true);
        XYSeries rs = new XYSeries("RS theory, A_g(RS)", true);
        XYSeries dressed = new XYSeries("RS theory, dressed A_g(RS)", true);
        for (Study.Point p : points) {
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
        JFreeChart c = chart(data, "ln(κ₀^½ h^⅔ J A_g), simulation and RS theory (cf. Fig. 4, Eq. (3))", WEAK_X, WEAK_Y,
                false, false, false, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        for (int i = 1; i <= 2; i++) {
            r.setSeriesLinesVisible(i, true);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, Color.BLACK);
        }
        r.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return c;
    }

    /** &lt;x^2&gt;(kappa) against kappa for every point (linear axes). */
    static JFreeChart partialAverages(List<Study.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Study.Point p : points) {
            XYSeries s = new XYSeries(legend(points, p), false);
            var pa = p.dos().partial();
            for (int k = 0; k < pa.kappa().length; k++) {
                s.add(pa.kappa()[k], pa.x2()[k]);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, linearAxis("κ"), linearAxis("⟨x<sup>2</sup>⟩(κ)"), r);
        for (int i = 0; i < points.size(); i++) {
            r.setSeriesPaint(i, colour(i));
        }
        return shared(finish(plot, "Partial average ⟨x²⟩(κ) over the oscillators of stiffness κ"), points);
    }

    /** Axis labels of the weak-interaction test (Fig. 4). */
    private static final String WEAK_X = "κ<sub>0</sub> h<sup>2/3</sup> / J<sup>2</sup>";
    private static final String WEAK_Y = "ln(κ<sub>0</sub><sup>1/2</sup> h<sup>2/3</sup> J A<sub>g</sub>)";

    /**
     * An x-y chart; axis labels in {@link Markup}. A {@link YIntervalSeriesCollection} is drawn with
     * its error bars.
     */
    private static JFreeChart chart(org.jfree.data.xy.XYDataset data, String title, String x, String y, boolean logX,
                                    boolean logY, boolean lines, boolean shapes) {
        ValueAxis xAxis = logX ? logAxis(x, data, true) : linearAxis(x);
        ValueAxis yAxis = logY ? logAxis(y, data, false) : linearAxis(y);
        XYLineAndShapeRenderer r;
        if (data instanceof YIntervalSeriesCollection) {
            XYErrorRenderer e = new XYErrorRenderer();
            e.setDrawXError(false);
            e.setCapLength(4);
            e.setDefaultLinesVisible(lines);
            e.setDefaultShapesVisible(shapes);
            r = e;
        } else {
            r = new XYLineAndShapeRenderer(lines, shapes);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, colour(i));
        }
        return finish(plot, title);
    }

    private static String family(StudyPoint p) {
        return String.format(Locale.ROOT, "N = %d, h = %s, κ₀ = %s", p.N(), fmt(p.h()), fmt(p.kappa0())) + protocol(p);
    }

    /** kappa0 <x^2>(kappa) / omega_x^4 against kappa / omega_x^2, with the master curve (black). */
    static JFreeChart collapse(List<Study.Point> points, StudyAnalysis.Result analysis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries master = new XYSeries("master curve G (exact at J = 0)", false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < points.size(); i++) {
            var pa = points.get(i).dos().partial();
            var pt = points.get(i).dos().point();
            double w = analysis.points().get(i).omegaX().omegaX();
            if (!(w > 0)) {
                continue;
            }
            XYSeries s = new XYSeries(legend(points, points.get(i)), false);
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
        JFreeChart c = chart(data, "Collapse of the partial averages onto the J = 0 master curve", "κ / ω<sub>x</sub><sup>2</sup>",
                "κ<sub>0</sub> ⟨x<sup>2</sup>⟩(κ) / ω<sub>x</sub><sup>4</sup>", true, true, true, false);
        ((XYLineAndShapeRenderer) c.getXYPlot().getRenderer()).setSeriesPaint(data.getSeriesCount() - 1, Color.BLACK);
        ((XYLineAndShapeRenderer) c.getXYPlot().getRenderer()).setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(2.5f));
        return shared(c, points);
    }

    /**
     * ln(kappa0^(1/2) h^(2/3) J A_g) against kappa0 h^(2/3) / J^2 with the fitted line (Fig. 4); null
     * when no weak-regime point has an A_g.
     */
    static JFreeChart weakTest(List<Study.Point> points, StudyAnalysis.Result analysis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries weak = new XYSeries("weak-interaction points (in the line fit)", false);
        XYSeries other = new XYSeries("other points", false);
        XYSeries noWindow = new XYSeries("weak, but no ω⁴ window (not in the fit)", false);
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
        if (weak.isEmpty() && noWindow.isEmpty()) {
            return null; // no weak-regime point with an A_g: nothing to test Eq. (3) on
        }
        data.addSeries(weak);
        data.addSeries(other);
        data.addSeries(noWindow);
        if (analysis.weakTest() != null) {
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "straight-line fit, slope %.3g", analysis.weakTest().slope()), false);
            line.add(0, analysis.weakTest().intercept());
            line.add(max * 1.05, analysis.weakTest().intercept() + analysis.weakTest().slope() * max * 1.05);
            data.addSeries(line);
        }
        JFreeChart c = chart(data, "Weak interactions: log-scaled A_g against κ₀ h^⅔ / J² (cf. Fig. 4)", WEAK_X, WEAK_Y,
                false, false, false, true);
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

    /** One error-bar series per family, in the order the families first appear. */
    private static java.util.Map<String, YIntervalSeries> errorFamilies(List<StudyPoint> points, String suffix) {
        java.util.Map<String, YIntervalSeries> out = new java.util.LinkedHashMap<>();
        for (StudyPoint p : points) {
            out.computeIfAbsent(family(p), k -> new YIntervalSeries(k + suffix, true, true));
        }
        return out;
    }

    /** Adds y ± err (no bar where err is not finite; a lower end at or below 0 drawn to the bottom). */
    private static void addWithError(YIntervalSeries s, double x, double y, double err) {
        double e = Double.isFinite(err) && err > 0 ? err : 0;
        double low = y - e;
        s.add(x, y, low > 0 ? low : y * 1e-6, y + e);
    }

    private static JFreeChart errorChart(java.util.Collection<YIntervalSeries> series, String title, String x, String y) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.forEach(data::addSeries);
        return chart(data, title, x, y, true, true, true, true);
    }

    /** ⟨x²⟩ against J per family, log-log, with its error (Fig. 5b). */
    static JFreeChart x2VsJ(List<Study.Point> points, StudyAnalysis.Result analysis) {
        var series = errorFamilies(points.stream().map(p -> p.dos().point()).toList(), "");
        for (Study.Point p : points) {
            var pt = p.dos().point();
            if (pt.J() > 0 && p.dos().x2() > 0) {
                addWithError(series.get(family(pt)), pt.J(), p.dos().x2(), p.dos().x2Err());
            }
        }
        return errorChart(series.values(), "Mean square displacement ⟨x²⟩ against J (cf. Fig. 5b)", "J",
                "⟨x<sup>2</sup>⟩");
    }

    /** ω_x / h^(1/3) against J per family, with its error (inset of Fig. 5a). */
    static JFreeChart omegaXVsJ(StudyAnalysis.Result analysis) {
        var points = analysis.points().stream().map(StudyAnalysis.PointResult::point).toList();
        var series = errorFamilies(points, ": onto the master curve G");
        var own = errorFamilies(points, ": collapse of the family onto itself");
        for (StudyAnalysis.PointResult a : analysis.points()) {
            double h13 = Math.cbrt(a.point().h());
            if (a.point().J() > 0 && a.omegaX().omegaX() > 0) {
                addWithError(series.get(family(a.point())), a.point().J(), a.omegaX().omegaX() / h13, a.omegaX().omegaXErr() / h13);
            }
            if (a.point().J() > 0 && a.omegaXFamily() > 0) {
                addWithError(own.get(family(a.point())), a.point().J(), a.omegaXFamily() / h13, a.omegaXFamilyErr() / h13);
            }
        }
        List<YIntervalSeries> all = new ArrayList<>(series.values());
        all.addAll(own.values());
        JFreeChart c = errorChart(all, "Characteristic frequency ω_x from the collapse, against J (dashed: each family "
                + "collapsed onto itself)", "J", "ω<sub>x</sub> / h<sup>1/3</sup>");
        colourByFamily(c, series.size());
        return c;
    }

    /**
     * A_g with its error against J per family (Fig. 6); with {@code overJx}, against J / J_x for the
     * families whose A_g has an interior maximum J_x, and null when none has one (no J_x to scale by).
     */
    static JFreeChart aGVsJ(List<Study.Point> points, StudyAnalysis.Result analysis, boolean overJx) {
        java.util.Map<String, Double> jX = new java.util.HashMap<>();
        for (StudyAnalysis.Family f : analysis.families()) {
            if (f.interiorMaximum() && f.jX() > 0) {
                jX.put(family(f.points().get(0)), f.jX());
            }
        }
        if (overJx && jX.isEmpty()) {
            return null;
        }
        var series = errorFamilies(points.stream().map(p -> p.dos().point()).filter(pt -> !overJx || jX.containsKey(family(pt)))
                .toList(), "");
        for (Study.Point p : points) {
            var pt = p.dos().point();
            YIntervalSeries s = series.get(family(pt));
            if (s != null && pt.J() > 0 && p.fit().fit().aG() > 0) {
                addWithError(s, overJx ? pt.J() / jX.get(family(pt)) : pt.J(), p.fit().fit().aG(), p.fit().aGErr());
            }
        }
        return overJx
                ? errorChart(series.values(), "A_g against J / J_x (J_x: the interior maximum of A_g; cf. Fig. 6)",
                        "J / J<sub>x</sub>", "A<sub>g</sub>")
                : errorChart(series.values(), "A_g against J (cf. Fig. 6)", "J", "A<sub>g</sub>");
    }

    /** What a tail curve is drawn against: the window's upper edge, the number k of modes in it, or k / M. */
    enum TailAxis {
        OMEGA, K, FRACTION
    }

    /** {@link #tailCurves(List, boolean, TailAxis, String)} with its default title. */
    static JFreeChart tailCurves(List<Study.Point> points, boolean compensated, TailAxis axis) {
        return tailCurves(points, compensated, axis, null);
    }

    /**
     * A tail curve of every point (Hill exponent or compensated count) against the window edge
     * omega_c, the number k of modes or the fraction k / M of the pooled modes, with its 16-84%
     * bootstrap band (thin dashed, same colour) and, for the exponent, the value 4 (black);
     * {@code title} null: the default one.
     */
    static JFreeChart tailCurves(List<Study.Point> points, boolean compensated, TailAxis axis, String title) {
        boolean againstK = axis != TailAxis.OMEGA;
        XYSeriesCollection data = new XYSeriesCollection();
        int drawn = 0;
        for (Study.Point p : points) {
            var tail = p.fit().tail();
            var curve = tail == null ? null : compensated ? tail.compensated() : tail.hill();
            XYSeries value = new XYSeries(legend(points, p), false);
            XYSeries lo = new XYSeries(legend(points, p) + ": 16% bootstrap quantile", false);
            XYSeries hi = new XYSeries(legend(points, p) + ": 84% bootstrap quantile", false);
            if (curve != null) {
                for (int j = 0; j < curve.k().length; j++) {
                    double x = switch (axis) {
                        case OMEGA -> curve.omega()[j];
                        case K -> curve.k()[j];
                        case FRACTION -> curve.k()[j] / (double) p.dos().modes();
                    };
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
            for (Study.Point p : points) {
                XYSeries mark = new XYSeries(legend(points, p) + ": A_g over its window, tick at the bound", false);
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
            XYSeries four = new XYSeries("exponent 4 (the ω⁴ law)", false);
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
        String x = switch (axis) {
            case OMEGA -> "ω<sub>c</sub> (upper edge of the window)";
            case K -> "k (number of lowest modes in the window)";
            case FRACTION -> "k / M (fraction of the pooled modes in the window)";
        };
        JFreeChart c = compensated
                ? chart(data, title != null ? title
                        : "Compensated count 5N(ω)/ω⁵ (dashed: 16–84% bootstrap; bold: A_g over its window, tick at the bound)",
                        x, "5 N(ω) / ω<sup>5</sup>", true, true, true, false)
                : chart(data, title != null ? title : "Hill exponent of the k lowest modes (dashed: 16–84% bootstrap band)", x,
                        "exponent (free fit)", true, false, true, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        for (int i = 0; i < drawn; i++) {
            Color col = colour(i);
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
                r.setSeriesPaint(3 * drawn + i, colour(i));
                r.setSeriesStroke(3 * drawn + i, new BasicStroke(4f));
                r.setSeriesVisibleInLegend(3 * drawn + i, false);
            }
        }
        return shared(c, points);
    }

    /** kappa0 omega_x^3 A_g against J per family, omega_x from the family collapse and from G (Eq. (4)). */
    static JFreeChart eq4(List<Study.Point> points, StudyAnalysis.Result analysis) {
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
                own.computeIfAbsent(family(pt), k -> new XYSeries(k + ": ω_x from the family collapse", true))
                        .add(pt.J(), pt.kappa0() * Math.pow(a.omegaXFamily(), 3) * aG);
            }
            if (a.omegaX().omegaX() > 0) {
                onG.computeIfAbsent(family(pt), k -> new XYSeries(k + ": ω_x onto the master curve G", true))
                        .add(pt.J(), pt.kappa0() * Math.pow(a.omegaX().omegaX(), 3) * aG);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        var families = new java.util.LinkedHashSet<>(onG.keySet());
        families.addAll(own.keySet());
        for (String f : families) {
            data.addSeries(onG.getOrDefault(f, new XYSeries(f + ": ω_x onto the master curve G", true)));
        }
        for (String f : families) {
            data.addSeries(own.getOrDefault(f, new XYSeries(f + ": ω_x from the family collapse", true)));
        }
        JFreeChart c = chart(data, "Eq. (4): κ₀ ω_x³ A_g against J (flat for J > J_x if A_g ∝ 1/(κ₀ ω_x³))", "J",
                "κ<sub>0</sub> ω<sub>x</sub><sup>3</sup> A<sub>g</sub>", true, true, true, true);
        colourByFamily(c, families.size());
        return c;
    }

    /** A finite-size group in words: "h = 0.01, J = 0.2, κ₀ = 1" (", common disorder" when it is). */
    static String groupLabel(FiniteSize.Group g) {
        return String.format(Locale.ROOT, "h = %s, J = %s, κ₀ = %s%s", fmt(g.h()), fmt(g.J()), fmt(g.kappa0()),
                g.disorder().equals(StudyPoint.COMMON) ? ", common disorder" : "") + protocol(g.points().get(0));
    }

    /**
     * One quantity of each finite-size group against 1000 / N with its error bars, and the group's
     * line to N to infinity (dashed, same colour) where it has one; with {@code relative}, each
     * group divided by its value at its largest N (that has one) so that groups of different scale
     * share an axis.
     */
    static JFreeChart finiteSize(List<FiniteSize.Group> groups, int quantity, String title, String y, boolean relative) {
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        for (FiniteSize.Group g : groups) {
            FiniteSize.Trend t = g.trends().get(quantity);
            String name = groupLabel(g);
            double scale = 1;
            for (int i = 0; relative && i < t.N().length; i++) {
                if (Double.isFinite(t.value()[i]) && t.value()[i] != 0) {
                    scale = t.value()[i]; // the largest N with a value
                }
            }
            YIntervalSeries s = new YIntervalSeries(name, false, true);
            for (int i = 0; i < t.N().length; i++) {
                if (Double.isFinite(t.value()[i])) {
                    addWithError(s, FiniteSize.X_UNIT / t.N()[i], t.value()[i] / scale, t.err()[i] / Math.abs(scale));
                }
            }
            measured.addSeries(s);
            XYSeries line = new XYSeries(name + ": line to N → ∞", false);
            if (t.line() != null) {
                double xMax = 0; // the line runs from N to infinity to the smallest N it was fitted on
                for (int i = 0; i < t.N().length; i++) {
                    if (FiniteSize.usable(t.value()[i], t.err()[i])) {
                        xMax = Math.max(xMax, FiniteSize.X_UNIT / t.N()[i]);
                    }
                }
                line.add(0, t.line().intercept() / scale);
                line.add(xMax, (t.line().intercept() + t.line().slope() * xMax) / scale);
            }
            lines.addSeries(line);
        }
        XYErrorRenderer bars = new XYErrorRenderer();
        bars.setDrawXError(false);
        bars.setCapLength(4);
        bars.setDefaultLinesVisible(false);
        XYLineAndShapeRenderer fits = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(measured, linearAxis("1000 / N"), linearAxis(y), bars);
        plot.setDataset(1, lines);
        plot.setRenderer(1, fits);
        for (int i = 0; i < groups.size(); i++) {
            bars.setSeriesPaint(i, colour(i));
            bars.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
            fits.setSeriesPaint(i, colour(i));
            fits.setSeriesStroke(i, DASHED);
            fits.setSeriesVisibleInLegend(i, false);
        }
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true); // the line ends at N to infinity
        return finish(plot, title);
    }

    // ---- the anatomy of the tail (issue 28)

    /** The carrier classes' names for legends. */
    private static final String[] CLASS_NAMES = {"single", "tilted", "global", "metastable", "not classified"};

    /**
     * The share of each carrier class among a point's modes per frequency bin (bins with modes only),
     * log ω: which oscillators carry the tail.
     */
    static JFreeChart tailByClass(Study.Point p) {
        var a = p.dos().anatomy();
        double[] edges = p.dos().histogram().edges();
        long[] counts = p.dos().histogram().counts();
        XYSeriesCollection data = new XYSeriesCollection();
        for (int c = 0; c < CLASS_NAMES.length; c++) {
            XYSeries s = new XYSeries(CLASS_NAMES[c], false);
            boolean any = false;
            for (int b = 0; b < counts.length; b++) {
                if (counts[b] > 0) {
                    s.add(Math.sqrt(edges[b] * edges[b + 1]), a.countsByClass()[b][c] / (double) counts[b]);
                    any |= a.countsByClass()[b][c] > 0;
                }
            }
            if (any) {
                data.addSeries(s);
            }
        }
        JFreeChart chart = chart(data, "Carrier class of the modes against ω", "ω", "share of the modes in the bin", true,
                false, true, true);
        return chart;
    }

    /**
     * The Hill exponent below ω<sub>c</sub> of all the tail's modes, of the modes whose carrier is not
     * metastable, and of the metastable ones alone (each where at least 10 modes lie below).
     */
    static JFreeChart hillByClass(Study.Point p) {
        double[] omega = p.dos().omegaTail();
        XYSeriesCollection data = new XYSeriesCollection();
        String[] names = {"all modes", "carrier not metastable", "carrier metastable"};
        int[] kinds = {-3, -2, org.khgps.core.Cavity.METASTABLE};
        for (int k = 0; k < kinds.length; k++) {
            XYSeries s = new XYSeries(names[k], false);
            int points = 40;
            double lo = omega[Math.min(omega.length - 1, 9)];
            double hi = omega[omega.length - 1];
            for (int j = 0; j < points && hi > lo; j++) {
                double c = lo * Math.pow(hi / lo, (j + 1.0) / points);
                double v = Anatomy.hillOfClass(p.dos(), c, kinds[k]);
                if (Double.isFinite(v)) {
                    s.add(c, v);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            }
        }
        return chart(data, "Hill exponent by carrier class against the window edge", "ω<sub>c</sub>", "Hill exponent below ω<sub>c</sub>",
                true, false, true, false);
    }

    /**
     * Metastable carriers of the tail's modes near their spinodal: per point, the number per realization
     * of tail modes carried by a metastable oscillator with distance to the spinodal d below x, log-log
     * (a density of metastable carriers finite at the spinodal gives slope 1).
     */
    static JFreeChart spinodalDistance(List<Study.Point> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Study.Point p : points) {
            var a = p.dos().anatomy();
            if (a == null) {
                continue;
            }
            double[] d = java.util.stream.IntStream.range(0, a.tailClass().length)
                    .filter(i -> a.tailClass()[i] == org.khgps.core.Cavity.METASTABLE && a.tailSpinodalDistance()[i] > 0)
                    .mapToDouble(i -> a.tailSpinodalDistance()[i]).sorted().toArray();
            if (d.length < 10) {
                continue;
            }
            Anatomy.SpinodalLaw law = Anatomy.spinodal(d);
            XYSeries s = new XYSeries(legend(points, p) + String.format(java.util.Locale.ROOT, ", θ = %.2f ± %.2f",
                    law.exponent(), law.exponentErr()), false);
            for (int i = 0; i < d.length; i++) {
                s.add(d[i], (i + 1.0) / p.dos().realizations());
            }
            data.addSeries(s);
        }
        return data.getSeriesCount() == 0 ? null : chart(data, "Metastable carriers near their spinodal", "d = H<sub>sp</sub> − |H|",
                "N(d): modes below d, per realization", true, true, true, false);
    }

    /**
     * The paired difference of the Hill exponents below ω<sub>x</sub>/2 (the protocol minus zero, the
     * same disorder) against N, one series per protocol and J, with its paired error.
     */
    static JFreeChart protocolsDelta(List<Anatomy.Paired> paired) {
        java.util.Map<String, YIntervalSeries> series = new java.util.LinkedHashMap<>();
        for (Anatomy.Paired q : paired) {
            if (!Double.isFinite(q.delta())) {
                continue;
            }
            String key = q.other().protocol().id() + ", J = " + fmt(q.other().J());
            YIntervalSeries s = series.computeIfAbsent(key, k -> new YIntervalSeries(k, false, true));
            double e = Double.isFinite(q.deltaErr()) ? q.deltaErr() : 0;
            s.add(q.other().N(), q.delta(), q.delta() - e, q.delta() + e);
        }
        if (series.isEmpty()) {
            return null;
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = chart(data, "Exponent below ω_c (ω_x / 2 or the complete tail's edge): protocol minus zero, paired", "N",
                "Δ exponent (paired)", true, false, true, true);
        ((DecadeAxis) chart.getXYPlot().getDomainAxis()).mark(paired.stream().filter(q -> Double.isFinite(q.delta()))
                .mapToDouble(q -> q.other().N()).distinct().toArray());
        return chart;
    }
}
