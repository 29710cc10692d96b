package org.khgps.core;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * OpenBLAS (BLAS + LAPACK) through the bytedeco presets, which ship the native library inside
 * the jar. Loading can fail (another platform, a locked-down /tmp): callers then fall back to
 * pure Java (EJML), and the output says which was used.
 */
public final class NativeLinalg {

    private static final String LOAD_ERROR;

    static {
        // JavaCPP refuses every native allocation once the process's RSS passes its
        // maxPhysicalBytes (by default 4x the heap limit); the N x N matrices are direct buffers it
        // does not count, so two lanes at N = 8000 with the heap the pipeline gives tripped it.
        // MaxDirectMemorySize, planned per task, is the bound on them instead.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        String error = null;
        try {
            Loader.load(openblas.class);
        } catch (Throwable t) {
            error = t.toString();
        }
        LOAD_ERROR = error;
    }

    private NativeLinalg() {
    }

    public static boolean available() {
        return LOAD_ERROR == null && !Boolean.getBoolean("khgps.noNative");
    }

    /** Why the native library is unavailable, or null. */
    public static String loadError() {
        return Boolean.getBoolean("khgps.noNative") ? "disabled by -Dkhgps.noNative=true" : LOAD_ERROR;
    }

    /** "OpenBLAS 0.3.31 (bytedeco), 2 threads", for provenance. */
    public static String describe() {
        if (!available()) {
            return "none (" + loadError() + ")";
        }
        int threads = openblas_nolapack.blas_get_num_threads();
        return openblas.OPENBLAS_VERSION.trim() + " (bytedeco presets" + (threads > 0 ? ", " + threads + " threads" : "")
                + ", OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset") + ")";
    }

    /** Threads native BLAS and LAPACK may use: the task's CPUs, never more. */
    public static void setThreads(int threads) {
        if (available()) {
            openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
        }
    }

    /** (couplings) x by dsymv on the upper triangle of the matrix's own buffer (no copy of the matrix). */
    public static CouplingOperator couplings(SymmetricMatrix matrix) {
        int n = matrix.size();
        DoublePointer a = new DoublePointer(matrix.buffer());
        DoublePointer xp = new DoublePointer(n);
        DoublePointer yp = new DoublePointer(n);
        return new CouplingOperator() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public void multiply(double[] x, double[] y) {
                xp.put(x, 0, n);
                openblas.cblas_dsymv(openblas.CblasRowMajor, openblas.CblasUpper, n, 1.0, a, n, xp, 1, 0.0, yp, 1);
                yp.get(y, 0, n);
            }
        };
    }

    /**
     * All eigenvalues, ascending, of the symmetric matrix, overwriting it. Divide and conquer
     * (dsyevd) for small N, the two-stage tridiagonal reduction (dsyev_2stage) above; column-major
     * with the lower triangle is the same memory as row-major upper, so LAPACKE needs no transpose.
     */
    public static double[] eigenvalues(SymmetricMatrix matrix, String driver) {
        int n = matrix.size();
        DoublePointer a = new DoublePointer(matrix.buffer());
        DoublePointer w = new DoublePointer(n);
        int info = switch (driver) {
            case "dsyevd" -> openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'L', n, a, n, w);
            case "dsyev_2stage" -> openblas.LAPACKE_dsyev_2stage(openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'L', n, a, n, w);
            default -> throw new IllegalArgumentException("unknown LAPACK driver " + driver);
        };
        if (info != 0) {
            throw new NumericalFailure(driver + " failed with info=" + info);
        }
        double[] out = new double[n];
        w.get(out);
        w.close();
        return out;
    }
}
