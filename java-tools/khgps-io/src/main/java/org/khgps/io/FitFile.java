package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.TailFit;

/**
 * The fitted low-frequency law of one point (see {@link TailFit}) and the point's summary
 * numbers, as attributes of fit.h5 and as fit.json (the report and summary.csv read the JSON).
 *
 * <p>{@code fit} holds A_g and its window (omegaLow/omegaHigh/modesInWindow) and the reported
 * exponent; the exponent's own window is in {@code tail}. {@code consistent}: a window exists
 * (attribute window_consistent; points without one are left out of the cross-point fits).
 */
public record FitFile(StudyPoint point, long seed, TailFit.Result fit, String window, boolean consistent,
                      TailFit.Bootstrap bootstrap, double[] binned, double x2, double x2Err, int realizations,
                      int converged, long negativeModes, Tail tail) {

    /**
     * What the automatic windows add (docs/hdf5-schema.md, "fit").
     *
     * @param consistentWith4 |exponent - 4| <= 2 exponent_err
     * @param hill            the Hill exponent against the window (null when read from an older file)
     * @param compensated     5 N(omega) / omega^5 against the window (likewise)
     */
    public record Tail(double exponentOmegaMin, double exponentOmegaMax, int exponentModes, boolean consistentWith4,
                       double omegaMaxPhysics, double omegaXPoint, double gapEdge, int modesBelowBound,
                       int plateauShells, String status, TailFit.Curve hill, TailFit.Curve compensated) {
    }

    /** A_g's error: the realization-resampling one when there is one, else Poisson's. */
    public double aGErr() {
        return bootstrap != null && Double.isFinite(bootstrap.aGErr()) ? bootstrap.aGErr() : fit.aGErr();
    }

    /** The exponent's error, likewise. */
    public double exponentErr() {
        return bootstrap != null && Double.isFinite(bootstrap.exponentErr()) ? bootstrap.exponentErr() : fit.exponentErr();
    }

    public static final String KIND = "fit";

    public void write(Path target, Provenance provenance, String realizationRanges) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putAttribute("A_g", fit.aG());
            f.putAttribute("A_g_err", aGErr());
            f.putAttribute("A_g_err_poisson", fit.aGErr());
            f.putAttribute("exponent", fit.exponent());
            f.putAttribute("exponent_err", exponentErr());
            f.putAttribute("exponent_err_poisson", fit.exponentErr());
            f.putAttribute("bootstrap_samples", bootstrap == null ? 0 : bootstrap.samples());
            f.putAttribute("window", window);
            f.putAttribute("A_g_binned", binned[0]);
            f.putAttribute("A_g_binned_err", binned[1]);
            f.putAttribute("window_consistent", consistent ? 1 : 0);
            f.putAttribute("omega_min", fit.omegaLow());
            f.putAttribute("omega_max", fit.omegaHigh());
            f.putAttribute("modes_in_window", fit.modesInWindow());
            f.putAttribute("modes", fit.modesTotal());
            f.putAttribute("x2", x2);
            f.putAttribute("x2_err", x2Err);
            f.putAttribute("realizations", realizations);
            f.putAttribute("converged", converged);
            f.putAttribute("negative_modes", negativeModes);
            f.putAttribute("exponent_omega_min", tail.exponentOmegaMin());
            f.putAttribute("exponent_omega_max", tail.exponentOmegaMax());
            f.putAttribute("exponent_modes", tail.exponentModes());
            f.putAttribute("exponent_consistent_with_4", tail.consistentWith4() ? 1 : 0);
            f.putAttribute("omega_max_physics", tail.omegaMaxPhysics());
            f.putAttribute("omega_x_point", tail.omegaXPoint());
            f.putAttribute("gap_edge", tail.gapEdge());
            f.putAttribute("modes_below_bound", tail.modesBelowBound());
            f.putAttribute("plateau_shells", tail.plateauShells());
            f.putAttribute("window_status", tail.status());
            if (tail.hill() != null && tail.hill().k().length > 0) {
                f.putDataset("hill_k", tail.hill().k());
                f.putDataset("hill_omega", tail.hill().omega());
                f.putDataset("hill_exponent", tail.hill().value());
                f.putDataset("hill_exponent_lo", tail.hill().lo());
                f.putDataset("hill_exponent_hi", tail.hill().hi());
                f.putDataset("compensated_count", tail.compensated().value());
                f.putDataset("compensated_count_lo", tail.compensated().lo());
                f.putDataset("compensated_count_hi", tail.compensated().hi());
            }
            H5.putProvenance(f, provenance, point, seed, realizationRanges);
        });
    }

    /** fit.json: the same numbers, for scripts and the report. */
    public String toJson() {
        return "{\"point_id\":" + Json.quote(point.id())
                + ",\"N\":" + point.N() + ",\"h\":" + point.h() + ",\"J\":" + point.J() + ",\"kappa0\":" + point.kappa0()
                + ",\"seed\":" + seed + ",\"realizations\":" + realizations + ",\"converged\":" + converged
                + ",\"negative_modes\":" + negativeModes
                + ",\"A_g\":" + Json.number(fit.aG()) + ",\"A_g_err\":" + Json.number(aGErr())
                + ",\"A_g_err_poisson\":" + Json.number(fit.aGErr())
                + ",\"exponent\":" + Json.number(fit.exponent()) + ",\"exponent_err\":" + Json.number(exponentErr())
                + ",\"exponent_err_poisson\":" + Json.number(fit.exponentErr())
                + ",\"A_g_binned\":" + Json.number(binned[0]) + ",\"A_g_binned_err\":" + Json.number(binned[1])
                + ",\"window\":" + Json.quote(window) + ",\"window_consistent\":" + consistent
                + ",\"omega_min\":" + Json.number(fit.omegaLow()) + ",\"omega_max\":" + Json.number(fit.omegaHigh())
                + ",\"modes_in_window\":" + fit.modesInWindow() + ",\"modes\":" + fit.modesTotal()
                + ",\"x2\":" + Json.number(x2) + ",\"x2_err\":" + Json.number(x2Err)
                + ",\"exponent_omega_min\":" + Json.number(tail.exponentOmegaMin())
                + ",\"exponent_omega_max\":" + Json.number(tail.exponentOmegaMax())
                + ",\"exponent_modes\":" + tail.exponentModes()
                + ",\"exponent_consistent_with_4\":" + tail.consistentWith4()
                + ",\"omega_max_physics\":" + Json.number(tail.omegaMaxPhysics())
                + ",\"omega_x_point\":" + Json.number(tail.omegaXPoint()) + ",\"gap_edge\":" + Json.number(tail.gapEdge())
                + ",\"modes_below_bound\":" + tail.modesBelowBound() + ",\"plateau_shells\":" + tail.plateauShells()
                + ",\"window_status\":" + Json.quote(tail.status()) + "}\n";
    }

    public void writeJson(Path target) throws IOException {
        H5.writeTextAtomically(target, toJson());
    }

    public static FitFile read(Path path) throws BadInputException {
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
            Tail tail = new Tail(H5.number(f, path, "exponent_omega_min", nan), H5.number(f, path, "exponent_omega_max", nan),
                    (int) H5.number(f, path, "exponent_modes", 0), H5.number(f, path, "exponent_consistent_with_4", 0) == 1,
                    H5.number(f, path, "omega_max_physics", nan), H5.number(f, path, "omega_x_point", nan),
                    H5.number(f, path, "gap_edge", nan), (int) H5.number(f, path, "modes_below_bound", 0),
                    (int) H5.number(f, path, "plateau_shells", 0),
                    H5.hasAttribute(f, path, "window_status") ? H5.string(f, path, "window_status") : "",
                    hill, compensated);
            return new FitFile(H5.point(f, path), H5.seed(f, path), fit, H5.string(f, path, "window"),
                    H5.number(f, path, "window_consistent") == 1, bootstrap,
                    new double[] {H5.number(f, path, "A_g_binned"), H5.number(f, path, "A_g_binned_err")}, H5.number(f, path, "x2"), H5.number(f, path, "x2_err"), (int) H5.number(f, path, "realizations"),
                    (int) H5.number(f, path, "converged"), (long) H5.number(f, path, "negative_modes"), tail);
        }
    }
}
