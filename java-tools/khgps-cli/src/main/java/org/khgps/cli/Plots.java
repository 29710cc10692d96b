package org.khgps.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

    private static JFreeChart logLog(XYSeriesCollection data, String title, String x, String y) {
        LogAxis xAxis = new LogAxis(x);
        LogAxis yAxis = new LogAxis(y);
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
        JFreeChart chart = logLog(data, "Density of states D(omega)", "omega", "D(omega)");
        style((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(), points.size());
        return chart;
    }

    static JFreeChart dosOne(ReportCommand.Point p) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(dosSeries(p, "D(omega)"));
        var f = p.fit().fit();
        data.addSeries(fitSeries(p, String.format(Locale.ROOT, "A_g w^4, A_g = %.3g", f.aG())));
        JFreeChart chart = logLog(data, label(p), "omega", "D(omega)");
        style((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(), 1);
        return chart;
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
}
