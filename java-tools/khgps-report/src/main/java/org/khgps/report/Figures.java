package org.khgps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.khgps.core.FiniteSize;

/**
 * The report's figures, in the order of the page: this one list gives plots/ its files, the page
 * its plots and captions, and docs/report.md's table its names (FiguresTest).
 */
final class Figures {

    /** Where on the page a figure goes: the template's {@code {{figures SECTION}}} places (report.html). */
    enum Section {
        DOS, DOS_POINTS, TAIL, PARTIAL, COLLAPSE, WEAK, AGAINST_J, EQ4, FINITE_SIZE, FINITE_SIZE_HILL, PARTICIPATION, ANATOMY,
        ANATOMY_POINTS, RS
    }

    /**
     * A figure, or one per point ({@code dos_<point_id>}) or per finite-size group
     * ({@code finite_size_hill_<g>}): the name's {@code <...>} and the caption's {@code {item}}
     * are filled from each chart.
     *
     * @param caption HTML
     * @param absent  the page's one line (HTML) where the data hold no such figure; null: {@link #NO_DATA}
     */
    record Figure(String name, Section section, String caption, String absent, Function<Study, List<Chart>> builder) {

        /** The page's line where this figure is not drawn. */
        String why() {
            return absent != null ? absent : NO_DATA;
        }
    }

    /** Why a figure is not drawn when it has no more specific reason: a chart without a single point. */
    static final String NO_DATA = "No plot: none of the points has the values this plot would show.";

    /** One chart of a figure: its key ("" for a single figure), the words that stand for {@code {item}}, its size. */
    record Chart(String key, String item, JFreeChart chart, int width, int height) {
    }

    /** A figure as drawn: plots/{@code name}.png and .svg, and its place and caption (HTML) on the page. */
    record Drawn(Figure figure, String name, String caption, JFreeChart chart, int width, int height) {
    }

