package org.khgps.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/** Eigenvalues of a symmetric matrix; implementations may overwrite the matrix. */
public interface Eigensolver {

    /** Eigenvalues in ascending order. */
    double[] eigenvalues(SymmetricMatrix matrix);

    /** What ran, for the output's provenance (e.g. "lapack:dsyevd OpenBLAS 0.3.31 ..."). */
    String describe();

    /** Native LAPACK, dsyevd below {@code twoStageFrom}, dsyev_2stage from there on. */
    static Eigensolver lapack(int twoStageFrom) {
        return new Eigensolver() {
            @Override
            public double[] eigenvalues(SymmetricMatrix matrix) {
                return NativeLinalg.eigenvalues(matrix, driver(matrix.size()));
            }

            private String driver(int n) {
                return n >= twoStageFrom ? "dsyev_2stage" : "dsyevd";
            }

            @Override
            public String describe() {
                return "lapack (dsyevd for N < " + twoStageFrom + ", dsyev_2stage above) "
                        + NativeLinalg.describe();
            }
        };
    }

    /** Pure-Java symmetric QR from EJML; needs a heap copy of the matrix. */
    static Eigensolver ejml() {
        return new Eigensolver() {
            @Override
            public double[] eigenvalues(SymmetricMatrix matrix) {
                int n = matrix.size();
                DMatrixRMaj m = DMatrixRMaj.wrap(n, n, matrix.toArray());
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
                if (!eig.decompose(m)) {
                    throw new NumericalFailure("EJML symmetric eigen decomposition did not converge");
                }
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = eig.getEigenvalue(i).getReal();
                }
                Arrays.sort(out);
                return out;
            }

            @Override
            public String describe() {
                return "ejml " + org.ejml.EjmlVersion.VERSION + " (symmetric QR, pure Java)";
            }
        };
    }

    /** Crossover from dsyevd to dsyev_2stage on 2 threads: equal at N = 4000, 2stage 1.6x faster at 8000 (bench/). */
    int TWO_STAGE_FROM = 4000;

    /**
     * The same on one thread (lanes), where the two-stage reduction's serial second step costs
     * nothing extra: in two lanes with huge pages, dsyevd is 13-16% faster at N = 1000-1500, the
     * two are equal at 1800, and 2stage is 2-7% faster at 2000 (6 of 6 paired chunks), 1.2x at
     * 3000 and 1.5x at 4000. Two lanes' lower triangles (2 x 16 MB at N = 2000) no longer fit a
     * 32 MB L3 there, and dsytrd sweeps its trailing matrix once per column, sy2sb once per band.
     */
    int TWO_STAGE_FROM_SINGLE_THREAD = 2000;

    /** {@link #named(String)} for kernels on {@code kernelThreads} threads (the crossover moves). */
    static Eigensolver named(String name, int kernelThreads) {
        int from = kernelThreads == 1 ? TWO_STAGE_FROM_SINGLE_THREAD : TWO_STAGE_FROM;
        return switch (name) {
            case "auto" -> NativeLinalg.available() ? lapack(from) : ejml();
            case "lapack" -> {
                if (!NativeLinalg.available()) {
                    throw new IllegalStateException("native LAPACK unavailable: " + NativeLinalg.loadError());
                }
                yield lapack(from);
            }
            case "ejml" -> ejml();
            default -> throw new IllegalArgumentException("solver must be one of auto, lapack, ejml; got " + name);
        };
    }

    /** "auto": native if it loads, else EJML; or "lapack" / "ejml" explicitly. */
    static Eigensolver named(String name) {
        return named(name, 2);
    }
}
