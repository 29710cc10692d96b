package org.khgps.core;

/**
 * Seed derivation. A realization's seed depends only on (study seed, study point, realization
 * index): never on chunking, thread count or executor.
 *
 * <p>Mixing is SplitMix64's finalizer (Steele, Lea, Flood 2014) applied in a chain; the point
 * enters through the exact bit patterns of its parameters, so no decimal formatting is involved.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** SplitMix64 finalizer: a bijective 64-bit mix. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Combines a running hash with one more 64-bit word. */
    public static long combine(long hash, long word) {
        return mix(hash + GOLDEN_GAMMA + mix(word));
    }

    /**
     * The seed of realization {@code realization} of {@code point} in a study seeded {@code studySeed}.
     * Common disorder ({@link StudyPoint#commonDisorder()}): from (study seed, N, realization) alone,
     * under a tag of its own, so every point of size N shares realization r's u and g
     * (kappa_i = kappa0 u_i, J_ij = J g_ij / sqrt(N): {@link Disorder}).
     */
    public static long realizationSeed(long studySeed, StudyPoint point, long realization) {
        if (realization < 0) {
            throw new IllegalArgumentException("realization index must be >= 0, got " + realization);
        }
        if (point.commonDisorder()) {
            long c = combine(0x4B48475053434DL, studySeed); // "KHGPSCM"
            c = combine(c, point.N());
            return combine(c, realization);
        }
        long s = combine(0x4B4847505331L, studySeed); // "KHGPS1"
        s = combine(s, point.N());
        s = combine(s, Double.doubleToLongBits(point.h()));
        s = combine(s, Double.doubleToLongBits(point.J()));
        s = combine(s, Double.doubleToLongBits(point.kappa0()));
        return combine(s, realization);
    }

    /** Seed of an independent sub-stream (stream 0: kappa, stream 1 + i: row i of J). */
    public static long streamSeed(long realizationSeed, long stream) {
        return combine(realizationSeed, stream);
    }
}
