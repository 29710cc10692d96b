package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The contract every eigensolver meets; one subclass per implementation. */
abstract class EigensolverCheck {

    abstract Eigensolver solver();

    @Test
    void tridiagonalToeplitzHasItsKnownSpectrum() {
        // eigenvalues of tridiag(-1, 2, -1): 2 - 2 cos(k pi / (n + 1)), k = 1..n
        int n = 200;
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        for (int i = 0; i < n; i++) {
            m.setDiagonal(i, 2);
            if (i + 1 < n) {
                m.setSymmetric(i, i + 1, -1);
            }
        }
        double[] eig = solver().eigenvalues(m);
        for (int k = 1; k <= n; k++) {
            assertEquals(2 - 2 * Math.cos(k * Math.PI / (n + 1)), eig[k - 1], 1e-12);
        }
    }

    @Test
    void agreesWithTheReferenceOnAHessian() {
        int n = 300;
        StudyPoint point = new StudyPoint(n, 0.01, 0.3, 1.0);
        long seed = Seeds.realizationSeed(3, point, 0);
        double[] kappa = Disorder.kappa(seed, n, 1.0);
        SymmetricMatrix a = SymmetricMatrix.allocate(n);
        SymmetricMatrix b = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(seed, 0.3, a, 1);
        Disorder.fillCouplings(seed, 0.3, b, 1);
        for (int i = 0; i < n; i++) {
            a.setDiagonal(i, kappa[i]);
            b.setDiagonal(i, kappa[i]);
        }
        double trace = a.trace();
        double frobenius = a.frobeniusSquared();
        double[] ours = solver().eigenvalues(a);
        double[] reference = Eigensolver.ejml().eigenvalues(b);
        double scale = Math.max(Math.abs(reference[0]), Math.abs(reference[n - 1]));
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(reference[i], ours[i], 1e-10 * scale, "eigenvalue " + i);
            sum += ours[i];
            sum2 += ours[i] * ours[i];
            if (i > 0) {
                assertEquals(true, ours[i] >= ours[i - 1], "ascending");
            }
        }
        assertEquals(trace, sum, 1e-10 * n * scale);
        assertEquals(frobenius, sum2, 1e-10 * frobenius);
    }
}
