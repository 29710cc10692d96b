package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.CavityTheory;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.PointTheory;

/**
 * The replica-symmetric (cavity) theory of one point ({@link PointTheory}) as a file: the scalars
 * q, chi, A_g_rs, A_g_rs_dressed, double_well_fraction and stability as scalar datasets, D(omega)
 * as {@code omega} and {@code dos} (on the centres of {@code omega_edges}, the histogram's bins
 * when the grid came from a dos file), with the numerics (eta, quadrature, convergence) as
 * attributes.
 */
public final class TheoryFile {

    public static final String KIND = "theory";

    private TheoryFile() {
    }

    public static void write(PointTheory theory, Path target, Provenance provenance) throws IOException {
        StudyPoint point = theory.point();
        long seed = theory.seed();
        CavityTheory.Solution solution = theory.solution();
        CavityTheory.Spectrum spectrum = theory.spectrum();
        CavityTheory.Settings settings = theory.settings();
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, point, seed);
            f.putDataset("q", solution.q());
            f.putDataset("chi", solution.chi());
            f.putDataset("A_g_rs", solution.aG());
            f.putDataset("A_g_rs_dressed", solution.aGDressed());
            f.putDataset("double_well_fraction", solution.doubleWellFraction());
            f.putDataset("stability", solution.stability());
            f.putDataset("omega", spectrum.omega());
            f.putDataset("dos", spectrum.dos());
            f.putDataset("omega_edges", theory.omegaEdges());
            f.putAttribute("grid", theory.grid());
            f.putAttribute("eta", spectrum.eta());
            f.putAttribute("iterations", solution.iterations());
            f.putAttribute("residual", solution.residual());
            f.putAttribute("tolerance", settings.tolerance());
            f.putAttribute("max_iterations", settings.maxIterations());
            f.putAttribute("z_points", solution.zPoints());
            f.putAttribute("z_nodes_per_interval", settings.zNodes());
            f.putAttribute("z_range", CavityTheory.Z_MAX);
            f.putAttribute("kappa_quadrature", "closed form (exact)");
            f.putAttribute("resolvent_max_iterations", spectrum.maxIterations());
            f.putAttribute("resolvent_max_residual", spectrum.maxResidual());
            H5.putProvenance(f, provenance, point, seed, "");
        });
    }

    private static double scalar(HdfFile f, Path path, String name) throws BadInputException {
        return H5.dataset(f, path, name, Double.class);
    }

    public static PointTheory read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            double[] omega = H5.dataset(f, path, "omega", double[].class);
            double[] dos = H5.dataset(f, path, "dos", double[].class);
            double[] edges = H5.dataset(f, path, "omega_edges", double[].class);
            Checks.length(path, "dos", dos.length, omega.length);
            Checks.length(path, "omega_edges", edges.length, omega.length + 1);
            CavityTheory.Settings settings = new CavityTheory.Settings((int) H5.number(f, path, "z_nodes_per_interval"),
                    H5.number(f, path, "tolerance"), (int) H5.number(f, path, "max_iterations"), H5.number(f, path, "eta"));
            CavityTheory.Solution solution = new CavityTheory.Solution(point.h(), point.J(), point.kappa0(),
                    scalar(f, path, "q"), scalar(f, path, "chi"), scalar(f, path, "double_well_fraction"),
                    scalar(f, path, "stability"), scalar(f, path, "A_g_rs"), scalar(f, path, "A_g_rs_dressed"),
                    (int) H5.number(f, path, "iterations"), H5.number(f, path, "residual"), (int) H5.number(f, path, "z_points"));
            CavityTheory.Spectrum spectrum = new CavityTheory.Spectrum(omega, dos, settings.eta(),
                    (int) H5.number(f, path, "resolvent_max_iterations"), H5.number(f, path, "resolvent_max_residual"));
            return new PointTheory(point, H5.seed(f, path), solution, spectrum, edges, H5.string(f, path, "grid"), settings);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("input file " + path + " records invalid theory settings: " + e.getMessage(), e);
        }
    }
}
