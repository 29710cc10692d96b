package org.khgps.core;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * diag(M^-1) of a symmetric positive definite M, for the per-site reaction of {@link Cavity}.
 * From the Cholesky factor M = L L^T: M^-1 = L^-T L^-1, so (M^-1)_ii is the squared norm of
 * column i of L^-1 (lower triangular). LAPACK dtrtri inverts L in place (N^3/3 flops, about one
 * Cholesky), then one pass over the factor sums the squares: no N x N workspace besides the matrix.
 */
public final class InverseDiagonal {

    private InverseDiagonal() {
    }

    /**
     * diag(M^-1) of M held in {@code m} (both triangles; overwritten), or null when M is not
     * positive definite (Cholesky fails: not a minimum).
     */
    public static double[] of(SymmetricMatrix m) {
        int n = m.size();
        if (!NativeLinalg.available()) {
            return java(m);
        }
        DoublePointer a = new DoublePointer(m.buffer());
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, a, n);
        if (info < 0) {
            throw new IllegalStateException("dpotrf: argument " + (-info) + " invalid");
        }
        return info > 0 ? null : fromFactor(m);
    }

    /**
     * diag(M^-1) from the Cholesky factor L in {@code m}'s lower triangle, column-major (as dpotrf
     * 'L' leaves it, with L's diagonal): L is overwritten by its inverse.
     */
    public static double[] fromFactor(SymmetricMatrix m) {
        int n = m.size();
        DoublePointer a = new DoublePointer(m.buffer());
        int info = openblas.LAPACKE_dtrtri(openblas.LAPACK_COL_MAJOR, (byte) 'L', (byte) 'N', n, a, n);
        if (info != 0) {
            throw new NumericalFailure("dtrtri: the Cholesky factor is singular (info " + info + ")");
        }
        double[] diagonal = new double[n];
        var buffer = m.buffer();
        for (int i = 0; i < n; i++) {
            // column i of L^-1 (column-major lower): rows i .. n-1, contiguous
            long base = (long) i * n;
            double s = 0;
            for (int p = i; p < n; p++) {
                double v = buffer.get((int) (base + p));
                s += v * v;
            }
            diagonal[i] = s;
        }
        return diagonal;
    }

    /** The same by EJML's inverse (no native library: small N, tests). */
    private static double[] java(SymmetricMatrix m) {
        int n = m.size();
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, m.get(i, j));
            }
        }
        var chol = org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(a.copy())) {
            return null;
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(a, inverse)) {
            return null;
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = inverse.get(i, i);
        }
        return diagonal;
    }
}
