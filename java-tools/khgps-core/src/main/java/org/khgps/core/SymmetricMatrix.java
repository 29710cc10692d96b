package org.khgps.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.stream.IntStream;

/**
 * A dense symmetric N x N matrix of doubles, both triangles stored, in one direct (off-heap)
 * buffer. Off-heap so that native BLAS and LAPACK work on the same memory without a copy: at
 * N = 16000 one matrix is 2.05 GB and there is no room for a second.
 *
 * <p>A direct buffer holds at most 2^31 - 1 bytes, so N <= {@link #MAX_N}.
 */
public final class SymmetricMatrix {

    /** Largest N whose N x N doubles fit one direct buffer. */
    public static final int MAX_N = 16383;

    private final int n;
    private final DoubleBuffer data;

    private SymmetricMatrix(int n, DoubleBuffer data) {
        this.n = n;
        this.data = data;
    }

    /** A zero matrix of size n. */
    public static SymmetricMatrix allocate(int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("matrix size must be in [1, " + MAX_N + "], got " + n);
        }
        DoubleBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(n * n, Double.BYTES))
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
        return new SymmetricMatrix(n, buffer);
    }

    /** Bytes one matrix of size n occupies. */
    public static long bytesFor(int n) {
        return (long) n * n * Double.BYTES;
    }

    public int size() {
        return n;
    }

    /** The backing buffer, row-major (equally column-major, the matrix being symmetric). */
    public DoubleBuffer buffer() {
        return data;
    }

    public double get(int i, int j) {
        return data.get(i * n + j);
    }

    /** Sets element (i, j) and its mirror (j, i). */
    public void setSymmetric(int i, int j, double value) {
        data.put(i * n + j, value);
        data.put(j * n + i, value);
    }

    public void setDiagonal(int i, double value) {
        data.put(i * n + i, value);
    }

    public double trace() {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += data.get(i * n + i);
        }
        return t;
    }

    /** Squared Frobenius norm, the sum of the squared eigenvalues. */
    public double frobeniusSquared() {
        double s = 0;
        long total = (long) n * n;
        for (int k = 0; k < total; k++) {
            double v = data.get(k);
            s += v * v;
        }
        return s;
    }

    /** Copy into a row-major heap array (for pure-Java solvers and tests). */
    public double[] toArray() {
        double[] out = new double[n * n];
        data.get(0, out);
        return out;
    }

    /**
     * y = A x in pure Java, rows split over {@code threads}. Each y_i is one sequential sum, so
     * the result does not depend on the thread count.
     */
    public void multiplyJava(double[] x, double[] y, int threads) {
        if (threads <= 1 || n < 256) {
            for (int i = 0; i < n; i++) {
                y[i] = rowDot(i, x);
            }
            return;
        }
        int blocks = threads * 4;
        Parallel.run(threads, () -> IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            for (int i = from; i < to; i++) {
                y[i] = rowDot(i, x);
            }
        }));
    }

    private double rowDot(int i, double[] x) {
        int base = i * n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += data.get(base + j) * x[j];
            s1 += data.get(base + j + 1) * x[j + 1];
            s2 += data.get(base + j + 2) * x[j + 2];
            s3 += data.get(base + j + 3) * x[j + 3];
        }
        for (; j < n; j++) {
            s0 += data.get(base + j) * x[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
