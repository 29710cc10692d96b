package org.khgps.core.stage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.khgps.core.Disorder;
import org.khgps.core.Lanes;
import org.khgps.core.MatrixLane;
import org.khgps.core.Minimizer;
import org.khgps.core.NumericalFailure;
import org.khgps.core.StudyPoint;

/**
 * Local minima of H reached by conjugate gradient from x = 0, one row per realization, with what
 * defines the disorder (kappa, realization seed) so that later stages need only these.
 * converged[r] = 1 if max|grad H| <= tolerance was reached. preconditionBelow is the minimizer's
 * switch to its preconditioned tail (NaN where it was not recorded).
 */
public record MinimaChunk(StudyPoint point, long seed, long[] realization, long[] realizationSeed,
                          double[][] kappa, double[][] x, byte[] converged, double[] maxGradient,
                          int[] iterations, double[] energy, double tolerance, int maxIterations,
                          double preconditionBelow) {

    /**
     * Stage 2: each realization of the chunk minimized from x = 0, {@code lanes} at a time (the
     * result does not depend on the plan). Realizations that miss the tolerance are kept, flagged.
     *
     * @param nativeProducts couplings-times-x by OpenBLAS (else Java)
     * @param log            one line per realization (progress)
     */
    public static MinimaChunk minimize(DisorderChunk disorder, Minimizer.Settings settings, Lanes lanes,
                                       boolean nativeProducts, Consumer<String> log) throws Exception {
        StudyPoint point = disorder.point();
        int count = disorder.size();
        int n = point.N();
        double[][] x = new double[count][];
        byte[] converged = new byte[count];
        double[] maxGradient = new double[count];
        int[] iterations = new int[count];
        double[] energy = new double[count];
        AtomicInteger done = new AtomicInteger(); // progress: lanes finish out of order
        lanes.run(count, () -> MatrixLane.allocate(n, nativeProducts, lanes.kernelThreads()), (lane, r) -> {
            long start = System.nanoTime();
            Disorder.fillCouplings(disorder.realizationSeed()[r], point.J(), lane.matrix(), lanes.kernelThreads());
            Minimizer.Result result = realization(disorder.kappa()[r], point.h(), lane, settings, disorder.realization()[r]);
            x[r] = result.x();
            converged[r] = (byte) (result.converged() ? 1 : 0);
            maxGradient[r] = result.maxGradient();
            iterations[r] = result.iterations();
            energy[r] = result.energy();
            log.accept(String.format("minimize: realization %d (%d of %d done): %s after %d iterations, max|grad H| = %.2e, "
                            + "%.2f s", disorder.realization()[r], done.incrementAndGet(), count,
                    result.converged() ? "converged" : "NOT CONVERGED", result.iterations(), result.maxGradient(),
                    (System.nanoTime() - start) * 1e-9));
        });
        return new MinimaChunk(point, disorder.seed(), disorder.realization(), disorder.realizationSeed(),
                disorder.kappa(), x, converged, maxGradient, iterations, energy, settings.tolerance(),
                settings.maxIterations(), settings.preconditionBelow());
    }

    /**
     * One realization, its couplings already in the lane's matrix: CG from x = 0, a non-finite
     * energy refused. What the stage does per realization; RealizationBench calls it too.
     */
    public static Minimizer.Result realization(double[] kappa, double h, MatrixLane lane, Minimizer.Settings settings,
                                               long index) {
        Minimizer.Result result = Minimizer.minimize(kappa, h, lane.operator(), settings);
        if (!Double.isFinite(result.energy())) {
            throw new NumericalFailure("realization " + index + ": energy is " + result.energy());
        }
        return result;
    }

    public int size() {
        return realization.length;
    }
}
