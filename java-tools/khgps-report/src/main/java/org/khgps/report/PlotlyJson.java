package org.khgps.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.khgps.io.Json;

/**
 * A report chart as a plotly.js figure ({"data": [...], "layout": {...}}): the same series,
 * colours, dashes, error bars, shaded windows and axis types as the PNG and SVG, so the
 * interactive plot and the paper figure show one thing.
 */
final class PlotlyJson {

    private PlotlyJson() {
    }

    static String of(JFreeChart chart) {
        return of(chart, false);
    }

    /** With {@code compact} (a small plot), the legend goes below the plot instead of beside it. */
    static String of(JFreeChart chart, boolean compact) {
        XYPlot plot = chart.getXYPlot();
        // a series hidden from the legend ("<point>: fitted A_g ω⁴", "<point>: 16% ...") toggles with the
        // shown series whose name starts its own ("<point>")
        Set<String> shown = new HashSet<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            XYItemRenderer r = plot.getRendererForDataset(ds);
            for (int s = 0; ds != null && s < ds.getSeriesCount(); s++) {
                if (r.isSeriesVisibleInLegend(s)) {
                    shown.add(String.valueOf(ds.getSeriesKey(s)));
                }
            }
        }
        StringBuilder data = new StringBuilder("[");
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            if (ds == null) {
                continue;
            }
            XYItemRenderer r = plot.getRendererForDataset(ds);
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                if (ds.getItemCount(s) == 0) {
                    continue;
                }
                if (data.length() > 1) {
                    data.append(',');
                }
                trace(data, ds, r, s, shown);
            }
        }
        data.append(']');
        StringBuilder layout = new StringBuilder("{");
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                title += "<br><span style=\"font-size:12px\">" + t.getText() + "</span>";
            }
        }
        layout.append("\"title\":{\"text\":").append(str(title)).append(",\"font\":{\"size\":15}},")
                .append("\"xaxis\":").append(axis(plot.getDomainAxis())).append(",\"yaxis\":").append(axis(plot.getRangeAxis()))
                .append(",\"hovermode\":\"closest\",\"margin\":{\"t\":50},\"legend\":{\"font\":{\"size\":11},\"tracegroupgap\":0")
                .append(compact ? ",\"orientation\":\"h\",\"x\":0,\"y\":-0.22,\"yanchor\":\"top\"" : "").append("},")
                .append("\"plot_bgcolor\":\"#ffffff\",\"shapes\":[");
        boolean first = true;
        for (Layer layer : new Layer[] {Layer.BACKGROUND, Layer.FOREGROUND}) {
            var markers = plot.getDomainMarkers(layer);
            if (markers == null) {
                continue;
            }
            for (Object o : markers) {
                if (!first) {
                    layout.append(',');
                }
                first = false;
                layout.append(shape((Marker) o, layer));
            }
        }
        layout.append("]}");
        return "{\"data\":" + data + ",\"layout\":" + layout + "}";
    }

    /** The legend group of a series: its own name if shown, else the longest shown name its name starts with. */
    private static String group(String name, boolean inLegend, Set<String> shown) {
        if (inLegend) {
            return name;
        }
        String best = null;
        for (String g : shown) {
            if (name.startsWith(g + ":") && (best == null || g.length() > best.length())) {
                best = g;
            }
        }
        return best;
    }

    private static void trace(StringBuilder sb, XYDataset ds, XYItemRenderer r, int s, Set<String> shown) {
        StringBuilder x = new StringBuilder("[");
        StringBuilder y = new StringBuilder("[");
        StringBuilder plus = new StringBuilder("[");
        StringBuilder minus = new StringBuilder("[");
        boolean errors = r instanceof XYErrorRenderer er && er.getDrawYError() && ds instanceof IntervalXYDataset;
        int n = 0;
        for (int i = 0; i < ds.getItemCount(s); i++) {
            double xv = ds.getXValue(s, i);
            double yv = ds.getYValue(s, i);
            if (!Double.isFinite(xv) || !Double.isFinite(yv)) {
                continue;
            }
            String sep = n++ == 0 ? "" : ",";
            x.append(sep).append(num(xv));
            y.append(sep).append(num(yv));
            if (errors) {
                IntervalXYDataset iv = (IntervalXYDataset) ds;
                plus.append(sep).append(num(iv.getEndYValue(s, i) - yv));
                minus.append(sep).append(num(yv - iv.getStartYValue(s, i)));
            }
        }
        boolean lines = true;
        boolean markers = false;
        if (r instanceof XYLineAndShapeRenderer lr) {
            lines = lr.getItemLineVisible(s, 0);
            markers = lr.getItemShapeVisible(s, 0);
        }
        String col = color(r.getItemPaint(s, 0));
        sb.append("{\"type\":\"scatter\",\"name\":").append(str(String.valueOf(ds.getSeriesKey(s))))
                .append(",\"x\":").append(x).append("],\"y\":").append(y).append(']')
                .append(",\"mode\":\"").append(lines && markers ? "lines+markers" : lines ? "lines" : "markers").append('"')
                .append(",\"showlegend\":").append(r.isSeriesVisibleInLegend(s))
                .append(",\"marker\":{\"color\":\"").append(col).append("\",\"size\":5}")
                .append(",\"line\":{\"color\":\"").append(col).append("\",\"width\":").append(width(r.getItemStroke(s, 0)))
                .append(dashed(r.getItemStroke(s, 0)) ? ",\"dash\":\"dash\"" : "").append('}');
        String group = group(String.valueOf(ds.getSeriesKey(s)), r.isSeriesVisibleInLegend(s), shown);
        if (group != null) {
            sb.append(",\"legendgroup\":").append(str(group));
        }
        if (errors) {
            sb.append(",\"error_y\":{\"type\":\"data\",\"symmetric\":false,\"array\":").append(plus)
                    .append("],\"arrayminus\":").append(minus).append("],\"thickness\":1,\"width\":0,\"color\":\"").append(col)
                    .append("\"}");
        }
        sb.append('}');
    }

    private static String axis(ValueAxis axis) {
        boolean log = axis instanceof LogAxis;
        String label = axis.getAttributedLabel() != null ? Markup.of(axis.getAttributedLabel())
                : axis.getLabel() == null ? "" : axis.getLabel();
        double lo = axis.getLowerBound();
        double hi = axis.getUpperBound();
        StringBuilder sb = new StringBuilder("{\"title\":{\"text\":").append(str(label)).append("},\"type\":\"")
                .append(log ? "log" : "linear").append("\",\"showline\":true,\"mirror\":true,\"ticks\":\"outside\","
                        + "\"linecolor\":\"#444\",\"gridcolor\":\"#e5e5e5\",\"zeroline\":false");
        if (log) {
            // the PNG's ticks (Ticks.log): plotly's own "D1" ticks label 0.2 ... 0.9 as bare digits 2 ... 9
            java.util.List<Ticks.Tick> ticks = axis instanceof Plots.DecadeAxis d ? d.ticks() : Ticks.log(lo, hi);
            sb.append(",\"tickmode\":\"array\",\"tickvals\":[");
            for (int i = 0; i < ticks.size(); i++) {
                sb.append(i > 0 ? "," : "").append(num(ticks.get(i).value()));
            }
            sb.append("],\"ticktext\":[");
            for (int i = 0; i < ticks.size(); i++) {
                String text = ticks.get(i).label();
                sb.append(i > 0 ? "," : "").append(str(text == null ? "" : text));
            }
            sb.append(']');
        }
        if (Double.isFinite(lo) && Double.isFinite(hi) && hi > lo && (!log || lo > 0)) {
            sb.append(",\"range\":[").append(num(log ? Math.log10(lo) : lo)).append(',').append(num(log ? Math.log10(hi) : hi))
                    .append(']');
        }
        return sb.append('}').toString();
    }

    private static String shape(Marker m, Layer layer) {
        String col = color(m.getPaint());
        String below = layer == Layer.BACKGROUND ? "below" : "above";
        if (m instanceof IntervalMarker im) {
            return "{\"type\":\"rect\",\"xref\":\"x\",\"yref\":\"paper\",\"x0\":" + num(im.getStartValue()) + ",\"x1\":"
                    + num(im.getEndValue()) + ",\"y0\":0,\"y1\":1,\"fillcolor\":\"" + col + "\",\"opacity\":"
                    + num(m.getAlpha()) + ",\"line\":{\"width\":0},\"layer\":\"" + below + "\"}";
        }
        double v = ((ValueMarker) m).getValue();
        return "{\"type\":\"line\",\"xref\":\"x\",\"yref\":\"paper\",\"x0\":" + num(v) + ",\"x1\":" + num(v)
                + ",\"y0\":0,\"y1\":1,\"line\":{\"color\":\"" + col + "\",\"width\":1,\"dash\":\"dot\"},\"layer\":\"" + below + "\"}";
    }

    private static String color(Paint p) {
        Color c = p instanceof Color col ? col : Color.GRAY;
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String width(Stroke s) {
        return s instanceof BasicStroke b ? num(b.getLineWidth()) : "1.5";
    }

    private static boolean dashed(Stroke s) {
        return s instanceof BasicStroke b && b.getDashArray() != null;
    }

    static String num(double v) {
        return Json.number(v);
    }

    /** A JSON string, also safe inside an HTML script element (no "<", ">" or "&" as such). */
    static String str(String s) {
        return Json.quote(s).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
