package org.khgps.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.jfree.chart.JFreeChart;
import org.khgps.core.FiniteSize;
import org.khgps.core.LinearFit;
import org.khgps.core.StudyAnalysis;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;
import org.khgps.io.BadInputException;
import org.khgps.io.DosFile;
import org.khgps.io.FitFile;
import org.khgps.io.H5;
import org.khgps.io.Provenance;
import org.khgps.io.TheoryFile;

/**
 * The study report: summary.csv and a self-contained report.html with interactive plots
 * (plotly.js inlined), and each plot as PNG and SVG.
 */
final class ReportCommand implements Command {

    static final String SUMMARY_HEADER = "point_id,N,h,J,kappa0,realizations,converged,A_g,A_g_err,exponent,"
            + "exponent_err,x2,x2_err,negative_modes,omega_fit_min,omega_fit_max,modes_in_window,mean_inverse_lambda,"
            + "mean_inverse_lambda_err,omega_x,omega_x_err,regime,window_ok,omega_max_physics,exponent_omega_max,exponent_modes,"
            + "exponent_consistent_with_4,omega_x_family,omega_x_family_err,chi,x2_rs,chi_rs,A_g_rs,A_g_rs_dressed,"
            + "status,reason";

    /** A point that failed in the pipeline (--failed): its parameters and why; its numbers are nan in summary.csv. */
    record FailedPoint(String id, int n, double h, double j, double kappa0, long realizations, String reason) {

