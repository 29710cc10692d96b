package org.khgps.core.stage;

import org.khgps.core.Disorder;
import org.khgps.core.Seeds;
import org.khgps.core.StudyPoint;

/**
 * The quenched disorder of a chunk of realizations: kappa, and the seed from which the couplings
 * are regenerated ({@link Disorder}); the N x N couplings are never stored.
 */
public record DisorderChunk(StudyPoint point, long seed, long[] realization, long[] realizationSeed,
                            double[][] kappa) {

    /** Stage 1: realizations [first, first + count) of the point, from (seed, point, index) alone. */
    public static DisorderChunk sample(StudyPoint point, long seed, long first, int count) {
        long[] realization = new long[count];
        long[] seeds = new long[count];
        double[][] kappa = new double[count][];
        for (int r = 0; r < count; r++) {
            realization[r] = first + r;
            seeds[r] = Seeds.realizationSeed(seed, point, realization[r]);
            kappa[r] = Disorder.kappa(seeds[r], point.N(), point.kappa0());
        }
        return new DisorderChunk(point, seed, realization, seeds, kappa);
    }

    public int size() {
        return realization.length;
    }
}
