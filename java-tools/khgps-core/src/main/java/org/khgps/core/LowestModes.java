package org.khgps.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The K lowest eigenpairs of the Hessian M at a minimum, without the full spectrum.
 *
 * <p>Shift-invert at sigma = 0: at a minimum M is positive definite, so M = L L^T (LAPACK
 * dpotrf, in place on the off-heap matrix) and the lowest eigenvalues of M are the largest of
 * A = M^-1, which a block Lanczos iteration finds from products A Q = L^-T L^-1 Q (dpotrs: two
 * blocked triangular solves, compute-bound for a block of b vectors). Why block Lanczos: the
 * spectrum of A is widely spread at its top (1/lambda over the omega^4 tail) and packed near 0
 * (the bulk), the case where a Krylov space converges in few steps; subspace iteration would
 * converge only as (lambda_K / lambda_p)^steps, hundreds of block solves. Full
 * reorthogonalization (two classical Gram-Schmidt passes, dgemm) keeps the basis orthonormal;
 * it is cheap while the basis is a few K wide.
 *
 * <p>Each Ritz vector's eigenvalue is then its Rayleigh quotient on M itself (M is still there:
 * dpotrf leaves the other triangle alone, and the diagonal is put back), and the iteration stops
 * when every one of the K pairs has a residual ||M psi - lambda psi|| <= tolerance x lambda_K,
 * lambda_K the largest of them (stricter than relative to ||M||). A failed Cholesky means M has
 * an eigenvalue <= 0, the point is not a minimum: then the caller refills the matrix and all
 * eigenpairs come from dsyevd, with the negative ones counted.
 *
 * <p>Deterministic: the start block comes from the given seed and every kernel is called on
 * single-threaded BLAS in lanes, so a realization's pairs do not depend on the task.
 */
public final class LowestModes {

    /** Default residual bound, relative to the largest of the K eigenvalues. */
    public static final double TOLERANCE = 1e-10;

    /** Default number of modes: 2% of N (at least 1). */
    public static int defaultModes(int n) {
        return Math.max(1, (int) Math.ceil(0.02 * n));
    }

    /**
     * The K lowest eigenpairs, ascending.
     *
     * @param lambda      eigenvalues, ascending
     * @param vectors     eigenvector k in {@code vectors[k]}, unit norm, its largest-magnitude
     *                    component positive
     * @param residual    max over k of ||M psi_k - lambda_k psi_k|| / max(|lambda_K|, tiny)
     * @param negative    eigenvalues below 0 (counted on the full spectrum when Cholesky failed)
     * @param fullSpectrum true when Cholesky failed (or N is small) and the full decomposition ran
     * @param krylov      size of the Krylov basis at convergence (0 for the full decomposition)
     */
    public record Result(double[] lambda, double[][] vectors, double residual, int negative, boolean fullSpectrum,
                         int krylov) {
    }

    /** Refills the matrix with M after a failed Cholesky destroyed one triangle. */
    public interface Refill {
        void refill(SymmetricMatrix m);
    }

    static final boolean DEBUG = Boolean.getBoolean("khgps.debugLanczos");

    private LowestModes() {
    }

    /**
     * Block width. Wider blocks make the triangular solves compute-bound (dtrsm on b columns reads
     * the factor once per block), narrower ones need fewer Krylov columns: h = 0.01, J = 0.2,
     * N = 2000, K = 40 converged at 146 columns with b = 1, 216 with 4, 288 with 8, 416 with 16,
     * 608 with 32, and the time was flat from b = 4 to 16; at N = 4000, K = 80, b = 16 beat 8 and 32.
     */
    static int blockSize(int k) {
        return Math.max(8, Math.min(32, 8 * (int) Math.round(k / 40.0)));
    }

    /**
     * Most Krylov columns kept: the runs above converged at 5-7 K (K >= 40), small K needs more
     * blocks; a realization that has not converged by 8 K + 16 b gets the full decomposition.
     */
    static int maxBasis(int n, int k, int b) {
        return Math.min(n - 1, 8 * k + 16 * b);
    }

