package org.khgps.core;

/**
 * xoshiro256** (Blackman and Vigna 2018), seeded through SplitMix64. Gaussians by the Marsaglia
 * polar method. Written out here so that the sequence a seed produces is pinned by this file
 * (golden values in the tests), not by a library version.
 */
public final class Xoshiro256 {

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpare;

    public Xoshiro256(long seed) {
        long z = seed;
        s0 = Seeds.mix(z += 0x9E3779B97F4A7C15L);
        s1 = Seeds.mix(z += 0x9E3779B97F4A7C15L);
        s2 = Seeds.mix(z += 0x9E3779B97F4A7C15L);
        s3 = Seeds.mix(z + 0x9E3779B97F4A7C15L);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal deviate. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }
}
