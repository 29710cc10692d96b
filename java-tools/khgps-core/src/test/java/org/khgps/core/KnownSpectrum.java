package org.khgps.core;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A symmetric matrix whose eigenvalues are known in closed form: the reference the eigensolver
 * contracts ({@link EigensolverCheck}, {@link EigenpairCheck}) check every solver against, so
 * that no solver is its own reference.
 *
 * @param entries     the matrix, row-major
 * @param eigenvalues its eigenvalues, ascending, from the formula (not from a solver)
 */
record KnownSpectrum(String name, int n, double[] entries, double[] eigenvalues) {

    /** Every case, each small enough for a pure-Java solver and large enough to take a blocked path. */
    static List<KnownSpectrum> all() {
        return List.of(toeplitz(200, 2, -1), toeplitz(150, 0.5, 0.7), rotatedDiagonal(150, 11), rankOneUpdate(120, 2.5, 5),
                rankOneUpdate(120, -0.5, 6), hessianAtZeroCoupling(300, 0.01, 1.0, 3));
    }

    /** A fresh copy (solvers may overwrite their input). */
    SymmetricMatrix matrix() {
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        m.buffer().put(0, entries);
        return m;
    }

    /** Largest |eigenvalue|, the 2-norm, the scale of a backward-stable solver's error. */
    double norm() {
        return Math.max(Math.abs(eigenvalues[0]), Math.abs(eigenvalues[n - 1]));
    }

    double[] diagonal() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = entries[i * n + i];
        }
        return d;
    }

    @Override
    public String toString() {
        return name;
    }

    /** tridiag(b, a, b) of size n: a + 2 b cos(k pi / (n + 1)), k = 1..n. */
    static KnownSpectrum toeplitz(int n, double a, double b) {
        double[] m = new double[n * n];
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = a;
            if (i + 1 < n) {
                m[i * n + i + 1] = b;
                m[(i + 1) * n + i] = b;
            }
            eig[i] = a + 2 * b * Math.cos((i + 1) * Math.PI / (n + 1));
        }
        Arrays.sort(eig);
        return new KnownSpectrum("tridiag(" + b + ", " + a + ", " + b + "), n = " + n, n, m, eig);
    }

    /**
     * Q D Q^T, Q a product of three Householder reflections: eigenvalues D, spread over [-3, 3]
     * with an exactly double one and a pair 1e-9 apart; a full matrix, nothing diagonal left.
     */
    static KnownSpectrum rotatedDiagonal(int n, long seed) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -3 + 6.0 * i / (n - 1);
        }
        d[41] = d[40];
        d[91] = d[90] + 1e-9;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = d[i];
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < 3; r++) {
            reflect(m, n, unitVector(rng, n), 0);
        }
        return new KnownSpectrum("Q D Q^T, n = " + n, n, m, sorted(d));
    }

    /** I + c u u^T, |u| = 1: eigenvalue 1 (n - 1 times) and 1 + c. */
    static KnownSpectrum rankOneUpdate(int n, double c, long seed) {
        double[] u = unitVector(new SplittableRandom(seed), n);
        double[] m = new double[n * n];
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = (i == j ? 1 : 0) + c * u[i] * u[j];
            }
            eig[i] = i == 0 ? 1 + c : 1;
        }
        return new KnownSpectrum("I + " + c + " u u^T, n = " + n, n, m, sorted(eig));
    }

    /**
     * The KHGPS Hessian at J = 0 and the minimum of every site (kappa_i x + x^3/6 = h, solved
     * here by Newton): diagonal, eigenvalues kappa_i + x_i^2/2.
     */
    static KnownSpectrum hessianAtZeroCoupling(int n, double h, double kappa0, long seed) {
        double[] kappa = Disorder.kappa(Seeds.realizationSeed(seed, new StudyPoint(n, h, 0.0, kappa0), 0), n, kappa0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double xi = h / kappa[i];
            for (int it = 0; it < 100; it++) {
                xi -= (kappa[i] * xi + xi * xi * xi / 6 - h) / (kappa[i] + xi * xi / 2);
            }
            x[i] = xi;
        }
        double[] d = new double[n]; // the closed form, written here rather than taken from Hessian
        for (int i = 0; i < n; i++) {
            d[i] = kappa[i] + x[i] * x[i] / 2;
        }
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = d[i];
        }
        return new KnownSpectrum("KHGPS Hessian at J = 0, n = " + n, n, m, sorted(d));
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[] unitVector(SplittableRandom rng, int n) {
        double[] u = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            u[i] = rng.nextDouble(-1, 1);
            norm += u[i] * u[i];
        }
        for (int i = 0; i < n; i++) {
            u[i] /= Math.sqrt(norm);
        }
        return u;
    }

    /**
     * A := H A H on the trailing block [from, n) of row-major symmetric {@code a}, H = I - 2 u u^T
     * with unit u of length n - from: A - 2 u q^T - 2 q u^T with p = A u, q = p - (u.p) u.
     */
    static void reflect(double[] a, int n, double[] u, int from) {
        int m = n - from;
        double[] p = new double[m];
        double up = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += a[(from + i) * n + from + j] * u[j];
            }
            p[i] = s;
            up += u[i] * s;
        }
        for (int i = 0; i < m; i++) {
            p[i] -= up * u[i];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[(from + i) * n + from + j] -= 2 * (u[i] * p[j] + p[i] * u[j]);
            }
        }
    }

    /**
     * How many eigenvalues lie below sigma, by a second algorithm: the Sturm sequence of the
     * {@link #tridiagonalize tridiagonal form} (the inertia of T - sigma I, Sylvester's law).
     * Independent of every solver under test.
     */
    static int countBelow(double[][] tridiagonal, double sigma) {
        double[] d = tridiagonal[0];
        double[] e = tridiagonal[1];
        int count = 0;
        double q = 1;
        for (int i = 0; i < d.length; i++) {
            q = d[i] - sigma - (i == 0 ? 0 : e[i - 1] * e[i - 1] / q);
            if (q == 0) {
                q = -Double.MIN_NORMAL; // sigma hit an eigenvalue of a leading block: perturb
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }

    /** {diagonal, off-diagonal} of a tridiagonal matrix orthogonally similar to {@code a}. */
    static double[][] tridiagonalize(double[] matrix, int n) {
        double[] a = matrix.clone();
        for (int k = 0; k + 2 < n; k++) {
            int m = n - k - 1;
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += a[(k + 1 + i) * n + k] * a[(k + 1 + i) * n + k];
            }
            norm = Math.sqrt(norm);
            double x0 = a[(k + 1) * n + k];
            double alpha = x0 >= 0 ? -norm : norm;
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = a[(k + 1 + i) * n + k];
            }
            u[0] -= alpha;
            double un = 0;
            for (double v : u) {
                un += v * v;
            }
            if (un == 0) {
                continue; // the column is already reduced
            }
            for (int i = 0; i < m; i++) {
                u[i] /= Math.sqrt(un);
            }
            reflect(a, n, u, k + 1);
            for (int i = 0; i < m; i++) {
                double v = i == 0 ? alpha : 0;
                a[(k + 1 + i) * n + k] = v;
                a[k * n + k + 1 + i] = v;
            }
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(0, n - 1)];
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
            if (i + 1 < n) {
                e[i] = a[(i + 1) * n + i];
            }
        }
        return new double[][] {d, e};
    }
}