        /** The TSV the pipeline writes (KhgpsPipeline.failedTsv): point_id, N, h, J, kappa0, realizations, reason. */
        static List<FailedPoint> read(Path file) throws IOException, BadInputException {
            List<String> lines = Args.text(file, "--failed").lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals("point_id\tN\th\tJ\tkappa0\trealizations\treason")) {
                throw new BadInputException("--failed: " + file + " lacks the header point_id, N, h, J, kappa0, realizations, "
                        + "reason (tab-separated)");
            }
            List<FailedPoint> out = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] c = lines.get(i).split("\t", -1);
                try {
                    out.add(new FailedPoint(c[0], Integer.parseInt(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                            Double.parseDouble(c[4]), Long.parseLong(c[5]), c[6]));
                } catch (RuntimeException e) {
                    throw new BadInputException("--failed: " + file + " line " + (i + 1) + " is not a failed point: " + lines.get(i));
                }
            }
            return out;
        }
    }

    /** One point's dos and fit, and its RS theory ({@code null} when no theory file was given for it). */
    record Point(PointDos dos, PointFit fit, PointTheory theory) {
    }

    /** A plot and its size in pixels in the PNG (and the SVG). */
    record Figure(JFreeChart chart, int width, int height) {
        Figure(JFreeChart chart) {
            this(chart, 900, 600);
        }
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "--out report.html --summary summary.csv [options] DOS.h5... FIT.h5... [THEORY.h5...]";
    }

    @Override
    public String description() {
        return "Write the study's summary.csv (one row per point) and report.html (self-contained: plots embedded, "
                + "works offline) from the dos and fit files of its points, with the RS theory beside them where "
                + "theory files are given.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("out", "file", "report HTML to write"))
                .addOption(Args.required("summary", "file", "summary CSV to write"))
                .addOption(Args.optional("plots", "dir", "also write each plot as PNG and SVG into this directory"))
                .addOption(Args.optional("params", "file", "the run's parameters as JSON, shown in the provenance"))
                .addOption(Args.optional("title", "text", "report title (default 'KHGPS study')"))
                .addOption(Args.optional("analysis", "file", "also write the cross-point analysis as JSON here"))
                .addOption(Args.optional("failed", "file", "the points that failed in the pipeline (TSV: point_id, N, h, J, "
                        + "kappa0, realizations, reason): summary.csv rows with status failed, a section of the report"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        List<Path> inputs = line.getArgList().stream().map(Path::of).toList();
        Path out = Args.output(line, "out", inputs);
        Path summary = Args.output(line, "summary", java.util.stream.Stream.concat(inputs.stream(), java.util.stream.Stream.of(out)).toList());
        Path plots = line.hasOption("plots") ? Path.of(line.getOptionValue("plots")) : null;
        Map<String, PointDos> dos = new TreeMap<>();
        Map<String, PointFit> fits = new TreeMap<>();
        Map<String, PointTheory> theories = new TreeMap<>();
        for (Path p : inputs) {
            String kind = H5.kind(p);
            if (kind.equals(DosFile.KIND)) {
                PointDos d = DosFile.read(p);
                if (dos.put(d.point().id(), d) != null) {
                    throw new BadInputException("two dos files for point " + d.point().id());
                }
            } else if (kind.equals(FitFile.KIND)) {
                PointFit f = FitFile.read(p);
                if (fits.put(f.point().id(), f) != null) {
                    throw new BadInputException("two fit files for point " + f.point().id());
                }
            } else if (kind.equals(TheoryFile.KIND)) {
                PointTheory t = TheoryFile.read(p);
                if (theories.put(t.point().id(), t) != null) {
                    throw new BadInputException("two theory files for point " + t.point().id());
                }
            } else {
                throw new BadInputException("input file " + p + " is a " + kind + " file, expected dos, fit or theory files");
            }
        }
        List<FailedPoint> failed = line.hasOption("failed") ? FailedPoint.read(Path.of(line.getOptionValue("failed"))) : List.of();
        for (FailedPoint f : failed) {
            if (dos.containsKey(f.id())) {
                throw new BadInputException("point " + f.id() + " is given as failed and has a dos file");
            }
        }
        if (dos.isEmpty() && !failed.isEmpty()) {
            // every point failed: the summary and a report that say why, nothing to plot or analyse
            writeAtomically(summary, summaryCsv(List.of(), null, failed));
            if (line.hasOption("analysis")) {
                writeAtomically(Args.output(line, "analysis"), "{\"points\": [], \"failed_points\": " + failed.size() + "}\n");
            }
            if (plots != null) {
                Files.createDirectories(plots);
            }
            writeAtomically(out, Html.failedOnly(line.getOptionValue("title", "KHGPS study"), failed));
            System.err.printf("report: all %d points failed -> %s, %s%n", failed.size(), out, summary);
            return;
        }
        if (dos.isEmpty()) {
            throw new BadInputException("no dos files given");
        }
        if (!dos.keySet().equals(fits.keySet())) {
            throw new BadInputException("dos files are for points " + dos.keySet() + " but fit files for " + fits.keySet());
        }
        if (!dos.keySet().containsAll(theories.keySet())) {
            throw new BadInputException("theory files for points without a dos file: " + theories.keySet());
        }
        List<Point> points = new ArrayList<>();
        dos.forEach((id, d) -> points.add(new Point(d, fits.get(id), theories.get(id))));
        points.sort(Comparator.comparingInt((Point p) -> p.dos().point().N()).thenComparingDouble(p -> p.dos().point().h())
                .thenComparingDouble(p -> p.dos().point().kappa0()).thenComparingDouble(p -> p.dos().point().J()));

        StudyAnalysis.Result analysis = StudyAnalysis.analyze(points.stream().map(p -> new StudyAnalysis.PointInput(
                p.dos().point(), p.fit().fit().aG(), p.fit().consistent() ? p.fit().aGErr() : Double.NaN, p.dos().x2(), p.dos().x2Err(),
                p.dos().partial().kappa(), p.dos().partial().x2(), p.dos().partial().x2Err())).toList());
        analysis.warnings().forEach(w -> System.err.println("report: " + w));
        List<FiniteSize.Group> sizes = finiteSize(points, analysis);
        String plotly = PlotlyAsset.script(); // its checksum is checked before anything is written
        writeAtomically(summary, summaryCsv(points, analysis, failed));
        if (line.hasOption("analysis")) {
            writeAtomically(Args.output(line, "analysis", inputs), AnalysisJson.of(analysis, sizes));
        }
        Map<String, Figure> images = figures(points, analysis, sizes, !theories.isEmpty());
        if (plots != null) {
            Files.createDirectories(plots);
            for (Map.Entry<String, Figure> e : images.entrySet()) {
                Figure f = e.getValue();
                write(plots, e.getKey() + ".png", Plots.png(f.chart(), f.width(), f.height()));
                write(plots, e.getKey() + ".svg", Plots.svg(f.chart(), f.width(), f.height()));
            }
        }
        String params = line.hasOption("params") ? Args.text(Path.of(line.getOptionValue("params")), "--params") : null;
        String html = Html.report(line.getOptionValue("title", "KHGPS study"), points, analysis, sizes, images, params,
                invocation.provenance(inputs), plotly, failed);
        writeAtomically(out, html);
        System.err.printf("report: %d points -> %s, %s%n", points.size(), out, summary);
    }

    /** The finite-size quantities, in the order of analysis.json and the report's table. */
    static final List<String> FINITE_SIZE_QUANTITIES = List.of("exponent", "A_g", "x2", "omega_x", "omega_x_family");

    /**
     * Points differing only in N: the exponent over the physics window, A_g, &lt;x^2&gt; and both
     * omega_x against 1/N ({@link FiniteSize}); empty when no two points differ only in N.
     */
    static List<FiniteSize.Group> finiteSize(List<Point> points, StudyAnalysis.Result analysis) {
        List<FiniteSize.Input> inputs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            StudyAnalysis.PointResult a = analysis.points().get(i);
            inputs.add(new FiniteSize.Input(p.dos().point(), Map.of(
                    // the exponent's error as in summary.csv (exponent_err)
                    "exponent", new double[] {p.fit().fit().exponent(), p.fit().exponentErr()},
                    "A_g", new double[] {p.fit().fit().aG(), p.fit().aGErr()},
                    "x2", new double[] {p.dos().x2(), p.dos().x2Err()},
                    "omega_x", new double[] {a.omegaX().omegaX(), a.omegaX().omegaXErr()},
                    "omega_x_family", new double[] {a.omegaXFamily(), a.omegaXFamilyErr()})));
        }
        return FiniteSize.analyze(inputs, FINITE_SIZE_QUANTITIES);
    }

    /** The report's plots by file name (without extension), only those the data support. */
    static Map<String, Figure> figures(List<Point> points, StudyAnalysis.Result analysis, List<FiniteSize.Group> sizes,
                                       boolean theories) {
        Map<String, Figure> images = new TreeMap<>();
        images.put("dos_all", new Figure(Plots.dosAll(points)));
        for (Point p : points) {
            images.put("dos_" + p.dos().point().id(), new Figure(Plots.dosOne(p), 640, 440));
        }
        images.put("hill_vs_omega", new Figure(Plots.tailCurves(points, false, Plots.TailAxis.OMEGA)));
        images.put("hill_vs_k", new Figure(Plots.tailCurves(points, false, Plots.TailAxis.K)));
        images.put("compensated", new Figure(Plots.tailCurves(points, true, Plots.TailAxis.OMEGA)));
        images.put("partial_x2", new Figure(Plots.partialAverages(points)));
        images.put("collapse", new Figure(Plots.collapse(points, analysis)));
        images.put("weak_test", new Figure(Plots.weakTest(points, analysis)));
        images.put("x2_vs_J", new Figure(Plots.x2VsJ(points, analysis)));
        images.put("omega_x_vs_J", new Figure(Plots.omegaXVsJ(analysis)));
        images.put("A_g_vs_J", new Figure(Plots.aGVsJ(points, analysis, false)));
        // A_g against J / J_x only where a family's A_g has an interior maximum J_x
        JFreeChart overJx = Plots.aGVsJ(points, analysis, true);
        if (overJx != null) {
            images.put("A_g_vs_J_over_Jx", new Figure(overJx));
        }
        // the Eq. (4) plot needs a family with points beyond its J_x: else there is no test to show
        if (analysis.families().stream().anyMatch(f -> f.eq4Family() != null || f.eq4Master() != null)) {
            images.put("eq4", new Figure(Plots.eq4(points, analysis)));
        }
        // points differing only in N: each quantity against 1000 / N, and the Hill curves of each
        // group against the fraction of pooled modes (equal fractions hold equal numbers of modes)
        if (!sizes.isEmpty()) {
            // name, quantity, title, y label; all but the exponent relative to the largest N with a value
            String[][] trends = {
                {"finite_size_exponent", "exponent", "Exponent of the tail fit against 1000 / N (dashed: the line to N → ∞)",
                    "exponent"},
                {"finite_size_A_g", "A_g", "A_g against 1000 / N, relative to its value at the largest N that has one",
                    "A<sub>g</sub> / A<sub>g</sub>(largest N with a value)"},
                {"finite_size_x2", "x2", "⟨x²⟩ against 1000 / N, relative to its value at the largest N that has one",
                    "⟨x<sup>2</sup>⟩ / ⟨x<sup>2</sup>⟩(largest N with a value)"},
                {"finite_size_omega_x", "omega_x", "ω_x (onto G) against 1000 / N, relative to its value at the largest N "
                    + "that has one", "ω<sub>x</sub> / ω<sub>x</sub>(largest N with a value)"}};
            for (String[] t : trends) {
                images.put(t[0], new Figure(Plots.finiteSize(sizes, FINITE_SIZE_QUANTITIES.indexOf(t[1]), t[2], t[3],
                        !t[1].equals("exponent"))));
            }
            for (int g = 0; g < sizes.size(); g++) {
                var group = sizes.get(g);
                List<Point> members = points.stream().filter(p -> group.points().contains(p.dos().point())).toList();
                // short: it is drawn half-width in the page's grid; the group's h, J, kappa0 are the
                // chart's subtitle ("all points: ...") and the caption says the rest
                images.put("finite_size_hill_" + (g + 1), new Figure(Plots.tailCurves(members, false, Plots.TailAxis.FRACTION,
                        "Hill exponent against k/M, by N")));
            }
        }
        var participation = Plots.participation(points);
        if (participation != null) {
            images.put("participation_ratio", new Figure(participation));
        }
        if (theories) {
            images.put("rs_x2_vs_J", new Figure(Plots.rsVsJ(points, "⟨x<sup>2</sup>⟩", Rs.X2)));
            images.put("rs_chi_vs_J", new Figure(Plots.rsVsJ(points, "χ = ⟨1/λ⟩", Rs.CHI)));
            images.put("rs_A_g_vs_J", new Figure(Plots.rsVsJ(points, "A<sub>g</sub>", Rs.A_G)));
            images.put("rs_weak_test", new Figure(Plots.rsWeakTest(points)));
        }
        return images;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String summaryCsv(List<Point> points, StudyAnalysis.Result analysis, List<FailedPoint> failed) {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            StudyAnalysis.PointResult a = analysis.points().get(i);
            var d = p.dos();
            var f = p.fit();
            var pt = d.point();
            sb.append(String.join(",", pt.id(), Integer.toString(pt.N()), num(pt.h()), num(pt.J()), num(pt.kappa0()),
                    Integer.toString(d.realizations()), Integer.toString(d.converged()), num(f.fit().aG()),
                    num(f.aGErr()), num(f.fit().exponent()), num(f.exponentErr()), num(d.x2()),
                    num(d.x2Err()), Long.toString(d.negativeModes()), num(f.fit().omegaLow()), num(f.fit().omegaHigh()),
                    Integer.toString(f.fit().modesInWindow()), num(d.meanInverseLambda()),
                    num(d.meanInverseLambdaErr()), num(a.omegaX().omegaX()), num(a.omegaX().omegaXErr()), a.regime(),
                    f.consistent() ? "1" : "0", num(f.tail().omegaMaxPhysics()), num(f.tail().exponentOmegaMax()),
                    Integer.toString(f.tail().exponentModes()), f.tail().consistentWith4() ? "1" : "0",
                    num(a.omegaXFamily()), num(a.omegaXFamilyErr()),
                    num(d.meanInverseLambda()), rs(p, Rs.X2), rs(p, Rs.CHI), rs(p, Rs.A_G), rs(p, Rs.A_G_DRESSED), "ok", ""))
                    .append('\n');
        }
        // failed points last: their parameters, nan for every number they never got, and why
        int unknown = SUMMARY_HEADER.split(",").length - 8;
        for (FailedPoint f : failed) {
            sb.append(String.join(",", f.id(), Integer.toString(f.n()), num(f.h()), num(f.j()), num(f.kappa0()),
                    Long.toString(f.realizations()))).append(",nan".repeat(unknown)).append(",failed,")
                    .append(csvText(f.reason())).append('\n');
        }
        return sb.toString();
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvText(String text) {
        return text.matches("(?s).*[,\"\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** The RS numbers a point is compared on, with the simulation's counterpart. */
    enum Rs {
        X2, CHI, A_G, A_G_DRESSED;

        double theory(PointTheory t) {
            return switch (this) {
                case X2 -> t.solution().q();
                case CHI -> t.solution().chi();
                case A_G -> t.solution().aG();
                case A_G_DRESSED -> t.solution().aGDressed();
            };
        }

        double simulation(Point p) {
            return switch (this) {
                case X2 -> p.dos().x2();
                case CHI -> p.dos().meanInverseLambda();
                case A_G, A_G_DRESSED -> p.fit().fit().aG();
            };
        }
    }

    private static String rs(Point p, Rs quantity) {
        return p.theory() == null ? "nan" : num(quantity.theory(p.theory()));
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "nan";
    }

    static void writeAtomically(Path target, String text) throws IOException {
        H5.writeTextAtomically(target, text);
    }

    /** The report page. */
    static final class Html {
        private Html() {
        }

        /** The page when every point failed: the reasons, nothing to plot. */
        static String failedOnly(String title, List<FailedPoint> failed) {
            StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(esc(title)).append("</title></head><body>\n<h1>").append(esc(title)).append("</h1>\n")
                    .append("<p>All ").append(failed.size()).append(" study points failed: no results to show.</p>\n");
            failedSection(sb, failed);
            return sb.append("</body></html>\n").toString();
        }

        /** The failed points and why (nothing when none failed). */
        static void failedSection(StringBuilder sb, List<FailedPoint> failed) {
            if (failed.isEmpty()) {
                return;
            }
            sb.append("<h2 id=\"failed-points\">Failed points</h2>\n<p>").append(failed.size()).append(failed.size() == 1
                    ? " point" : " points").append(" failed and ").append(failed.size() == 1 ? "is" : "are")
                    .append(" in no plot or table below; summary.csv has ").append(failed.size() == 1 ? "its row" : "their rows")
                    .append(" with status failed and the reason (--failed_points fail stops the run instead).</p>\n")
                    .append("<table><tr><th>point_id</th><th>N</th><th>h</th><th>J</th><th>&kappa;<sub>0</sub></th>"
                            + "<th>realizations</th><th>reason</th></tr>\n");
            for (FailedPoint f : failed) {
                sb.append("<tr><td>").append(esc(f.id())).append("</td><td>").append(f.n()).append("</td><td>").append(fmt(f.h()))
                        .append("</td><td>").append(fmt(f.j())).append("</td><td>").append(fmt(f.kappa0())).append("</td><td>")
                        .append(f.realizations()).append("</td><td style=\"text-align:left\">").append(esc(f.reason()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }

        static String report(String title, List<Point> points, StudyAnalysis.Result analysis, List<FiniteSize.Group> sizes,
                             Map<String, Figure> images, String params, Provenance prov, String plotly,
                             List<FailedPoint> failed) {
            StringBuilder sb = new StringBuilder();
            sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                    .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                            + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #bbb;padding:3px 6px;"
                            + "text-align:right;white-space:nowrap}th{background:#eee}table{display:block;overflow-x:auto;max-width:100%}"
                            + ".note{display:inline-block;white-space:normal;min-width:22em;text-align:left}"
                            + "pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap;"
                            + "overflow-wrap:anywhere}.grid{display:flex;flex-wrap:wrap;gap:8px}"
                            + ".grid figure{margin:0;width:540px}figure{margin:1em 0}.plot{width:100%;height:560px}"
                            + ".grid .plot{height:520px}figcaption{font-size:13px;color:#444}"
                            + "table.prov{display:table;table-layout:fixed;width:100%}table.prov th{width:12em}"
                            + "table.prov td{white-space:normal;overflow-wrap:anywhere;word-break:break-word}"
                            + ".long{max-height:14em;overflow:auto;font-family:monospace;font-size:12px}</style></head><body>\n");
            sb.append("<h1>").append(esc(title)).append("</h1>\n");
            sb.append("<p>KHGPS mean-field model (Rainone, Urbani, Zamponi, Lerner, Bouchbinder, SciPost Phys. Core 4, 008, 2021): ")
                    .append(points.size()).append(" study points")
                    .append(failed.isEmpty() ? "" : " (and " + failed.size() + " that failed: <a href=\"#failed-points\">Failed points</a>)")
                    .append(". D(&omega;) is normalized per mode; A<sub>g</sub> from the "
                            + "cumulative count of the lowest modes, N(&omega;) = A<sub>g</sub>&omega;<sup>5</sup>/5; the exponent "
                            + "from the Hill estimator on the same window (expected &asymp; 4).</p>\n");
            failedSection(sb, failed);
            sb.append("<h2>Study points</h2>\n<table><tr><th>point_id</th><th>N</th><th>h</th><th>J</th><th>&kappa;<sub>0</sub></th>"
                    + "<th>realizations</th><th>converged</th><th>negative modes</th><th>A<sub>g</sub></th><th>exponent</th>"
                    + "<th>A<sub>g</sub> window &omega;</th><th>exponent window &omega;</th><th>exponent consistent with 4</th>"
                    + "<th>&lt;x&sup2;&gt;</th><th>&lt;1/&lambda;&gt;</th></tr>\n");
            for (Point p : points) {
                var d = p.dos();
                var f = p.fit().fit();
                sb.append("<tr><td>").append(d.point().id()).append("</td><td>").append(d.point().N()).append("</td><td>")
                        .append(fmt(d.point().h())).append("</td><td>").append(fmt(d.point().J())).append("</td><td>")
                        .append(fmt(d.point().kappa0())).append("</td><td>").append(d.realizations()).append("</td><td>")
                        .append(d.converged()).append("</td><td>").append(d.negativeModes()).append("</td><td>")
                        .append(pm(f.aG(), p.fit().aGErr())).append("</td><td>").append(pm(f.exponent(), p.fit().exponentErr()))
                        .append("</td><td>").append(fmt(f.omegaLow())).append(" &ndash; ").append(fmt(f.omegaHigh()))
                        .append(" (").append(f.modesInWindow()).append(" modes)</td><td>")
                        .append(p.fit().consistent() ? "&le; " + fmt(p.fit().tail().exponentOmegaMax()) + " ("
                                + p.fit().tail().exponentModes() + " modes)" : note(p.fit().tail().status()))
                        .append("</td><td>").append(p.fit().consistent() ? (p.fit().tail().consistentWith4() ? "yes" : "no") : "n/a")
                        .append("</td><td>").append(pm(d.x2(), d.x2Err()))
                        .append("</td><td>").append(pm(d.meanInverseLambda(), d.meanInverseLambdaErr())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
            sb.append("<p>The plots are interactive: drag to zoom, double-click to reset, hover for values, click a legend "
                    + "entry to hide or show its series. Each is also in <code>plots/</code> as PNG and SVG.</p>\n");
            sb.append("<h2>Density of states (cf. Fig. 2 of the paper)</h2>\n").append(plot(images, "dos_all",
                    "D(&omega;) of all points, log-log, with error bars (&plusmn;1&sigma;, from dos_err) and, dashed over "
                            + "each point's fit window only, the fitted A<sub>g</sub>&omega;<sup>4</sup>."));
            sb.append("<div class=\"grid\">\n");
            for (Point p : points) {
                String name = "dos_" + p.dos().point().id();
                sb.append(plot(images, name, esc(Plots.label(p)) + " (point " + p.dos().point().id() + "): the fit window "
                        + "shaded"));
            }
            sb.append("</div>\n<h2>The low-frequency tail: Hill exponent and compensated count</h2>\n")
                    .append("<p>The automatic windows (docs/analysis.md): only modes below a physics bound "
                            + "&omega;<sub>max</sub> = &omega;<sub>x</sub>/2 (&omega;<sub>x</sub> of the point from its own partial "
                            + "average), and below the J = 0 gap edge (3h/2)<sup>1/3</sup> in the weak regime. The exponent is "
                            + "the Hill estimator over every mode below the bound (a window chosen without reference to 4); "
                            + "&ldquo;consistent with 4&rdquo; means |exponent &minus; 4| &le; 2&sigma;, &sigma; the larger of the "
                            + "bootstrap and the Poisson error. A<sub>g</sub> is the plateau of 5N(&omega;)/&omega;<sup>5</sup> "
                            + "below the bound. The curves run over all stored modes, also past the bound.</p>\n")
                    .append(plot(images, "hill_vs_omega", "Hill exponent against the window edge &omega;<sub>c</sub>."))
                    .append(plot(images, "hill_vs_k", "Hill exponent against the number k of modes in the window."))
                    .append(plot(images, "compensated", "Compensated cumulative count 5N(&omega;)/&omega;<sup>5</sup>: "
                            + "flat at A<sub>g</sub> where D(&omega;) = A<sub>g</sub>&omega;<sup>4</sup>."));
            sb.append("<table><tr><th>point_id</th><th>J</th><th>&omega;<sub>x</sub> (point)</th><th>gap edge</th>"
                    + "<th>&omega;<sub>max</sub></th><th>modes below</th><th>A<sub>g</sub> (plateau)</th><th>exponent</th>"
                    + "<th>status</th></tr>\n");
            for (Point p : points) {
                var t = p.fit().tail();
                sb.append("<tr><td>").append(p.dos().point().id()).append("</td><td>").append(fmt(p.dos().point().J()))
                        .append("</td><td>").append(fmt(t.omegaXPoint())).append("</td><td>").append(fmt(t.gapEdge()))
                        .append("</td><td>").append(fmt(t.omegaMaxPhysics())).append("</td><td>").append(t.modesBelowBound())
                        .append("</td><td>").append(pm(p.fit().fit().aG(), p.fit().aGErr())).append("</td><td>")
                        .append(pm(p.fit().fit().exponent(), p.fit().exponentErr())).append("</td><td>").append(note(t.status()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
            sb.append("<h2>Partial average &lt;x&sup2;&gt;(&kappa;) and its collapse (cf. Figs. 3, 5a)</h2>\n")
                    .append(plot(images, "partial_x2", "Partial averages &lt;x&sup2;&gt;(&kappa;)."))
                    .append("<p>&omega;<sub>x</sub> of each point is the frequency that puts &kappa;<sub>0</sub>&lt;x&sup2;&gt;(&kappa;)/&omega;<sub>x</sub><sup>4</sup> "
                            + "against &kappa;/&omega;<sub>x</sub><sup>2</sup> on the exact J = 0 master curve G (black), so &omega;<sub>x</sub> = h<sup>1/3</sup> "
                            + "exactly without interactions (docs/analysis.md).</p>\n")
                    .append(plot(images, "collapse", "Collapse of the partial averages onto the master curve G."))
                    .append(plot(images, "omega_x_vs_J", "&omega;<sub>x</sub>/h<sup>1/3</sup> against J, with its error."));
            sb.append("<table><tr><th>point_id</th><th>N</th><th>h</th><th>J</th><th>&kappa;<sub>0</sub></th><th>&omega;<sub>x</sub></th>"
                    + "<th>&omega;<sub>x</sub>/h<sup>1/3</sup></th><th>rms log deviation from G</th><th>&omega;<sub>x</sub> (family collapse)</th>"
                    + "<th>regime</th></tr>\n");
            for (StudyAnalysis.PointResult a : analysis.points()) {
                sb.append("<tr><td>").append(a.point().id()).append("</td><td>").append(a.point().N()).append("</td><td>")
                        .append(fmt(a.point().h())).append("</td><td>").append(fmt(a.point().J())).append("</td><td>")
                        .append(fmt(a.point().kappa0())).append("</td><td>").append(pm(a.omegaX().omegaX(), a.omegaX().omegaXErr()))
                        .append("</td><td>").append(fmt(a.omegaXOverH13())).append("</td><td>").append(fmt(a.omegaX().rmsLogDeviation()))
                        .append("</td><td>").append(pm(a.omegaXFamily(), a.omegaXFamilyErr()))
                        .append("</td><td>").append(a.regime()).append("</td></tr>\n");
            }
            sb.append("</table>\n");
            sb.append("<h2>Weak interactions: ln(&kappa;<sub>0</sub><sup>1/2</sup> h<sup>2/3</sup> J A<sub>g</sub>) against &kappa;<sub>0</sub>h<sup>2/3</sup>/J&sup2; (cf. Fig. 4)</h2>\n")
                    .append(plot(images, "weak_test", "The weak-interaction test of Eq. (3)."));
            LinearFit w = analysis.weakTest();
            sb.append(w == null ? "<p>Fewer than two weak-regime points: no line.</p>\n"
                    : "<p>Linear fit over " + analysis.weakPoints() + " weak-regime points: slope " + pm(w.slope(), w.slopeErr())
                    + ", intercept " + pm(w.intercept(), w.interceptErr()) + ", &chi;&sup2;/dof " + fmt(w.chi2PerDof()) + ".</p>\n");
            sb.append("<h2>&lt;x&sup2;&gt; and A<sub>g</sub> against J (cf. Figs. 5b, 6)</h2>\n")
                    .append(plot(images, "x2_vs_J", "&lt;x&sup2;&gt; against J, with its error."))
                    .append(plot(images, "A_g_vs_J", "A<sub>g</sub> against J, with its error."))
                    .append(images.containsKey("A_g_vs_J_over_Jx") ? plot(images, "A_g_vs_J_over_Jx",
                            "A<sub>g</sub> against J/J<sub>x</sub>, for the families whose A<sub>g</sub> has an interior maximum J<sub>x</sub>.")
                            : "<p>No plot of A<sub>g</sub> against J/J<sub>x</sub>: no family's A<sub>g</sub> has an interior "
                            + "maximum, so there is no J<sub>x</sub> to scale by (the table below).</p>\n")
                    .append("<p>Eq. (4) of the paper, A<sub>g</sub> ~ 1/(&kappa;<sub>0</sub>&omega;<sub>x</sub><sup>3</sup>) for J &gt; J<sub>x</sub>: "
                            + "&kappa;<sub>0</sub>&omega;<sub>x</sub><sup>3</sup>A<sub>g</sub> against J is flat if it holds; the slope of its "
                            + "logarithm against ln J over the intermediate points, with &omega;<sub>x</sub> from the family's collapse onto "
                            + "itself (the paper's way) and from the collapse onto G, is in the table (consistent with 0: |slope| &le; 2&sigma;, "
                            + "&sigma; scaled up by &radic;(&chi;&sup2;/dof) when that exceeds 1).</p>\n")
                    .append(images.containsKey("eq4") ? plot(images, "eq4", "&kappa;<sub>0</sub>&omega;<sub>x</sub><sup>3</sup>A<sub>g</sub> against J.")
                            : "<p>No plot: no family has two intermediate points with A<sub>g</sub>.</p>\n");
            sb.append("<table><tr><th>family (N, h, &kappa;<sub>0</sub>)</th><th>points</th><th>J<sub>x</sub> (max of A<sub>g</sub>)</th>"
                    + "<th>&omega;<sub>x</sub> ~ J<sup>a</sup>, a (J &gt; J<sub>x</sub>; onto G)</th><th>a (family collapse)</th>"
                    + "<th>A<sub>g</sub> ~ J<sup>b</sup>, b (J &gt; J<sub>x</sub>)</th>"
                    + "<th>Eq. (4): slope of ln(&kappa;<sub>0</sub>&omega;<sub>x</sub><sup>3</sup>A<sub>g</sub>) vs ln J (family &omega;<sub>x</sub>)</th>"
                    + "<th>the same, &omega;<sub>x</sub> onto G</th></tr>\n");
            for (StudyAnalysis.Family f : analysis.families()) {
                sb.append("<tr><td>").append(f.N()).append(", ").append(fmt(f.h())).append(", ").append(fmt(f.kappa0()))
                        .append("</td><td>").append(f.points().size()).append("</td><td>")
                        .append(f.interiorMaximum() ? fmt(f.jX()) : "no interior maximum (largest A_g at J = " + fmt(f.jX()) + ")")
                        .append("</td><td>").append(f.omegaXPowerLaw() == null ? "n/a" : pm(f.omegaXPowerLaw().slope(), f.omegaXPowerLaw().slopeErr()))
                        .append("</td><td>").append(f.omegaXFamilyPowerLaw() == null ? "n/a"
                                : pm(f.omegaXFamilyPowerLaw().slope(), f.omegaXFamilyPowerLaw().slopeErr()))
                        .append("</td><td>").append(f.aGPowerLaw() == null ? "n/a" : pm(f.aGPowerLaw().slope(), f.aGPowerLaw().slopeErr()))
                        .append("</td><td>").append(eq4(f.eq4Family())).append("</td><td>").append(eq4(f.eq4Master()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
            finiteSizeSection(sb, sizes, images);
            if (images.containsKey("participation_ratio")) {
                sb.append("<h2>Participation ratio of the lowest modes</h2>\n<p>From the eigenvectors of the lowest modes "
                        + "(--spectrum lowest): (&sum;&psi;<sub>i</sub><sup>4</sup>)<sup>-1</sup>/N of each tail mode below "
                        + "&omega;<sub>complete</sub>, up to " + Plots.MAX_SCATTER + " per point. Quasilocalized modes "
                        + "sit near 1/N, extended ones near 1.</p>\n")
                        .append(plot(images, "participation_ratio", "Participation ratio against &omega;."));
            }
            if (points.stream().anyMatch(p -> p.theory() != null)) {
                rsSection(sb, points, images);
            }
            sb.append("<h2>Provenance</h2>\n<table class=\"prov\">");
            row(sb, "report tool", prov.tool() + " " + prov.toolVersion());
            row(sb, "git commit", prov.gitCommit());
            row(sb, "java", prov.javaVersion());
            row(sb, "linear algebra", prov.linalg());
            row(sb, "created (UTC)", prov.createdUtc());
            row(sb, "host", prov.host());
            for (Point p : points) {
                row(sb, "point " + p.dos().point().id(), p.dos().point().canonicalJson() + " seed " + p.dos().seed()
                        + " realizations " + p.dos().realizationRanges());
            }
            sb.append("<tr><th style=\"text-align:left\">inputs (SHA-256)</th><td style=\"text-align:left\"><div class=\"long\">")
                    .append(esc(prov.inputsJson())).append("</div></td></tr>\n");
            sb.append("</table>\n");
            if (params != null) {
                sb.append("<h3>Run parameters</h3>\n<pre>").append(esc(params)).append("</pre>\n");
            }
            // plotly.js inlined (checked against its recorded SHA-256), then each plot drawn from its JSON
            sb.append("<script>/* plotly.js ").append(PlotlyAsset.VERSION).append(" (MIT), assets/vendor/ */\n").append(plotly)
                    .append("\n</script>\n<script>\ndocument.querySelectorAll('script.plot-data').forEach(function (s) {\n"
                            + "  var fig = JSON.parse(s.textContent);\n"
                            + "  Plotly.newPlot(s.getAttribute('data-plot'), fig.data, fig.layout, {responsive: true, displaylogo: false});\n"
                            + "});\n</script>\n");
            sb.append("</body></html>\n");
            return sb.toString();
        }

        private static String eq4(StudyAnalysis.Eq4 e) {
            if (e == null) {
                return "n/a (fewer than 2 intermediate points with A<sub>g</sub>)";
            }
            return pm(e.fit().slope(), e.slopeErr()) + " over " + e.fit().points() + " points: "
                    + (e.consistentWithZero() ? "consistent with 0 (Eq. (4) holds)" : "not consistent with 0");
        }

        /** The RS theory beside the simulation: where it should hold, the overlays, the ratios per point. */
        private static void rsSection(StringBuilder sb, List<Point> points, Map<String, Figure> images) {
            sb.append("<h2>Replica-symmetric (cavity) theory beside the simulation</h2>\n");
            sb.append("<p>The RS theory (docs/analysis.md) puts each oscillator at the global minimum of its single-site "
                    + "potential in the Gaussian field of the others and solves for q = &lt;x&sup2;&gt; and &chi; = &lt;1/&lambda;&gt; "
                    + "self-consistently; the resolvent gives D(&omega;) (black lines on the per-point plots above). It should "
                    + "hold at weak coupling, where few oscillators sit in double wells (&kappa; &lt; J&sup2;&chi;) and the "
                    + "stability number J&sup2;E[1/s&sup2;] is well below 1: there q and &chi; should agree with the minima "
                    + "within their errors. It should not hold beyond the crossover J<sub>x</sub>, where many oscillators "
                    + "are in double wells: conjugate gradient from x = 0 stops in metastable wells that RS (global minima) "
                    + "does not count, adding soft modes, and J&sup2;E[1/s&sup2;] &ge; 1 marks the RS solution itself as "
                    + "unstable (replica symmetry broken). A<sub>g</sub>(RS) = 4&radic;3 p(J&sup2;&chi;) e<sup>-h&sup2;/(2J&sup2;q)</sup>"
                    + "/&radic;(2&pi;J&sup2;q) counts the bare local soft modes (MODEL.md, the paper's Eq. (3)); the "
                    + "resolvent's D(&omega;)/&omega;<sup>4</sup> tends instead to the dressed A<sub>g</sub>(RS)/(1 &minus; "
                    + "J&sup2;E[1/s&sup2;])<sup>5/2</sup>, the interaction lowering each soft mode's frequency; both are "
                    + "listed. The dressed value is the &omega; &rarr; 0 limit: where J&sup2;E[1/s&sup2;] is close to 1 the "
                    + "resolvent reaches it only far below the simulation's fit window (compare the black curves). Ratios "
                    + "are simulation / theory.</p>\n");
            sb.append(plot(images, "rs_x2_vs_J", "&lt;x&sup2;&gt; against J: simulation and RS theory."))
                    .append(plot(images, "rs_chi_vs_J", "&chi; = &lt;1/&lambda;&gt; against J: simulation and RS theory."))
                    .append(plot(images, "rs_A_g_vs_J", "A<sub>g</sub> against J: simulation and A<sub>g</sub>(RS)."))
                    .append(plot(images, "rs_weak_test", "The Eq. (3) plot with A<sub>g</sub>(RS)."));
            sb.append("<table><tr><th>point_id</th><th>N</th><th>h</th><th>J</th><th>&kappa;<sub>0</sub></th>"
                    + "<th>double wells</th><th>J&sup2;E[1/s&sup2;]</th><th>&lt;x&sup2;&gt; sim</th><th>q RS</th><th>ratio</th>"
                    + "<th>&chi; sim</th><th>&chi; RS</th><th>ratio</th><th>A<sub>g</sub> sim</th><th>A<sub>g</sub>(RS)</th>"
                    + "<th>ratio</th><th>dressed A<sub>g</sub>(RS)</th><th>ratio</th></tr>\n");
            for (Point p : points) {
                if (p.theory() == null) {
                    continue;
                }
                var pt = p.dos().point();
                var t = p.theory().solution();
                sb.append("<tr><td>").append(pt.id()).append("</td><td>").append(pt.N()).append("</td><td>").append(fmt(pt.h()))
                        .append("</td><td>").append(fmt(pt.J())).append("</td><td>").append(fmt(pt.kappa0())).append("</td><td>")
                        .append(fmt(t.doubleWellFraction())).append("</td><td>").append(fmt(t.stability())).append("</td>");
                for (Rs quantity : Rs.values()) {
                    double sim = quantity.simulation(p);
                    double theory = quantity.theory(p.theory());
                    if (quantity == Rs.A_G_DRESSED) {
                        sb.append("<td>").append(fmt(theory)).append("</td><td>").append(fmt(sim / theory)).append("</td>");
                    } else {
                        double err = switch (quantity) {
                            case X2 -> p.dos().x2Err();
                            case CHI -> p.dos().meanInverseLambdaErr();
                            default -> p.fit().aGErr();
                        };
                        sb.append("<td>").append(pm(sim, err)).append("</td><td>").append(fmt(theory)).append("</td><td>")
                                .append(fmt(sim / theory)).append("</td>");
                    }
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }

        private static void row(StringBuilder sb, String key, String value) {
            sb.append("<tr><th style=\"text-align:left\">").append(esc(key)).append("</th><td style=\"text-align:left\">")
                    .append(esc(value)).append("</td></tr>\n");
        }

        /**
         * An interactive plot: a div that plotly.js fills from the JSON beside it, and a caption
         * ({@code captionHtml} is HTML, written by this class).
         */
        private static String plot(Map<String, Figure> images, String name, String captionHtml) {
            Figure f = images.get(name);
            return "<figure><div class=\"plot\" id=\"plot-" + name + "\"></div>\n<script type=\"application/json\" "
                    + "class=\"plot-data\" data-plot=\"plot-" + name + "\">" + PlotlyJson.of(f.chart(), f.width() < 800) + "</script>\n"
                    + "<figcaption>" + captionHtml + " <span style=\"color:#888\">(plots/" + name + ".png, .svg)</span>"
                    + "</figcaption></figure>\n";
        }

        /** Points differing only in N: the plots against 1000 / N, the table of lines, the Hill curves by fraction. */
        private static void finiteSizeSection(StringBuilder sb, List<FiniteSize.Group> sizes, Map<String, Figure> images) {
            if (sizes.isEmpty()) {
                return;
            }
            sb.append("<h2>Finite size: points that differ only in N</h2>\n<p>Each quantity against 1000/N with its "
                    + "error; with three or more N, the weighted straight line in 1000/N, whose value at 0 is the limit "
                    + "N &rarr; &infin; (errors scaled up by &radic;(&chi;&sup2;/dof) when that exceeds 1). A slope many "
                    + "&sigma; from 0 is a finite-size effect; where the line does not fit, its limit is not an "
                    + "extrapolation to trust.</p>\n")
                    .append(plot(images, "finite_size_exponent", "The exponent of each point's tail fit (with the "
                            + "automatic windows: the Hill estimator over every mode below the physics bound, "
                            + "&omega;<sub>x</sub>/2 and, in the weak regime, the gap edge), against 1000/N."))
                    .append(plot(images, "finite_size_A_g", "A<sub>g</sub> against 1000/N, each group divided by its "
                            + "value at the largest N that has one."))
                    .append(plot(images, "finite_size_x2", "&lt;x&sup2;&gt; against 1000/N, relative."))
                    .append(plot(images, "finite_size_omega_x", "&omega;<sub>x</sub> (collapse onto G) against 1000/N, "
                            + "relative."));
            sb.append("<table><tr><th>group</th><th>quantity</th><th>by N</th>"
                    + "<th>limit N &rarr; &infin;</th><th>slope per 1000/N</th><th>slope / &sigma;</th>"
                    + "<th>&chi;&sup2;/dof</th></tr>\n");
            for (FiniteSize.Group g : sizes) {
                for (FiniteSize.Trend t : g.trends()) {
                    List<String> byN = new ArrayList<>();
                    for (int i = 0; i < t.N().length; i++) {
                        byN.add(t.N()[i] + ": " + pm(t.value()[i], t.err()[i]));
                    }
                    var line = t.line();
                    sb.append("<tr><td>").append(esc(Plots.groupLabel(g))).append("</td><td>").append(esc(t.quantity()))
                            .append("</td><td>").append(String.join("<br>", byN))
                            .append("</td><td>").append(line == null ? "n/a (fewer than " + FiniteSize.MIN_SIZES_FOR_LINE
                                    + " N with a value and an error)" : pm(line.intercept(), t.limitErr()))
                            .append("</td><td>").append(line == null ? "n/a" : pm(line.slope(), t.slopeErr()))
                            .append("</td><td>").append(line == null ? "n/a" : String.format(Locale.ROOT, "%.1f", t.slopeSigmas()))
                            .append("</td><td>").append(line == null ? "n/a" : fmt(line.chi2PerDof())).append("</td></tr>\n");
                }
            }
            sb.append("</table>\n<p>The local (Hill) exponent of each group against the fraction k/M of its pooled "
                    + "modes: with the same number M of pooled modes at every N, equal fractions hold equal numbers of "
                    + "modes, so the curves differ only through N.</p>\n<div class=\"grid\">\n");
            for (int g = 0; g < sizes.size(); g++) {
                sb.append(plot(images, "finite_size_hill_" + (g + 1), esc(Plots.groupLabel(sizes.get(g)))
                        + ": Hill exponent against k/M, one curve per N (dashed: 16&ndash;84% bootstrap band)."));
            }
            sb.append("</div>\n");
        }

        /** A sentence in a table cell: wrapped, while the numbers around it are not. */
        private static String note(String text) {
            return "<span class=\"note\">" + esc(text) + "</span>";
        }

        static String fmt(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
        }

        static String pm(double v, double err) {
            return fmt(v) + (Double.isFinite(err) ? " &plusmn; " + String.format(Locale.ROOT, "%.2g", err) : "");
        }

        static String esc(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