    static final List<Figure> ALL = List.of(
            single("dos_all", Section.DOS, "D(&omega;) of all points, log-log, with error bars (&plusmn;1&sigma;, from "
                    + "dos_err) and, dashed over each point's fit window only, the fitted A<sub>g</sub>&omega;<sup>4</sup>.",
                    s -> Plots.dosAll(s.points())),
            new Figure("dos_<point_id>", Section.DOS_POINTS, "{item}: the fit window shaded", null,
                    s -> s.points().stream().map(p -> new Chart(p.dos().point().id(), Page.esc(Plots.label(p)) + " (point "
                            + p.dos().point().id() + ")", Plots.dosOne(p), 640, 440)).toList()),
            single("hill_vs_omega", Section.TAIL, "Hill exponent against the window edge &omega;<sub>c</sub>.",
                    s -> Plots.tailCurves(s.points(), false, Plots.TailAxis.OMEGA)),
            single("hill_vs_k", Section.TAIL, "Hill exponent against the number k of modes in the window.",
                    s -> Plots.tailCurves(s.points(), false, Plots.TailAxis.K)),
            single("compensated", Section.TAIL, "Compensated cumulative count 5N(&omega;)/&omega;<sup>5</sup>: flat at "
                    + "A<sub>g</sub> where D(&omega;) = A<sub>g</sub>&omega;<sup>4</sup>.",
                    s -> Plots.tailCurves(s.points(), true, Plots.TailAxis.OMEGA)),
            single("partial_x2", Section.PARTIAL, "Partial averages &lt;x&sup2;&gt;(&kappa;).",
                    s -> Plots.partialAverages(s.points())),
            single("collapse", Section.COLLAPSE, "Collapse of the partial averages onto the master curve G.",
                    s -> Plots.collapse(s.points(), s.analysis())),
            single("omega_x_vs_J", Section.COLLAPSE, "&omega;<sub>x</sub>/h<sup>1/3</sup> against J, with its error.",
                    s -> Plots.omegaXVsJ(s.analysis())),
            // Eq. (3) holds in the weak regime: without a weak point that has an A_g there is nothing to test
            new Figure("weak_test", Section.WEAK, "The weak-interaction test of Eq. (3).", "No plot: no weak-regime point "
                    + "has an A<sub>g</sub>, so there is nothing to test Eq. (3) on.",
                    one(s -> Plots.weakTest(s.points(), s.analysis()))),
            single("x2_vs_J", Section.AGAINST_J, "&lt;x&sup2;&gt; against J, with its error.",
                    s -> Plots.x2VsJ(s.points(), s.analysis())),
            single("A_g_vs_J", Section.AGAINST_J, "A<sub>g</sub> against J, with its error.",
                    s -> Plots.aGVsJ(s.points(), s.analysis(), false)),
            // only where a family's A_g has an interior maximum J_x
            new Figure("A_g_vs_J_over_Jx", Section.AGAINST_J, "A<sub>g</sub> against J/J<sub>x</sub>, for the families "
                    + "whose A<sub>g</sub> has an interior maximum J<sub>x</sub>.", "No plot of A<sub>g</sub> against "
                    + "J/J<sub>x</sub>: no family's A<sub>g</sub> has an interior maximum, so there is no J<sub>x</sub> to "
                    + "scale by (the table below).", one(s -> Plots.aGVsJ(s.points(), s.analysis(), true))),
            // needs a family with points beyond its J_x: else there is no test to show
            new Figure("eq4", Section.EQ4, "&kappa;<sub>0</sub>&omega;<sub>x</sub><sup>3</sup>A<sub>g</sub> against J.",
                    "No plot: no family has two intermediate points with A<sub>g</sub>.",
                    one(s -> s.analysis().families().stream().anyMatch(f -> f.eq4Family() != null || f.eq4Master() != null)
                            ? Plots.eq4(s.points(), s.analysis()) : null)),
            // points differing only in N: each quantity against 1000 / N, all but the exponent relative
            // to the largest N with a value
            finiteSize("finite_size_exponent", "exponent", "The exponent of each point's tail fit (with the automatic "
                    + "windows: the Hill estimator over every mode below the physics bound, &omega;<sub>x</sub>/2 and, in "
                    + "the weak regime, the gap edge), against 1000/N.", "Exponent of the tail fit against 1000 / N "
                    + "(dashed: the line to N → ∞)", "exponent"),
            finiteSize("finite_size_A_g", "A_g", "A<sub>g</sub> against 1000/N, each group divided by its value at the "
                    + "largest N that has one.", "A_g against 1000 / N, relative to its value at the largest N that has "
                    + "one", "A<sub>g</sub> / A<sub>g</sub>(largest N with a value)"),
            finiteSize("finite_size_x2", "x2", "&lt;x&sup2;&gt; against 1000/N, relative.", "⟨x²⟩ against 1000 / N, "
                    + "relative to its value at the largest N that has one",
                    "⟨x<sup>2</sup>⟩ / ⟨x<sup>2</sup>⟩(largest N with a value)"),
            finiteSize("finite_size_omega_x", "omega_x", "&omega;<sub>x</sub> (collapse onto G) against 1000/N, relative.",
                    "ω_x (onto G) against 1000 / N, relative to its value at the largest N that has one",
                    "ω<sub>x</sub> / ω<sub>x</sub>(largest N with a value)"),
            // the Hill curves of each group against the fraction of pooled modes (equal fractions hold
            // equal numbers of modes); short: drawn half-width in the page's grid, the group's h, J,
            // kappa0 the chart's subtitle and the caption
            new Figure("finite_size_hill_<g>", Section.FINITE_SIZE_HILL, "{item}: Hill exponent against k/M, one curve "
                    + "per N (dashed: 16&ndash;84% bootstrap band).", null, Figures::finiteSizeHill),
            single("participation_ratio", Section.PARTICIPATION, "Participation ratio against &omega;.",
                    s -> Plots.participation(s.points())),
            // issue 28: what carries the tail, where the spectra kept the eigenvectors (--spectrum lowest)
            new Figure("protocols_delta", Section.ANATOMY, "The Hill exponent below &omega;<sub>c</sub> of each protocol "
                    + "minus zero's on the same disorder, against N, with its paired error (the realizations of both "
                    + "resampled together); &omega;<sub>c</sub> is &omega;<sub>x</sub>/2, or lower where a tail is "
                    + "complete only below that (the fits' window bound, --spectrum lowest).", "No plot: no point has a protocol other than zero beside its zero point.",
                    one(s -> Plots.protocolsDelta(Anatomy.paired(s)))),
            new Figure("spinodal_distance", Section.ANATOMY, "The tail's modes carried by a metastable oscillator, by the "
                    + "carrier's distance d to its spinodal: their number per realization below d, log-log (slope 1: a "
                    + "density finite at the spinodal); the legend gives each point's exponent &theta; of N(d) ~ d<sup>&theta;</sup> "
                    + "below the median distance (Hill's estimator, &plusmn; &theta;/&radic;k).", "No plot: no point has 10 tail modes with a metastable carrier.",
                    one(s -> Plots.spinodalDistance(s.points()))),
            new Figure("tail_by_class_<point_id>", Section.ANATOMY_POINTS, "{item}: the carrier class of the modes per "
                    + "frequency bin", null, s -> anatomyCharts(s, Plots::tailByClass)),
            new Figure("hill_by_class_<point_id>", Section.ANATOMY_POINTS, "{item}: Hill exponent below &omega;<sub>c</sub> "
                    + "of all modes, of those with a non-metastable carrier and of the metastable-carried ones", null,
                    s -> anatomyCharts(s, Plots::hillByClass)),
            theory("rs_x2_vs_J", "&lt;x&sup2;&gt; against J: simulation and RS theory.",
                    s -> Plots.rsVsJ(s.points(), "⟨x<sup>2</sup>⟩", Rs.X2)),
            theory("rs_chi_vs_J", "&chi; = &lt;1/&lambda;&gt; against J: simulation and RS theory.",
                    s -> Plots.rsVsJ(s.points(), "χ = ⟨1/λ⟩", Rs.CHI)),
            theory("rs_A_g_vs_J", "A<sub>g</sub> against J: simulation and A<sub>g</sub>(RS).",
                    s -> Plots.rsVsJ(s.points(), "A<sub>g</sub>", Rs.A_G)),
            theory("rs_weak_test", "The Eq. (3) plot with A<sub>g</sub>(RS).", s -> Plots.rsWeakTest(s.points())));

