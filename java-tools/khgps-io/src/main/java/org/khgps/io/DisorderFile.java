package org.khgps.io;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.DisorderChunk;

/**
 * The quenched disorder of a chunk of realizations: kappa, and the seed from which the couplings
 * J are regenerated ({@link org.khgps.core.Disorder}); the N x N couplings are not stored.
 */
public final class DisorderFile {

    private DisorderFile() {
    }

    public static final String KIND = "disorder";

    public static void write(DisorderChunk v, Path target, Provenance provenance) throws IOException {
        H5.writeAtomically(target, f -> {
            H5.putPoint(f, KIND, v.point(), v.seed());
            f.putDataset("realization", v.realization());
            f.putDataset("realization_seed", v.realizationSeed());
            f.putDataset("kappa", v.kappa(), H5.rows(v.point().N()));
            H5.putProvenance(f, provenance, v.point(), v.seed(), Checks.ranges(v.realization()));
        });
    }

    public static DisorderChunk read(Path path) throws BadInputException {
        try (HdfFile f = H5.open(path, KIND)) {
            StudyPoint point = H5.point(f, path);
            long[] realization = H5.dataset(f, path, "realization", long[].class);
            long[] seeds = H5.dataset(f, path, "realization_seed", long[].class);
            double[][] kappa = H5.dataset(f, path, "kappa", double[][].class);
            Checks.length(path, "realization_seed", seeds.length, realization.length);
            Checks.rows(path, "kappa", kappa, realization.length, point.N());
            Checks.kappa(path, kappa, point.kappa0());
            return new DisorderChunk(point, H5.seed(f, path), realization, seeds, kappa);
        }
    }
}
