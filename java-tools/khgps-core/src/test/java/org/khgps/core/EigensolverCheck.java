package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every eigensolver meets, one subclass per implementation, each checked against
 * mathematics and never against another solver: spectra known in closed form
 * ({@link KnownSpectrum}), and on a disorder matrix with no closed form, the count of
 * eigenvalues below a point from an independent Sturm sequence, the trace and the Frobenius norm.
 */
abstract class EigensolverCheck {

    abstract Eigensolver solver();

    static List<KnownSpectrum> known() {
        return KnownSpectrum.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("known")
    void givesTheClosedFormSpectrum(KnownSpectrum c) {
        double[] eig = solver().eigenvalues(c.matrix());
        assertEquals(c.n(), eig.length);
        double tolerance = 1e-14 * c.n() * c.norm();
        for (int k = 0; k < c.n(); k++) {
            assertEquals(c.eigenvalues()[k], eig[k], tolerance, "eigenvalue " + k + " of " + c);
        }
    }

    @Test
    void countsEigenvaluesLikeASturmSequenceOnADisorderMatrix() {
        // kappa_i on the diagonal, J_ij off it: the Hessian at x = 0 of one realization
        int n = 300;
        StudyPoint point = new StudyPoint(n, 0.01, 0.3, 1.0);
        long seed = Seeds.realizationSeed(3, point, 0);
        double[] kappa = Disorder.kappa(seed, n, 1.0);
        SymmetricMatrix a = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(seed, 0.3, a, 1);
        for (int i = 0; i < n; i++) {
            a.setDiagonal(i, kappa[i]);
        }
        double[] entries = a.toArray();
        double trace = a.trace();
        double frobenius = a.frobeniusSquared();
        double[][] tridiagonal = KnownSpectrum.tridiagonalize(entries, n);

        double[] eig = solver().eigenvalues(a);
        double scale = Math.max(Math.abs(eig[0]), Math.abs(eig[n - 1]));
        double delta = 1e-11 * scale;
        assertEquals(0, KnownSpectrum.countBelow(tridiagonal, eig[0] - delta), "below the lowest");
        assertEquals(n, KnownSpectrum.countBelow(tridiagonal, eig[n - 1] + delta), "below the highest");
        int separated = 0;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            sum += eig[i];
            sum2 += eig[i] * eig[i];
            if (i + 1 < n) {
                assertTrue(eig[i + 1] >= eig[i], "ascending at " + i);
                if (eig[i + 1] - eig[i] > 2 * delta) {
                    // each computed eigenvalue within delta of a true one: i + 1 of them below the gap
                    assertEquals(i + 1, KnownSpectrum.countBelow(tridiagonal, eig[i] + delta), "below eigenvalue " + i + " + delta");
                    assertEquals(i, KnownSpectrum.countBelow(tridiagonal, eig[i] - delta), "below eigenvalue " + i + " - delta");
                    separated++;
                }
            }
        }
        assertTrue(separated > n / 2, "most eigenvalues separated enough to be checked one by one: " + separated);
        assertEquals(trace, sum, 1e-12 * n * scale, "sum of eigenvalues = trace");
        assertEquals(frobenius, sum2, 1e-12 * frobenius, "sum of squared eigenvalues = Frobenius norm squared");
    }
}
