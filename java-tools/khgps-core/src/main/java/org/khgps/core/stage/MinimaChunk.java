package org.khgps.core.stage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.khgps.core.Disorder;
import org.khgps.core.Lanes;
import org.khgps.core.MatrixLane;
import org.khgps.core.Minimizer;
import org.khgps.core.NumericalFailure;
import org.khgps.core.Protocol;
import org.khgps.core.Relaxation;
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
                          double preconditionBelow, Moves moves) {

    /** Minima of a protocol that moves no oscillator after CG (zero, random). */
    public MinimaChunk(StudyPoint point, long seed, long[] realization, long[] realizationSeed, double[][] kappa,
                       double[][] x, byte[] converged, double[] maxGradient, int[] iterations, double[] energy,
                       double tolerance, int maxIterations, double preconditionBelow) {
        this(point, seed, realization, realizationSeed, kappa, x, converged, maxGradient, iterations, energy, tolerance,
                maxIterations, preconditionBelow, null);
    }

    /**
     * What flip and best_random did to each realization: {@link Relaxation.Outcome}
     * per row; iterations (of the chunk) are then those of the last minimization, iterationsTotal all of them.
     */
    public record Moves(int maxRounds, double[] energyBefore, int[] metastableBefore, int[] metastableAfter,
                        int[] movesTried, int[] movesAccepted, int[] rounds, byte[] capped, int[] starts,
                        long[] iterationsTotal) {

        static Moves of(int maxRounds, Relaxation.Outcome[] outcomes) {
            int r = outcomes.length;
            Moves m = new Moves(maxRounds, new double[r], new int[r], new int[r], new int[r], new int[r], new int[r],
                    new byte[r], new int[r], new long[r]);
            for (int i = 0; i < r; i++) {
                Relaxation.Outcome o = outcomes[i];
                m.energyBefore[i] = o.energyBefore();
                m.metastableBefore[i] = o.metastableBefore();
                m.metastableAfter[i] = o.metastableAfter();
                m.movesTried[i] = o.movesTried();
                m.movesAccepted[i] = o.movesAccepted();
                m.rounds[i] = o.rounds();
                m.capped[i] = (byte) (o.capped() ? 1 : 0);
                m.starts[i] = o.starts();
                m.iterationsTotal[i] = o.iterationsTotal();
            }
            return m;
        }
    }

    /**
     * Stage 2: each realization of the chunk minimized from x = 0, {@code lanes} at a time (the
     * result does not depend on the plan). Realizations that miss the tolerance are kept, flagged.
     *
     * @param nativeProducts couplings-times-x by OpenBLAS (else Java)
     * @param log            one line per realization (progress)
     */
    public static MinimaChunk minimize(DisorderChunk disorder, Minimizer.Settings settings, Lanes lanes,
                                       boolean nativeProducts, Consumer<String> log) throws Exception {
        return minimize(disorder, settings, lanes, nativeProducts, log, Protocol.ZERO, Relaxation.DEFAULT_MAX_ROUNDS);
    }

    /**
     * Stage 2 under a protocol (issue 28): the minima carry the protocol in their point (the disorder
     * is the same for every protocol); flip and best_random also what they did ({@link Moves}), capped at
     * {@code maxRounds} rounds per realization.
     */
    public static MinimaChunk minimize(DisorderChunk disorder, Minimizer.Settings settings, Lanes lanes,
                                       boolean nativeProducts, Consumer<String> log, Protocol protocol, int maxRounds)
            throws Exception {
        if (protocol != Protocol.ZERO && !(disorder.point().protocol() == Protocol.ZERO
                || disorder.point().protocol() == protocol)) {
            throw new IllegalArgumentException("disorder of protocol " + disorder.point().protocol().id()
                    + " minimized under " + protocol.id());
        }
        StudyPoint point = protocol == Protocol.ZERO ? disorder.point() : disorder.point().withProtocol(protocol);
        Relaxation.Outcome[] outcomes = new Relaxation.Outcome[disorder.size()];
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
            Minimizer.Result result;
            String moved = "";
            if (protocol == Protocol.ZERO) {
                result = realization(disorder.kappa()[r], point.h(), lane, settings, disorder.realization()[r]);
            } else {
                Relaxation.Outcome o = Relaxation.run(protocol, disorder.kappa()[r], point.h(), point.J(),
                        disorder.realizationSeed()[r], lane, settings, lanes.kernelThreads(), maxRounds);
                outcomes[r] = o;
                result = o.result();
                if (protocol.moves()) {
                    moved = String.format(", %s: metastable %d -> %d, %d of %d moves kept in %d rounds%s, H %.6g -> %.6g",
                            protocol.id(), o.metastableBefore(), o.metastableAfter(), o.movesAccepted(), o.movesTried(),
                            o.rounds(), o.capped() ? " (CAPPED at " + maxRounds + ")" : "", o.energyBefore(), result.energy());
                }
            }
            x[r] = result.x();
            converged[r] = (byte) (result.converged() ? 1 : 0);
            maxGradient[r] = result.maxGradient();
            iterations[r] = result.iterations();
            energy[r] = result.energy();
            log.accept(String.format("minimize: realization %d (%d of %d done): %s after %d iterations, max|grad H| = %.2e"
                            + "%s, %.2f s", disorder.realization()[r], done.incrementAndGet(), count,
                    result.converged() ? "converged" : "NOT CONVERGED", result.iterations(), result.maxGradient(),
                    moved, (System.nanoTime() - start) * 1e-9));
        });
        return new MinimaChunk(point, disorder.seed(), disorder.realization(), disorder.realizationSeed(),
                disorder.kappa(), x, converged, maxGradient, iterations, energy, settings.tolerance(),
                settings.maxIterations(), settings.preconditionBelow(),
                protocol.moves() ? Moves.of(maxRounds, outcomes) : null);
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
