package org.khgps.core;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The quenched disorder of one realization, generated from its seed alone.
 *
 * <ul>
 *   <li>kappa_i = kappa0 * u_i, u_i the i-th uniform of stream 0;</li>
 *   <li>row i of the couplings (J_ij for j > i) from stream 1 + i, J_ij = (J / sqrt(N)) * g,
 *       g standard normal ({@link Xoshiro256#nextGaussian}: ziggurat); J_ji = J_ij, J_ii = 0.</li>
 * </ul>
 * Streams are {@link Xoshiro256} seeded with {@link Seeds#streamSeed}. One stream per row lets
 * the matrix be generated in parallel with a result independent of the thread count.
 */
public final class Disorder {

    private Disorder() {
    }

    public static double[] kappa(long realizationSeed, int n, double kappa0) {
        Xoshiro256 rng = new Xoshiro256(Seeds.streamSeed(realizationSeed, 0));
        double[] kappa = new double[n];
        for (int i = 0; i < n; i++) {
            kappa[i] = kappa0 * rng.nextDouble();
        }
        return kappa;
    }

    /** Fills {@code matrix} with the couplings of the realization; the diagonal is set to 0. */
    public static void fillCouplings(long realizationSeed, double J, SymmetricMatrix matrix, int threads) {
        int n = matrix.size();
        double sigma = J / Math.sqrt(n);
        IntConsumer row = i -> {
            Xoshiro256 rng = new Xoshiro256(Seeds.streamSeed(realizationSeed, 1L + i));
            matrix.setDiagonal(i, 0.0);
            for (int j = i + 1; j < n; j++) {
                matrix.setSymmetric(i, j, sigma * rng.nextGaussian());
            }
        };
        if (threads <= 1) {
            IntStream.range(0, n).forEach(row);
        } else {
            Parallel.run(threads, () -> IntStream.range(0, n).parallel().forEach(row));
        }
    }
}