    private Figures() {
    }

    /** Every figure the study's data hold, in page order. */
    static List<Drawn> draw(Study study) {
        List<Drawn> out = new ArrayList<>();
        for (Figure f : ALL) {
            for (Chart c : f.builder().apply(study)) {
                out.add(new Drawn(f, f.name().replaceAll("<[^>]+>", c.key()),
                        f.caption().replace("{item}", c.item()), c.chart(), c.width(), c.height()));
            }
        }
        return out;
    }

    /** A single figure, 900 x 600. */
    private static Figure single(String name, Figures.Section section, String caption, Function<Study, JFreeChart> chart) {
        return new Figure(name, section, caption, null, one(chart));
    }

    /** A single chart, where {@code chart} gives one (not null) with at least one point to draw. */
    private static Function<Study, List<Chart>> one(Function<Study, JFreeChart> chart) {
        return s -> {
            JFreeChart c = chart.apply(s);
            return c == null || !hasData(c) ? List.of() : List.of(new Chart("", "", c, 900, 600));
        };
    }

    private static boolean hasData(JFreeChart chart) {
        var plot = chart.getXYPlot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            var data = plot.getDataset(d);
            for (int i = 0; data != null && i < data.getSeriesCount(); i++) {
                if (data.getItemCount(i) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Beside the RS theory: only when theory files were given. */
    private static Figure theory(String name, String caption, Function<Study, JFreeChart> chart) {
        return single(name, Section.RS, caption, s -> s.hasTheory() ? chart.apply(s) : null);
    }

    private static Figure finiteSize(String name, String quantity, String caption, String title, String y) {
        return single(name, Section.FINITE_SIZE, caption, s -> s.sizes().isEmpty() ? null : Plots.finiteSize(s.sizes(),
                Study.FINITE_SIZE_QUANTITIES.indexOf(quantity), title, y, !quantity.equals("exponent")));
    }

    /** One chart per point whose tail is classified (its dos file has an anatomy with a classified mode). */
    private static List<Chart> anatomyCharts(Study s, Function<Study.Point, JFreeChart> chart) {
        List<Chart> out = new ArrayList<>();
        for (Study.Point p : s.points()) {
            var a = p.dos().anatomy();
            if (a == null || java.util.Arrays.stream(a.tailClass()).noneMatch(c -> c >= 0) || p.dos().omegaTail().length < 10) {
                continue;
            }
            JFreeChart c = chart.apply(p);
            if (hasData(c)) {
                out.add(new Chart(p.dos().point().id(), Page.esc(Plots.label(p)) + " (point " + p.dos().point().id() + ")", c,
                        640, 440));
            }
        }
        return out;
    }

    private static List<Chart> finiteSizeHill(Study s) {
        List<Chart> out = new ArrayList<>();
        for (int g = 0; g < s.sizes().size(); g++) {
            FiniteSize.Group group = s.sizes().get(g);
            List<Study.Point> members = s.points().stream().filter(p -> group.points().contains(p.dos().point())).toList();
            out.add(new Chart(Integer.toString(g + 1), Page.esc(Plots.groupLabel(group)), Plots.tailCurves(members, false,
                    Plots.TailAxis.FRACTION, "Hill exponent against k/M, by N"), 900, 600));
        }
        return out;
    }
}
