package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.MinimaChunk;

/**
 * Local minima of H reached by conjugate gradient (from x = 0, or under another protocol: the
 * root attribute protocol, and for flip and deepen what they did), one row per realization, with
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
            MinimaChunk.Moves m = v.moves();
            if (m != null) {
                // flip and best_random: what the protocol did to each realization
                f.putAttribute("max_rounds", m.maxRounds());
                f.putDataset("energy_before", m.energyBefore());
                f.putDataset("metastable_before", m.metastableBefore());
                f.putDataset("metastable_after", m.metastableAfter());
                f.putDataset("moves_tried", m.movesTried());
                f.putDataset("moves_accepted", m.movesAccepted());
                f.putDataset("rounds", m.rounds());
                f.putDataset("rounds_capped", m.capped());
                f.putDataset("starts", m.starts());
                f.putDataset("iterations_total", m.iterationsTotal());
            }
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
            MinimaChunk.Moves moves = null;
            if (H5.hasChild(f, path, "moves_accepted")) {
                moves = new MinimaChunk.Moves((int) H5.number(f, path, "max_rounds"),
                        H5.dataset(f, path, "energy_before", double[].class),
                        H5.dataset(f, path, "metastable_before", int[].class),
                        H5.dataset(f, path, "metastable_after", int[].class),
                        H5.dataset(f, path, "moves_tried", int[].class),
                        H5.dataset(f, path, "moves_accepted", int[].class),
                        H5.dataset(f, path, "rounds", int[].class),
                        H5.dataset(f, path, "rounds_capped", byte[].class),
                        H5.dataset(f, path, "starts", int[].class),
                        H5.dataset(f, path, "iterations_total", long[].class));
                Checks.length(path, "moves_accepted", moves.movesAccepted().length, r);
            }
            return new MinimaChunk(point, H5.seed(f, path), realization, seeds, kappa, x, converged, maxGradient,
                    iterations, energy, H5.number(f, path, "tolerance"), (int) H5.number(f, path, "max_iterations"),
                    H5.number(f, path, "precondition_below", Double.NaN), moves);
        }
    }
}
