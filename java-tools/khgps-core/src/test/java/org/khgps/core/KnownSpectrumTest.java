package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The independent references of the eigensolver contracts, checked themselves. */
class KnownSpectrumTest {

    @Test
    void theSturmCountFindsEachEigenvalueOfAKnownSpectrum() {
        KnownSpectrum c = KnownSpectrum.rotatedDiagonal(150, 11);
        double[][] t = KnownSpectrum.tridiagonalize(c.entries(), c.n());
        double[] eig = c.eigenvalues();
        assertEquals(0, KnownSpectrum.countBelow(t, eig[0] - 1e-6));
        for (int i = 0; i + 1 < c.n(); i++) {
            if (eig[i + 1] - eig[i] > 1e-6) {
                assertEquals(i + 1, KnownSpectrum.countBelow(t, 0.5 * (eig[i] + eig[i + 1])), "between " + i + " and " + (i + 1));
            }
        }
        assertEquals(c.n(), KnownSpectrum.countBelow(t, eig[c.n() - 1] + 1e-6));
    }

    @Test
    void theTridiagonalFormKeepsTraceAndFrobeniusNorm() {
        KnownSpectrum c = KnownSpectrum.rankOneUpdate(120, 2.5, 5);
        double[][] t = KnownSpectrum.tridiagonalize(c.entries(), c.n());
        double trace = 0;
        double frobenius = 0;
        for (double d : t[0]) {
            trace += d;
            frobenius += d * d;
        }
        for (double e : t[1]) {
            frobenius += 2 * e * e;
        }
        assertEquals(c.n() + 2.5, trace, 1e-12); // n - 1 ones and 1 + c
        assertEquals(c.n() - 1 + 3.5 * 3.5, frobenius, 1e-11);
    }
}
