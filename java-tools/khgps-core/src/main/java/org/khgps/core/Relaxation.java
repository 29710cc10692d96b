package org.khgps.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The protocols beyond CG from x = 0, one realization at a time: the random start
 * ({@link Protocol#RANDOM}), moving metastable oscillators ({@link Protocol#FLIP}) and its control
 * ({@link Protocol#BEST_RANDOM}); one realization at a
 * time on a minimize lane. Classifying needs diag(M^-1) at the current minimum: the lane's matrix
 * takes the Hessian (its couplings plus the diagonal), is factored ({@link InverseDiagonal}) and
 * gets its couplings back from the realization's seed, so no second N x N matrix is needed.
 *
 * <p>A move is kept only if re-minimizing from the moved configuration converges to an H lower by
 * more than the rounding of H ({@link #threshold}); a move CG undoes gives the same H and is
 * refused. Rounds are capped ({@link #DEFAULT_MAX_ROUNDS}); a realization that hits the cap says so.
 */
public final class Relaxation {

    /** Most classify-and-move rounds per realization. */
    public static final int DEFAULT_MAX_ROUNDS = 100;

    /** BEST_RANDOM: CG minima from random starts, the lowest kept. */
    public static final int BEST_RANDOM_STARTS = 8;

    /** The stream of the random start, apart from kappa (0) and the rows of the couplings (1 + i). */
    static final long RANDOM_START_STREAM = -1L;

    /** BEST_RANDOM's starts: streams -2, -3, ... (never the random protocol's). */
    static final long BEST_RANDOM_STREAM = -2L;

    private Relaxation() {
    }

    /**
     * What a protocol did to one realization.
     *
     * @param result           the final minimum (for ZERO and RANDOM: CG's)
     * @param energyBefore     H at the CG minimum from x = 0 (NaN for ZERO and RANDOM)
     * @param metastableBefore metastable oscillators there (-1: not classified, e.g. not a minimum)
     * @param metastableAfter  metastable oscillators at the final minimum (-1: not classified)
     * @param movesTried       oscillator moves tried (a collective move of k oscillators counts k)
     * @param movesAccepted    of them kept
     * @param rounds           classify-and-move rounds
     * @param capped           the rounds hit the cap with moves still possible
     * @param starts           BEST_RANDOM: the random starts tried (-1 otherwise)
     * @param iterationsTotal  CG iterations over every minimization of the realization
     * @param classifySeconds  wall time of the classifications (the factorizations of diag(M^-1)), for the bench
     */
    public record Outcome(Minimizer.Result result, double energyBefore, int metastableBefore, int metastableAfter,
                          int movesTried, int movesAccepted, int rounds, boolean capped, int starts,
                          long iterationsTotal, double classifySeconds) {
    }

    /** The least decrease of H that counts: rounding of a sum of N terms of this size. */
    static double threshold(double energy) {
        return 1e-10 * (1 + Math.abs(energy));
    }

    /** x_i ~ U[-1, 1] from the realization's seed alone. */
    public static double[] randomStart(long realizationSeed, int n) {
        Xoshiro256 rng = new Xoshiro256(Seeds.streamSeed(realizationSeed, RANDOM_START_STREAM));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        return x;
    }

    /**
     * One realization under {@code protocol}; the lane holds its couplings (regenerated from
     * {@code realizationSeed} with strength {@code J}) and holds them again on return.
     */
    public static Outcome run(Protocol protocol, double[] kappa, double h, double J, long realizationSeed,
                              MatrixLane lane, Minimizer.Settings settings, int threads, int maxRounds) {
        Context c = new Context(kappa, h, J, realizationSeed, lane, settings, threads);
        return switch (protocol) {
            case ZERO -> c.plain(c.minimize(null));
            case RANDOM -> c.plain(c.minimize(randomStart(realizationSeed, kappa.length)));
            case FLIP -> c.flip(c.minimize(null), maxRounds);
            case BEST_RANDOM -> c.bestRandom(BEST_RANDOM_STARTS);
        };
    }

    /** One realization's disorder and lane, and the CG iterations spent on it so far. */
    private static final class Context {
        final double[] kappa;
        final double h;
        final double J;
        final long seed;
        final MatrixLane lane;
        final Minimizer.Settings settings;
        final int threads;
        long iterations;
        long classifyNanos;

        Context(double[] kappa, double h, double J, long seed, MatrixLane lane, Minimizer.Settings settings, int threads) {
            this.kappa = kappa;
            this.h = h;
            this.J = J;
            this.seed = seed;
            this.lane = lane;
            this.settings = settings;
            this.threads = threads;
        }

        Minimizer.Result minimize(double[] start) {
            Minimizer.Result r = Minimizer.minimize(kappa, h, lane.operator(), settings, start);
            iterations += r.iterations();
            if (!Double.isFinite(r.energy())) {
                throw new NumericalFailure("energy is " + r.energy());
            }
            return r;
        }

        Outcome plain(Minimizer.Result r) {
            return new Outcome(r, Double.NaN, -1, -1, 0, 0, 0, false, -1, iterations, classifyNanos * 1e-9);
        }

        /** The cavity site of every oscillator at x, or null when x is not a minimum. */
        Cavity.Site[] classify(double[] x) {
            long t0 = System.nanoTime();
            try {
                return classifyAt(x);
            } finally {
                classifyNanos += System.nanoTime() - t0;
            }
        }

        private Cavity.Site[] classifyAt(double[] x) {
            SymmetricMatrix m = lane.matrix();
            Hessian.setDiagonal(m, kappa, x);
            double[] inverse = InverseDiagonal.of(m);
            Disorder.fillCouplings(seed, J, m, threads);
            if (inverse == null) {
                return null;
            }
            Cavity.Site[] sites = new Cavity.Site[x.length];
            for (int i = 0; i < x.length; i++) {
                sites[i] = Cavity.site(kappa[i], x[i], inverse[i]);
            }
            return sites;
        }

        boolean better(Minimizer.Result trial, Minimizer.Result current) {
            return trial.converged() && trial.energy() < current.energy() - threshold(current.energy());
        }

        double[] moved(double[] x, Cavity.Site[] sites, List<Integer> who) {
            double[] y = x.clone();
            for (int i : who) {
                y[i] = Cavity.otherWell(sites[i].a(), sites[i].field(), x[i]);
            }
            return y;
        }

        /** Indices of class {@code kind}, in the given order. */
        static List<Integer> ofKind(Cavity.Site[] sites, int kind, Comparator<Integer> order) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < sites.length; i++) {
                if (sites[i].kind() == kind) {
                    out.add(i);
                }
            }
            out.sort(order);
            return out;
        }

        /**
         * FLIP from the CG minimum {@code start}: each round classifies, moves every metastable
         * oscillator into its other well at once, and, if that is refused, one at a time closest to
         * the spinodal first until one is kept; it stops when none is metastable, none can move, or
         * at the cap.
         */
        Outcome flip(Minimizer.Result start, int maxRounds) {
            if (!start.converged()) {
                return new Outcome(start, start.energy(), -1, -1, 0, 0, 0, false, -1, iterations, classifyNanos * 1e-9);
            }
            Minimizer.Result current = start;
            int before = -1;
            int tried = 0;
            int accepted = 0;
            int rounds = 0;
            while (true) {
                Cavity.Site[] sites = classify(current.x());
                if (sites == null) {
                    return new Outcome(current, start.energy(), before, -1, tried, accepted, rounds, false, -1, iterations, classifyNanos * 1e-9);
                }
                List<Integer> metastable = ofKind(sites, Cavity.METASTABLE,
                        Comparator.comparingDouble(i -> sites[i].spinodalDistance()));
                if (before < 0) {
                    before = metastable.size();
                }
                if (metastable.isEmpty() || rounds >= maxRounds) {
                    boolean capped = !metastable.isEmpty();
                    return new Outcome(current, start.energy(), before, metastable.size(), tried, accepted, rounds, capped,
                            -1, iterations, classifyNanos * 1e-9);
                }
                rounds++;
                tried += metastable.size();
                Minimizer.Result all = minimize(moved(current.x(), sites, metastable));
                if (better(all, current)) {
                    accepted += metastable.size();
                    current = all;
                    continue;
                }
                Minimizer.Result kept = null;
                for (int k = 0; k < metastable.size() && kept == null && metastable.size() > 1; k++) {
                    tried++;
                    Minimizer.Result one = minimize(moved(current.x(), sites, List.of(metastable.get(k))));
                    if (better(one, current)) {
                        kept = one;
                    }
                }
                if (kept == null) {
                    // none can move: the state is the one just classified
                    return new Outcome(current, start.energy(), before, metastable.size(), tried, accepted, rounds, false,
                            -1, iterations, classifyNanos * 1e-9);
                }
                accepted++;
                current = kept;
            }
        }

        /**
         * BEST_RANDOM: the lowest converged of {@code starts} CG minima from random starts, beside
         * the classes at CG's minimum from x = 0 (before) and at the chosen one (after).
         */
        Outcome bestRandom(int starts) {
            Minimizer.Result zero = minimize(null);
            Cavity.Site[] atZero = zero.converged() ? classify(zero.x()) : null;
            Minimizer.Result best = null;
            for (int k = 0; k < starts; k++) {
                Minimizer.Result r = minimize(randomStart(Seeds.streamSeed(seed, BEST_RANDOM_STREAM - k), kappa.length));
                if (r.converged() && (best == null || r.energy() < best.energy())) {
                    best = r;
                }
            }
            if (best == null) {
                best = zero;
            }
            Cavity.Site[] atBest = best.converged() ? classify(best.x()) : null;
            return new Outcome(best, zero.energy(), metastable(atZero), metastable(atBest), 0, 0, 0, false, starts, iterations, classifyNanos * 1e-9);
        }

        static int metastable(Cavity.Site[] sites) {
            return sites == null ? -1 : ofKind(sites, Cavity.METASTABLE, Comparator.naturalOrder()).size();
        }
    }

    /** Counts of each class among sites (SINGLE .. METASTABLE). */
    public static int[] counts(Cavity.Site[] sites) {
        int[] counts = new int[Cavity.CLASSES];
        Arrays.stream(sites).forEach(s -> counts[s.kind()]++);
        return counts;
    }
}
