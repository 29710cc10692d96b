package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.MinimaChunk;

/**
 * Local minima of H reached by conjugate gradient from x = 0, one row per realization, with
 * what defines the disorder (kappa, realization_seed) so that later stages need only this file.
 * converged[r] = 1 if max|grad H| <= tolerance was reached. preconditionBelow is the minimizer's
 * switch to its preconditioned tail (a fraction of the starting max|grad H|; 0 = plain CG; NaN in
 * files written before it was recorded).
 */
public final class MinimaFile {

    private MinimaFile() {
    }

    public static final String KIND = "minima";

    public static void write(MinimaChunk v, Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, v.point(), v.seed());
            f.putAttribute("tolerance", v.tolerance());
            f.putAttribute("max_iterations", v.maxIterations());
            f.putAttribute("precondition_below", v.preconditionBelow());
            f.putDataset("realization", v.realization());
            f.putDataset("realization_seed", v.realizationSeed());
            f.putDataset("kappa", v.kappa(), H5.rows(v.point().N()));
            f.putDataset("x", v.x(), H5.rows(v.point().N()));
            f.putDataset("converged", v.converged());
            f.putDataset("max_grad", v.maxGradient());
            f.putDataset("iterations", v.iterations());
            f.putDataset("energy", v.energy());
            H5.putProvenance(f, provenance, v.point(), v.seed(), Checks.ranges(v.realization()));
        });
    }

    public static MinimaChunk read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            long[] realization = H5.dataset(f, path, "realization", long[].class);
            int r = realization.length;
            long[] seeds = H5.dataset(f, path, "realization_seed", long[].class);
            double[][] kappa = H5.dataset(f, path, "kappa", double[][].class);
            double[][] x = H5.dataset(f, path, "x", double[][].class);
            byte[] converged = H5.dataset(f, path, "converged", byte[].class);
            double[] maxGradient = H5.dataset(f, path, "max_grad", double[].class);
            int[] iterations = H5.dataset(f, path, "iterations", int[].class);
            double[] energy = H5.dataset(f, path, "energy", double[].class);
            Checks.length(path, "realization_seed", seeds.length, r);
            Checks.rows(path, "kappa", kappa, r, point.N());
            Checks.kappa(path, kappa, point.kappa0());
            Checks.rows(path, "x", x, r, point.N());
            Checks.length(path, "converged", converged.length, r);
            Checks.length(path, "max_grad", maxGradient.length, r);
            Checks.length(path, "iterations", iterations.length, r);
            Checks.length(path, "energy", energy.length, r);
            return new MinimaChunk(point, H5.seed(f, path), realization, seeds, kappa, x, converged, maxGradient,
                    iterations, energy, H5.number(f, path, "tolerance"), (int) H5.number(f, path, "max_iterations"),
                    H5.number(f, path, "precondition_below", Double.NaN));
        }
    }
}
