package org.khgps.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.khgps.core.FiniteSize;
import org.khgps.core.LinearFit;
import org.khgps.core.StudyAnalysis;
import org.khgps.io.Provenance;

/**
 * report.html: the text from the templates (report.html, figure.html, failed-points.html,
 * all-failed.html), the plots from {@link Figures}, the tables' rows from the study.
 */
final class Page {

    private Page() {
    }

    /** The page when every point failed: the reasons, nothing to plot. */
    static String allFailed(String title, List<Study.FailedPoint> failed) {
        return Template.render(Template.resource("all-failed.html"), Map.of("title", esc(title),
                "failed_count", Integer.toString(failed.size()), "failed_section", failedSection(failed)));
    }

    static String report(String title, Study study, List<Figures.Drawn> figures, String params, Provenance prov,
                         String plotly) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", esc(title));
        v.put("points", Integer.toString(study.points().size()));
        v.put("failed", !study.failed().isEmpty());
        v.put("failed_count", Integer.toString(study.failed().size()));
        v.put("failed_section", failedSection(study.failed()));
        v.put("points_rows", pointRows(study));
        v.put("tail_rows", tailRows(study));
        v.put("omega_x_rows", omegaXRows(study.analysis()));
        v.put("weak_fit", weakFit(study.analysis()));
        v.put("family_rows", familyRows(study.analysis()));
        v.put("finite_size", !study.sizes().isEmpty());
        v.put("finite_size_rows", finiteSizeRows(study.sizes()));
        v.put("participation", figures.stream().anyMatch(f -> f.figure().section() == Figures.Section.PARTICIPATION));
        v.put("max_scatter", Integer.toString(Plots.MAX_SCATTER));
        v.put("theory", study.hasTheory() || study.points().stream().anyMatch(p -> p.theoryReason() != null));
        v.put("anatomy", study.points().stream().anyMatch(p -> p.fit().anatomy() != null));
        v.put("anatomy_rows", anatomyRows(study));
        v.put("paired_rows", pairedRows(study));
        v.put("rs_rows", rsRows(study));
        for (Figures.Section section : Figures.Section.values()) {
            v.put("figures " + section, figures(section, figures));
        }
        v.put("provenance_rows", provenanceRows(study, prov));
        v.put("inputs", esc(prov.inputsJson()));
        v.put("has_params", params != null);
        v.put("params", params == null ? "" : esc(params));
        v.put("plotly_version", PlotlyAsset.VERSION);
        v.put("plotly", plotly + "\n");
        return Template.render(Template.resource("report.html"), v);
    }

    /** The section's plots in the registry's order; where one is not drawn, the registry's line saying why. */
    private static String figures(Figures.Section section, List<Figures.Drawn> drawn) {
        String figure = Template.resource("figure.html");
        StringBuilder sb = new StringBuilder();
        for (Figures.Figure f : Figures.ALL) {
            if (f.section() != section) {
                continue;
            }
            boolean any = false;
            for (Figures.Drawn d : drawn) {
                if (d.figure() == f) {
                    any = true;
                    sb.append(Template.render(figure, Map.of("name", d.name(), "caption", d.caption(),
                            "json", PlotlyJson.of(d.chart(), d.width() < 800))));
                }
            }
            if (!any && f.name().indexOf('<') < 0) {
                sb.append("<p>").append(f.why()).append("</p>\n");
            }
        }
        return sb.toString();
    }

    /** The failed points and why (nothing when none failed). */
    private static String failedSection(List<Study.FailedPoint> failed) {
        if (failed.isEmpty()) {
            return "";
        }
        StringBuilder rows = new StringBuilder();
        for (Study.FailedPoint f : failed) {
            rows.append("<tr><td>").append(esc(f.id())).append("</td><td>").append(f.n()).append("</td><td>").append(fmt(f.h()))
                    .append("</td><td>").append(fmt(f.j())).append("</td><td>").append(fmt(f.kappa0())).append("</td><td>")
                    .append(f.realizations()).append("</td><td style=\"text-align:left\">").append(esc(f.reason()))
                    .append("</td></tr>\n");
        }
        boolean one = failed.size() == 1;
        return Template.render(Template.resource("failed-points.html"), Map.of("failed_count", Integer.toString(failed.size()),
                "point_or_points", one ? "point" : "points", "is_or_are", one ? "is" : "are",
                "its_or_their", one ? "its row" : "their rows", "failed_rows", rows.toString()));
    }

    private static String pointRows(Study study) {
        StringBuilder sb = new StringBuilder();
        for (Study.Point p : study.points()) {
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
                    // with the error the test used (the larger of bootstrap and Poisson), not the one beside the exponent
                    .append("</td><td>").append(p.fit().consistent() ? (p.fit().tail().consistentWith4() ? "yes" : "no")
                            + " (&sigma; = " + fmt(p.fit().verdictExponentErr()) + ")" : "n/a")
                    .append("</td><td>").append(pm(d.x2(), d.x2Err()))
                    .append("</td><td>").append(pm(d.meanInverseLambda(), d.meanInverseLambdaErr())).append("</td></tr>\n");
        }
        return sb.toString();
    }

    private static String tailRows(Study study) {
        StringBuilder sb = new StringBuilder();
        for (Study.Point p : study.points()) {
            var t = p.fit().tail();
            sb.append("<tr><td>").append(p.dos().point().id()).append("</td><td>").append(fmt(p.dos().point().J()))
                    .append("</td><td>").append(fmt(t.omegaXPoint())).append("</td><td>").append(fmt(t.gapEdge()))
                    .append("</td><td>").append(fmt(t.omegaMaxPhysics())).append("</td><td>").append(t.modesBelowBound())
                    .append("</td><td>").append(pm(p.fit().fit().aG(), p.fit().aGErr())).append("</td><td>")
                    .append(pm(p.fit().fit().exponent(), p.fit().exponentErr())).append("</td><td>").append(note(t.status()))
                    .append("</td></tr>\n");
        }
        return sb.toString();
    }

    private static String omegaXRows(StudyAnalysis.Result analysis) {
        StringBuilder sb = new StringBuilder();
        for (StudyAnalysis.PointResult a : analysis.points()) {
            sb.append("<tr><td>").append(a.point().id()).append("</td><td>").append(a.point().N()).append("</td><td>")
                    .append(fmt(a.point().h())).append("</td><td>").append(fmt(a.point().J())).append("</td><td>")
                    .append(fmt(a.point().kappa0())).append("</td><td>").append(pm(a.omegaX().omegaX(), a.omegaX().omegaXErr()))
                    .append("</td><td>").append(fmt(a.omegaXOverH13())).append("</td><td>").append(fmt(a.omegaX().rmsLogDeviation()))
                    .append("</td><td>").append(pm(a.omegaXFamily(), a.omegaXFamilyErr()))
                    .append("</td><td>").append(a.regime()).append("</td></tr>\n");
        }
        return sb.toString();
    }

    private static String weakFit(StudyAnalysis.Result analysis) {
        LinearFit w = analysis.weakTest();
        return w == null ? "<p>Fewer than two weak-regime points: no line.</p>\n"
                : "<p>Linear fit over " + analysis.weakPoints() + " weak-regime points: slope " + pm(w.slope(), w.slopeErr())
                + ", intercept " + pm(w.intercept(), w.interceptErr()) + ", &chi;&sup2;/dof " + fmt(w.chi2PerDof()) + ".</p>\n";
    }

    private static String familyRows(StudyAnalysis.Result analysis) {
        StringBuilder sb = new StringBuilder();
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
        return sb.toString();
    }

    private static String eq4(StudyAnalysis.Eq4 e) {
        if (e == null) {
            return "n/a (fewer than 2 intermediate points with A<sub>g</sub>)";
        }
        return pm(e.fit().slope(), e.slopeErr()) + " over " + e.fit().points() + " points: "
                + (e.consistentWithZero() ? "consistent with 0 (Eq. (4) holds)" : "not consistent with 0");
    }

    /** Points differing only in N: a row per group and quantity, the values by N and the line to N to infinity. */
    private static String finiteSizeRows(List<FiniteSize.Group> sizes) {
        StringBuilder sb = new StringBuilder();
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
        return sb.toString();
    }

    /** The RS theory beside the simulation, per point with a theory: the ratios simulation / theory. */
    private static String rsRows(Study study) {
        StringBuilder sb = new StringBuilder();
        for (Study.Point p : study.points()) {
            var pt = p.dos().point();
            if (p.theory() == null && p.theoryReason() != null) {
                sb.append("<tr><td>").append(pt.id()).append("</td><td>").append(pt.N()).append("</td><td>").append(fmt(pt.h()))
                        .append("</td><td>").append(fmt(pt.J())).append("</td><td>").append(fmt(pt.kappa0()))
                        .append("</td><td colspan=\"13\" style=\"text-align:left\">the RS theory failed: ").append(esc(p.theoryReason()))
                        .append("</td></tr>\n");
            }
            if (p.theory() == null) {
                continue;
            }
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
                    sb.append("<td>").append(pm(sim, quantity.simulationErr(p))).append("</td><td>").append(fmt(theory))
                            .append("</td><td>").append(fmt(sim / theory)).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        return sb.toString();
    }

    /** What carries the tail of each point with an anatomy (issue 28). */
    private static String anatomyRows(Study study) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < study.points().size(); i++) {
            Study.Point p = study.points().get(i);
            var a = p.fit().anatomy();
            if (a == null) {
                continue;
            }
            var pt = p.dos().point();
            double wx = study.result(i).omegaX().omegaX();
            var half = Anatomy.below(p, wx / 2);
            sb.append("<tr><td>").append(pt.id()).append("</td><td>").append(pt.N()).append("</td><td>").append(fmt(pt.J()))
                    .append("</td><td>").append(pt.protocol().id()).append("</td><td>")
                    .append(pm(a.metastableFraction(), a.metastableFractionErr())).append("</td><td>")
                    .append(half == null ? "n/a" : pm(half.share(), half.shareErr()) + " (" + half.metastable() + " of "
                            + half.modes() + ")").append("</td><td>")
                    .append(pm(a.window().share(), a.window().shareErr())).append(" (").append(a.window().metastable())
                    .append(" of ").append(a.window().modes()).append(")</td><td>")
                    .append(pm(p.fit().fit().exponent(), p.fit().verdictExponentErr())).append("</td><td>")
                    .append(pm(a.window().exponentOthers(), a.window().exponentOthersErr())).append("</td><td>");
            Anatomy.SpinodalLaw law = Anatomy.spinodal(p.dos());
            sb.append(law == null ? "n/a" : pm(law.exponent(), law.exponentErr()) + " (" + law.modes() + ")").append("</td></tr>\n");
        }
        return sb.toString();
    }

    /** Each point under a protocol other than zero against its zero point, on the same disorder. */
    private static String pairedRows(Study study) {
        StringBuilder sb = new StringBuilder();
        for (Anatomy.Paired q : Anatomy.paired(study)) {
            sb.append("<tr><td>").append(q.other().id()).append("</td><td>").append(q.other().N()).append("</td><td>")
                    .append(fmt(q.other().J())).append("</td><td>").append(q.other().protocol().id()).append("</td><td>")
                    .append(fmt(q.omegaC())).append("</td><td>").append(pm(q.delta(), q.deltaErr()))
                    .append(Double.isFinite(q.deltaErr()) && q.deltaErr() > 0 ? String.format(Locale.ROOT, " (%.1f&sigma;)",
                            q.delta() / q.deltaErr()) : "").append("</td><td>").append(pm(q.energyChange(), q.energyChangeErr()))
                    .append("</td><td>").append(fmt(q.metastableBefore())).append(" &rarr; ").append(fmt(q.metastableAfter()))
                    .append("</td></tr>\n");
        }
        return sb.toString();
    }

    private static String provenanceRows(Study study, Provenance prov) {
        StringBuilder sb = new StringBuilder();
        row(sb, "report tool", prov.tool() + " " + prov.toolVersion());
        row(sb, "git commit", prov.gitCommit());
        row(sb, "java", prov.javaVersion());
        row(sb, "linear algebra", prov.linalg());
        row(sb, "created (UTC)", prov.createdUtc());
        row(sb, "host", prov.host());
        for (Study.Point p : study.points()) {
            row(sb, "point " + p.dos().point().id(), p.dos().point().canonicalJson() + " seed " + p.dos().seed()
                    + " realizations " + p.dos().realizationRanges());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th style=\"text-align:left\">").append(esc(key)).append("</th><td style=\"text-align:left\">")
                .append(esc(value)).append("</td></tr>\n");
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
