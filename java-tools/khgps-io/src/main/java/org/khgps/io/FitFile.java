package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.TailAnatomy;
import org.khgps.core.TailFit;
import org.khgps.core.stage.PointFit;

/** The fit of a point ({@link PointFit}) as attributes of fit.h5 and as fit.json (the report and summary.csv read the JSON). */
public final class FitFile {

    private FitFile() {
    }

    public static final String KIND = "fit";

    public static void write(PointFit v, Path target, Provenance provenance, String realizationRanges) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, v.point(), v.seed());
            f.putAttribute("A_g", v.fit().aG());
            f.putAttribute("A_g_err", v.aGErr());
            f.putAttribute("A_g_err_poisson", v.fit().aGErr());
            f.putAttribute("exponent", v.fit().exponent());
            f.putAttribute("exponent_err", v.exponentErr());
            f.putAttribute("exponent_err_poisson", v.fit().exponentErr());
            f.putAttribute("bootstrap_samples", v.bootstrap() == null ? 0 : v.bootstrap().samples());
            f.putAttribute("window", v.window());
            f.putAttribute("A_g_binned", v.binned()[0]);
            f.putAttribute("A_g_binned_err", v.binned()[1]);
            f.putAttribute("window_consistent", v.consistent() ? 1 : 0);
            f.putAttribute("omega_min", v.fit().omegaLow());
            f.putAttribute("omega_max", v.fit().omegaHigh());
            f.putAttribute("modes_in_window", v.fit().modesInWindow());
            f.putAttribute("modes", v.fit().modesTotal());
            f.putAttribute("x2", v.x2());
            f.putAttribute("x2_err", v.x2Err());
            f.putAttribute("realizations", v.realizations());
            f.putAttribute("converged", v.converged());
            f.putAttribute("negative_modes", v.negativeModes());
            f.putAttribute("exponent_omega_min", v.tail().exponentOmegaMin());
            f.putAttribute("exponent_omega_max", v.tail().exponentOmegaMax());
            f.putAttribute("exponent_modes", v.tail().exponentModes());
            f.putAttribute("exponent_consistent_with_4", v.tail().consistentWith4() ? 1 : 0);
            f.putAttribute("omega_max_physics", v.tail().omegaMaxPhysics());
            f.putAttribute("omega_x_point", v.tail().omegaXPoint());
            f.putAttribute("gap_edge", v.tail().gapEdge());
            f.putAttribute("modes_below_bound", v.tail().modesBelowBound());
            f.putAttribute("plateau_shells", v.tail().plateauShells());
            f.putAttribute("window_status", v.tail().status());
            f.putAttribute("exponent_err_verdict", v.verdictExponentErr());
            PointFit.Anatomy a = v.anatomy();
            if (a != null) {
                f.putAttribute("metastable_fraction", a.metastableFraction());
                f.putAttribute("metastable_fraction_err", a.metastableFractionErr());
                f.putAttribute("metastable_share_window", a.window().share());
                f.putAttribute("metastable_share_window_err", a.window().shareErr());
                f.putAttribute("metastable_modes_window", a.window().metastable());
                f.putAttribute("classified_modes_window", a.window().modes());
                f.putAttribute("exponent_non_metastable", a.window().exponentOthers());
                f.putAttribute("exponent_non_metastable_err", a.window().exponentOthersErr());
            }
            if (v.tail().hill() != null && v.tail().hill().k().length > 0) {
                f.putDataset("hill_k", v.tail().hill().k());
                f.putDataset("hill_omega", v.tail().hill().omega());
                f.putDataset("hill_exponent", v.tail().hill().value());
                f.putDataset("hill_exponent_lo", v.tail().hill().lo());
                f.putDataset("hill_exponent_hi", v.tail().hill().hi());
                f.putDataset("compensated_count", v.tail().compensated().value());
                f.putDataset("compensated_count_lo", v.tail().compensated().lo());
                f.putDataset("compensated_count_hi", v.tail().compensated().hi());
            }
            H5.putProvenance(f, provenance, v.point(), v.seed(), realizationRanges);
        });
    }

    /** fit.json: the same numbers, for scripts and the report. */
    public static String toJson(PointFit v) {
        return "{\"point_id\":" + Json.quote(v.point().id())
                + ",\"N\":" + v.point().N() + ",\"h\":" + v.point().h() + ",\"J\":" + v.point().J() + ",\"kappa0\":" + v.point().kappa0()
                + ",\"seed\":" + v.seed() + ",\"realizations\":" + v.realizations() + ",\"converged\":" + v.converged()
                + ",\"negative_modes\":" + v.negativeModes()
                + ",\"A_g\":" + Json.number(v.fit().aG()) + ",\"A_g_err\":" + Json.number(v.aGErr())
                + ",\"A_g_err_poisson\":" + Json.number(v.fit().aGErr())
                + ",\"exponent\":" + Json.number(v.fit().exponent()) + ",\"exponent_err\":" + Json.number(v.exponentErr())
                + ",\"exponent_err_poisson\":" + Json.number(v.fit().exponentErr())
                + ",\"A_g_binned\":" + Json.number(v.binned()[0]) + ",\"A_g_binned_err\":" + Json.number(v.binned()[1])
                + ",\"window\":" + Json.quote(v.window()) + ",\"window_consistent\":" + v.consistent()
                + ",\"omega_min\":" + Json.number(v.fit().omegaLow()) + ",\"omega_max\":" + Json.number(v.fit().omegaHigh())
                + ",\"modes_in_window\":" + v.fit().modesInWindow() + ",\"modes\":" + v.fit().modesTotal()
                + ",\"x2\":" + Json.number(v.x2()) + ",\"x2_err\":" + Json.number(v.x2Err())
                + ",\"exponent_omega_min\":" + Json.number(v.tail().exponentOmegaMin())
                + ",\"exponent_omega_max\":" + Json.number(v.tail().exponentOmegaMax())
                + ",\"exponent_modes\":" + v.tail().exponentModes()
                + ",\"exponent_consistent_with_4\":" + v.tail().consistentWith4()
                + ",\"omega_max_physics\":" + Json.number(v.tail().omegaMaxPhysics())
                + ",\"omega_x_point\":" + Json.number(v.tail().omegaXPoint()) + ",\"gap_edge\":" + Json.number(v.tail().gapEdge())
                + ",\"modes_below_bound\":" + v.tail().modesBelowBound() + ",\"plateau_shells\":" + v.tail().plateauShells()
                + ",\"window_status\":" + Json.quote(v.tail().status())
                + ",\"exponent_err_verdict\":" + Json.number(v.verdictExponentErr())
                + ",\"protocol\":" + Json.quote(v.point().protocol().id()) + anatomyJson(v.anatomy()) + "}\n";
    }

    /** The anatomy's numbers (issue 28) for fit.json, nothing for fits without one. */
    private static String anatomyJson(PointFit.Anatomy a) {
        if (a == null) {
            return "";
        }
        return ",\"metastable_fraction\":" + Json.number(a.metastableFraction())
                + ",\"metastable_fraction_err\":" + Json.number(a.metastableFractionErr())
                + ",\"metastable_share_window\":" + Json.number(a.window().share())
                + ",\"metastable_share_window_err\":" + Json.number(a.window().shareErr())
                + ",\"metastable_modes_window\":" + a.window().metastable()
                + ",\"classified_modes_window\":" + a.window().modes()
                + ",\"exponent_non_metastable\":" + Json.number(a.window().exponentOthers())
                + ",\"exponent_non_metastable_err\":" + Json.number(a.window().exponentOthersErr());
    }

    public static void writeJson(PointFit v, Path target) throws IOException {
        H5.writeTextAtomically(target, toJson(v));
    }

    public static PointFit read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            TailFit.Result fit = new TailFit.Result(H5.number(f, path, "A_g"), H5.number(f, path, "A_g_err_poisson"),
                    H5.number(f, path, "exponent"), H5.number(f, path, "exponent_err_poisson"),
                    H5.number(f, path, "omega_min"), H5.number(f, path, "omega_max"),
                    (int) H5.number(f, path, "modes_in_window"), (long) H5.number(f, path, "modes"));
            int samples = (int) H5.number(f, path, "bootstrap_samples");
            TailFit.Bootstrap bootstrap = samples > 0 ? new TailFit.Bootstrap(H5.number(f, path, "A_g_err"),
                    H5.number(f, path, "exponent_err"), samples) : null;
            double nan = Double.NaN;
            TailFit.Curve hill = null;
            TailFit.Curve compensated = null;
            if (H5.hasChild(f, path, "hill_k")) {
                int[] k = H5.dataset(f, path, "hill_k", int[].class);
                double[] omega = H5.dataset(f, path, "hill_omega", double[].class);
                hill = new TailFit.Curve(k, omega, H5.dataset(f, path, "hill_exponent", double[].class),
                        H5.dataset(f, path, "hill_exponent_lo", double[].class), H5.dataset(f, path, "hill_exponent_hi", double[].class));
                compensated = new TailFit.Curve(k, omega, H5.dataset(f, path, "compensated_count", double[].class),
                        H5.dataset(f, path, "compensated_count_lo", double[].class),
                        H5.dataset(f, path, "compensated_count_hi", double[].class));
            }
            PointFit.Tail tail = new PointFit.Tail(H5.number(f, path, "exponent_omega_min", nan), H5.number(f, path, "exponent_omega_max", nan),
                    (int) H5.number(f, path, "exponent_modes", 0), H5.number(f, path, "exponent_consistent_with_4", 0) == 1,
                    H5.number(f, path, "omega_max_physics", nan), H5.number(f, path, "omega_x_point", nan),
                    H5.number(f, path, "gap_edge", nan), (int) H5.number(f, path, "modes_below_bound", 0),
                    (int) H5.number(f, path, "plateau_shells", 0),
                    H5.hasAttribute(f, path, "window_status") ? H5.string(f, path, "window_status") : "",
                    hill, compensated);
            // fit files written before the anatomy existed have none
            PointFit.Anatomy anatomy = !H5.hasAttribute(f, path, "metastable_fraction") ? null
                    : new PointFit.Anatomy(H5.number(f, path, "metastable_fraction"),
                            H5.number(f, path, "metastable_fraction_err"),
                            new TailAnatomy(fit.omegaHigh(), (int) H5.number(f, path, "classified_modes_window"),
                                    (int) H5.number(f, path, "metastable_modes_window"),
                                    H5.number(f, path, "metastable_share_window"), H5.number(f, path, "metastable_share_window_err"),
                                    H5.number(f, path, "exponent_non_metastable"), H5.number(f, path, "exponent_non_metastable_err")));
            return new PointFit(H5.point(f, path), H5.seed(f, path), fit, H5.string(f, path, "window"),
                    H5.number(f, path, "window_consistent") == 1, bootstrap,
                    new double[] {H5.number(f, path, "A_g_binned"), H5.number(f, path, "A_g_binned_err")}, H5.number(f, path, "x2"), H5.number(f, path, "x2_err"), (int) H5.number(f, path, "realizations"),
                    (int) H5.number(f, path, "converged"), (long) H5.number(f, path, "negative_modes"), tail, anatomy);
        }
    }
}