    /** Off-heap bytes one call needs besides the matrix (basis, Ritz vectors, scratch). */
    public static long workBytes(int n, int k) {
        int b = blockSize(k);
        return 8L * n * (maxBasis(n, k, b) + 2L * k + 2L * b);
    }

    /**
     * @param m        holds M (both triangles); overwritten
     * @param diagonal M's diagonal (kappa_i + x_i^2/2)
     * @param k        how many of the lowest pairs
     * @param seed     of the random start block
     * @param refill   puts M back into {@code m} if Cholesky fails
     */
    public static Result compute(SymmetricMatrix m, double[] diagonal, int k, long seed, double tolerance,
                                 Refill refill) {
        int n = m.size();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("modes must be in [1, N = " + n + "], got " + k);
        }
        int b = blockSize(k);
        if (!NativeLinalg.available()) {
            return full(m, k);
        }
        if (maxBasis(n, k, b) < k + 2 * b) {
            return nativeFull(m, k); // too small for a Krylov space to pay
        }
        DoublePointer a = new DoublePointer(m.buffer());
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, a, n);
        if (info < 0) {
            throw new IllegalStateException("dpotrf: argument " + (-info) + " invalid");
        }
        if (info > 0) {
            refill.refill(m);
            return nativeFull(m, k);
        }
        Result result = new Lanczos(m, a, diagonal, k, b, seed, tolerance).run();
        if (result.residual() <= tolerance) {
            return result;
        }
        refill.refill(m); // the Krylov basis is full before convergence: rare, and never a wrong answer
        return nativeFull(m, k);
    }

    /** Full spectrum with vectors by LAPACK dsyevd; the lowest k pairs kept. */
    static Result nativeFull(SymmetricMatrix m, int k) {
        if (!NativeLinalg.available()) {
            return full(m, k);
        }
        int n = m.size();
        DoublePointer a = new DoublePointer(m.buffer());
        DoublePointer w = new DoublePointer(n);
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'L', n, a, n, w);
        if (info != 0) {
            throw new NumericalFailure("dsyevd failed with info=" + info);
        }
        double[] all = new double[n];
        w.get(all);
        w.close();
        double[][] vectors = new double[k][n];
        DoubleBuffer buf = m.buffer();
        for (int j = 0; j < k; j++) {
            buf.get(j * n, vectors[j], 0, n); // column j of the column-major result
        }
        return finish(Arrays.copyOf(all, k), vectors, all);
    }

    /** Full spectrum with vectors in pure Java (EJML), where native LAPACK is unavailable. */
    static Result full(SymmetricMatrix m, int k) {
        int n = m.size();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(DMatrixRMaj.wrap(n, n, m.toArray()))) {
            throw new NumericalFailure("EJML symmetric eigen decomposition did not converge");
        }
        Integer[] order = new Integer[n];
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            all[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (p, q) -> Double.compare(all[p], all[q]));
        double[] lambda = new double[k];
        double[][] vectors = new double[k][];
        for (int j = 0; j < k; j++) {
            lambda[j] = all[order[j]];
            vectors[j] = eig.getEigenVector(order[j]).getData().clone();
        }
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        return finish(lambda, vectors, sorted);
    }

    private static Result finish(double[] lambda, double[][] vectors, double[] all) {
        int negative = 0;
        for (double l : all) {
            if (l < 0) {
                negative++;
            }
        }
        for (double[] v : vectors) {
            normalizeSign(v);
        }
        // the residual of a dense solver is at rounding level; not recomputed (no M left)
        return new Result(lambda, vectors, 0.0, negative, true, 0);
    }

    /** Unit norm, largest-magnitude component positive: one representative per eigenvector. */
    static void normalizeSign(double[] v) {
        double norm = 0;
        int big = 0;
        for (int i = 0; i < v.length; i++) {
            norm += v[i] * v[i];
            if (Math.abs(v[i]) > Math.abs(v[big])) {
                big = i;
            }
        }
        double s = (v[big] < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }

    private static DoublePointer direct(long doubles) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(doubles * Double.BYTES)).order(ByteOrder.nativeOrder());
        return new DoublePointer(bytes.asDoubleBuffer());
    }

    private static DoublePointer at(DoublePointer p, long offset) {
        return new DoublePointer(p).position(p.position() + offset);
    }

    /** The iteration's state: basis Q (N x maxBasis, column-major), projected matrix T. */
    private static final class Lanczos {
        private final SymmetricMatrix m;
        private final DoublePointer a;
        private final double[] diagonal;
        private final double[] choleskyDiagonal;
        private final int n;
        private final int k;
        private final int b;
        private final int maxBasis;
        private final double tolerance;
        private final DoublePointer q;
        private final DoublePointer w;
        private final DoublePointer c;
        private final DoublePointer tau;
        private final double[] t;
        private final long seed;

        Lanczos(SymmetricMatrix m, DoublePointer a, double[] diagonal, int k, int b, long seed, double tolerance) {
            this.m = m;
            this.a = a;
            this.diagonal = diagonal;
            this.n = m.size();
            this.k = k;
            this.b = b;
            this.seed = seed;
            this.tolerance = tolerance;
            this.maxBasis = maxBasis(n, k, b);
            this.q = direct((long) n * (maxBasis + b));
            this.w = direct((long) n * b);
            this.c = direct((long) (maxBasis + b) * b);
            this.tau = new DoublePointer(b);
            this.t = new double[(maxBasis + b) * (maxBasis + b)];
            this.choleskyDiagonal = new double[n];
            for (int i = 0; i < n; i++) {
                choleskyDiagonal[i] = m.get(i, i);
            }
        }

        Result run() {
            startBlock();
            int size = b; // columns of Q holding the basis
            int nextCheck = k + 2 * b;
            double floor = 0;
            Result best = null;
            while (true) {
                int j = size - b; // first column of the newest block
                long t0 = System.nanoTime();
                // W = A Q_j: copy the block, then two triangular solves with the Cholesky factor
                copy(at(q, (long) j * n), w, (long) n * b);
                solve(w);
                long t1 = System.nanoTime();
                // two passes of block Gram-Schmidt against the whole basis; coefficients into T
                for (int pass = 0; pass < 2; pass++) {
                    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans, openblas.CblasNoTrans, size, b, n,
                            1.0, q, n, w, n, 0.0, c, size);
                    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, b, size,
                            -1.0, q, n, c, size, 1.0, w, n);
                    for (int col = 0; col < b; col++) {
                        for (int row = 0; row < size; row++) {
                            t[(j + col) * tDim() + row] += c.get((long) col * size + row);
                        }
                    }
                }
                // W = Q_{j+1} R: the next block and the coupling R (T's subdiagonal block)
                double[] r = qr(w);
                copy(w, at(q, (long) size * n), (long) n * b);
                long t2 = System.nanoTime();
                solveNanos += t1 - t0;
                orthoNanos += t2 - t1;
                boolean last = size + b > maxBasis;
                if (size >= nextCheck || last) {
                    long t3 = System.nanoTime();
                    Ritz ritz = ritz(size, j, r);
                    ritzNanos += System.nanoTime() - t3;
                    floor = Math.max(floor, 64 * Math.ulp(1.0) * ritz.theta[0] * Math.sqrt(size));
                    double worst = ritz.worst(tolerance, floor);
                    if (DEBUG) {
                        System.err.printf("lanczos: size %d, worst estimate/target %.3e%n", size, worst);
                    }
                    if (worst <= 1 || last) {
                        long t4 = System.nanoTime();
                        Result result = vectors(ritz, size);
                        ritzNanos += System.nanoTime() - t4;
                        if (DEBUG) {
                            System.err.printf("lanczos: size %d, residual on M %.3e; solves %.3f s, orthogonalization %.3f s, "
                                    + "Ritz %.3f s%n", size, result.residual(), solveNanos * 1e-9, orthoNanos * 1e-9,
                                    ritzNanos * 1e-9);
                        }
                        if (best == null || result.residual() < best.residual()) {
                            best = result;
                        }
                        if (result.residual() <= tolerance || last) {
                            return best;
                        }
                        estimateFactor *= 1e-2; // the estimate was optimistic here: ask more of it
                        nextCheck = size + b;
                    } else {
                        nextCheck = size + b * blocksToWait(worst, size);
                    }
                    lastWorst = worst;
                    lastCheck = size;
                }
                size += b;
            }
        }

        private double lastWorst = Double.NaN;
        private int lastCheck;

        /**
         * Blocks until the next look at the Ritz pairs (each look costs an eigensolve of T): the
         * estimates fall geometrically once they start to, so extrapolate the last two looks and
         * stop one block short of the predicted convergence; far away and without a rate, wait
         * about a tenth of the basis.
         */
        private int blocksToWait(double worst, int size) {
            double rate = Double.isNaN(lastWorst) || !(worst < lastWorst) ? Double.NaN
                    : Math.pow(worst / lastWorst, (double) b / (size - lastCheck));
            if (Double.isNaN(rate) || rate >= 0.9) {
                return worst > 1e4 ? Math.max(1, size / (10 * b)) : 1;
            }
            int predicted = (int) Math.ceil(Math.log(worst) / -Math.log(rate));
            return Math.max(1, Math.min(predicted - 1, 8));
        }

        private long solveNanos;
        private long orthoNanos;
        private long ritzNanos;

        private double estimateFactor = 1e-2;

        private void tighten() {
            estimateFactor *= 1e-2;
        }

        private int tDim() {
            return maxBasis + b;
        }

        private void startBlock() {
            Xoshiro256 rng = new Xoshiro256(Seeds.streamSeed(seed, 0x5A1F7L));
            for (long i = 0; i < (long) n * b; i++) {
                w.put(i, rng.nextGaussian());
            }
            qr(w);
            copy(w, q, (long) n * b);
        }

        /**
         * W = A W = M^-1 W with the Cholesky factor in the lower (column-major) triangle: two
         * dtrsm (LAPACKE_dpotrs would first scan the whole factor for NaN on every call).
         */
        private void solve(DoublePointer block) {
            openblas.cblas_dtrsm(openblas.CblasColMajor, openblas.CblasLeft, openblas.CblasLower, openblas.CblasNoTrans,
                    openblas.CblasNonUnit, n, b, 1.0, a, n, block, n);
            openblas.cblas_dtrsm(openblas.CblasColMajor, openblas.CblasLeft, openblas.CblasLower, openblas.CblasTrans,
                    openblas.CblasNonUnit, n, b, 1.0, a, n, block, n);
        }

        /** Householder QR of the N x b block in place: W becomes Q; returns R (b x b, column-major). */
        private double[] qr(DoublePointer block) {
            int info = openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, n, b, block, n, tau);
            if (info != 0) {
                throw new IllegalStateException("dgeqrf: info=" + info);
            }
            double[] r = new double[b * b];
            for (int col = 0; col < b; col++) {
                for (int row = 0; row <= col; row++) {
                    r[col * b + row] = block.get((long) col * n + row);
                }
            }
            info = openblas.LAPACKE_dorgqr(openblas.LAPACK_COL_MAJOR, n, b, b, block, n, tau);
            if (info != 0) {
                throw new IllegalStateException("dorgqr: info=" + info);
            }
            return r;
        }

        private static void copy(DoublePointer from, DoublePointer to, long count) {
            openblas.cblas_dcopy(Math.toIntExact(count), from, 1, to, 1);
        }

        /** Ritz pairs of the top K of T (size x size) and their Lanczos residual estimates ||R y_last||. */
        private Ritz ritz(int size, int lastBlock, double[] r) {
            DoublePointer tm = new DoublePointer((long) size * size);
            for (int col = 0; col < size; col++) {
                for (int row = 0; row <= col; row++) {
                    tm.put((long) col * size + row, t[col * tDim() + row]);
                }
            }
            // only the K largest pairs of T (dsyevr, MRRR): ascending in theta, vectors in z
            DoublePointer theta = new DoublePointer(size);
            DoublePointer z = new DoublePointer((long) size * k);
            org.bytedeco.javacpp.IntPointer found = new org.bytedeco.javacpp.IntPointer(1);
            org.bytedeco.javacpp.IntPointer support = new org.bytedeco.javacpp.IntPointer(2L * k);
            int info = openblas.LAPACKE_dsyevr(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'I', (byte) 'U', size, tm,
                    size, 0, 0, size - k + 1, size, 0.0, found, theta, z, size, support);
            if (info != 0 || found.get() != k) {
                throw new NumericalFailure("dsyevr on the projected matrix failed with info=" + info);
            }
            // descending: lowest lambda first
            double[] top = new double[k];
            double[] estimate = new double[k];
            double[] y = new double[size * k];
            for (int i = 0; i < k; i++) {
                int col = k - 1 - i;
                top[i] = theta.get(col);
                for (int row = 0; row < size; row++) {
                    y[i * size + row] = z.get((long) col * size + row);
                }
                double e2 = 0;
                for (int row = 0; row < b; row++) {
                    double s = 0;
                    for (int p = row; p < b; p++) {
                        s += r[p * b + row] * y[i * size + lastBlock + p];
                    }
                    e2 += s * s;
                }
                estimate[i] = Math.sqrt(e2);
            }
            tm.close();
            theta.close();
            z.close();
            found.close();
            support.close();
            return new Ritz(top, y, estimate);
        }

        private final class Ritz {
            final double[] theta;
            final double[] y;
            final double[] estimate;

            Ritz(double[] theta, double[] y, double[] estimate) {
                this.theta = theta;
                this.y = y;
                this.estimate = estimate;
            }

            /**
             * How far the Lanczos estimates ||R y_last|| are from e <= factor x tolerance x theta_i
             * (or the rounding floor of A's products): <= 1 means "check on M now". Measured: the
             * residual on M comes out about 8 x e / theta, so factor 1e-2 leaves a margin.
             */
            double worst(double tol, double floor) {
                double worst = 0;
                for (int i = 0; i < k; i++) {
                    worst = Math.max(worst, estimate[i] / Math.max(estimateFactor * tol * theta[i], floor));
                }
                return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
            }
        }

        /** Ritz vectors Q y, their Rayleigh quotients on M and residuals ||M psi - lambda psi||. */
        private Result vectors(Ritz ritz, int size) {
            DoublePointer psi = direct((long) n * k);
            DoublePointer mpsi = direct((long) n * k);
            DoublePointer y = new DoublePointer(ritz.y);
            openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, k, size, 1.0,
                    q, n, y, size, 0.0, psi, n);
            y.close();
            // M from the untouched upper (column-major) triangle and the saved diagonal
            setDiagonal(diagonal);
            openblas.cblas_dsymm(openblas.CblasColMajor, openblas.CblasLeft, openblas.CblasUpper, n, k, 1.0, a, n, psi, n,
                    0.0, mpsi, n);
            setDiagonal(choleskyDiagonal);
            double[] lambda = new double[k];
            double[][] vectors = new double[k][n];
            double[] res = new double[k];
            for (int i = 0; i < k; i++) {
                double[] v = vectors[i];
                double[] mv = new double[n];
                at(psi, (long) i * n).get(v, 0, n);
                at(mpsi, (long) i * n).get(mv, 0, n);
                double vv = 0;
                double vmv = 0;
                for (int p = 0; p < n; p++) {
                    vv += v[p] * v[p];
                    vmv += v[p] * mv[p];
                }
                double l = vmv / vv;
                double r2 = 0;
                for (int p = 0; p < n; p++) {
                    double d = mv[p] - l * v[p];
                    r2 += d * d;
                }
                lambda[i] = l;
                res[i] = Math.sqrt(r2 / vv);
                normalizeSign(v);
            }
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, s) -> Double.compare(lambda[p], lambda[s]));
            double[] sortedLambda = new double[k];
            double[][] sortedVectors = new double[k][];
            double worst = 0;
            for (int i = 0; i < k; i++) {
                sortedLambda[i] = lambda[order[i]];
                sortedVectors[i] = vectors[order[i]];
                worst = Math.max(worst, res[i]);
            }
            double scale = Math.max(Math.abs(sortedLambda[k - 1]), Double.MIN_NORMAL);
            return new Result(sortedLambda, sortedVectors, worst / scale, 0, false, size);
        }

        private void setDiagonal(double[] d) {
            for (int i = 0; i < n; i++) {
                m.setDiagonal(i, d[i]);
            }
        }
    }
}
