package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --disorder common: points that differ only in h, J or kappa0 share u and g. */
class CommonDisorderTest {

    private static final StudyPoint A = new StudyPoint(128, 0.01, 0.1, 1.0, StudyPoint.COMMON);
    private static final StudyPoint B = new StudyPoint(128, 0.03, 0.4, 2.5, StudyPoint.COMMON);

    @Test
    void twoCommonPointsShareUAndGExactly() {
        for (long r : new long[] {0, 1, 17}) {
            long sa = Seeds.realizationSeed(9, A, r);
            long sb = Seeds.realizationSeed(9, B, r);
            assertEquals(sa, sb, "the seed depends on (seed, N, realization) alone");
            // u: kappa_i = kappa0 u_i with the same u (one multiplication: exact)
            double[] u = Disorder.kappa(sa, A.N(), 1.0);
            double[] ka = Disorder.kappa(sa, A.N(), A.kappa0());
            double[] kb = Disorder.kappa(sb, B.N(), B.kappa0());
            for (int i = 0; i < u.length; i++) {
                assertEquals(A.kappa0() * u[i], ka[i], 0.0);
                assertEquals(B.kappa0() * u[i], kb[i], 0.0);
            }
            // g: J_ij = (J / sqrt(N)) g_ij with the same g
            SymmetricMatrix ma = SymmetricMatrix.allocate(A.N());
            SymmetricMatrix mb = SymmetricMatrix.allocate(B.N());
            Disorder.fillCouplings(sa, A.J(), ma, 1);
            Disorder.fillCouplings(sb, B.J(), mb, 2);
            double sigmaA = A.J() / Math.sqrt(A.N());
            double sigmaB = B.J() / Math.sqrt(B.N());
            for (int i = 0; i < A.N(); i++) {
                for (int j = i + 1; j < A.N(); j++) {
                    assertEquals(ma.get(i, j) / sigmaA, mb.get(i, j) / sigmaB, 1e-15 * Math.abs(ma.get(i, j) / sigmaA) + 1e-300);
                }
            }
        }
    }

    @Test
    void commonSeedsStillDifferAcrossRealizationsSizesSeedsAndModes() {
        assertNotEquals(Seeds.realizationSeed(9, A, 0), Seeds.realizationSeed(9, A, 1));
        assertNotEquals(Seeds.realizationSeed(9, A, 0), Seeds.realizationSeed(10, A, 0));
        assertNotEquals(Seeds.realizationSeed(9, A, 0),
                Seeds.realizationSeed(9, new StudyPoint(256, 0.01, 0.1, 1.0, StudyPoint.COMMON), 0));
        StudyPoint independent = new StudyPoint(128, 0.01, 0.1, 1.0);
        assertNotEquals(Seeds.realizationSeed(9, A, 0), Seeds.realizationSeed(9, independent, 0));
        assertNotEquals(Seeds.realizationSeed(9, independent, 0),
                Seeds.realizationSeed(9, new StudyPoint(128, 0.01, 0.4, 1.0), 0), "independent: J enters");
    }

    @Test
    void theModeEntersTheIdOnlyWhenCommon() {
        StudyPoint independent = new StudyPoint(256, 0.01, 0.05, 1.0);
        assertEquals(independent, new StudyPoint(256, 0.01, 0.05, 1.0, StudyPoint.INDEPENDENT));
        assertEquals("{\"J\":0.05,\"N\":256,\"h\":0.01,\"kappa0\":1.0}", independent.canonicalJson());
        assertEquals("08e4db4a7e79", independent.id(), "the id the test profile always had");
        StudyPoint common = new StudyPoint(256, 0.01, 0.05, 1.0, StudyPoint.COMMON);
        assertEquals("{\"J\":0.05,\"N\":256,\"disorder\":\"common\",\"h\":0.01,\"kappa0\":1.0}", common.canonicalJson());
        assertNotEquals(independent.id(), common.id());
        assertThrows(IllegalArgumentException.class, () -> new StudyPoint(256, 0.01, 0.05, 1.0, "shared"));
    }

    @Test
    void commonAndIndependentDisorderHaveTheSameStatistics() {
        // mean and variance of u and g over many realizations: the same distributions in both modes
        int n = 64;
        double[] common = moments(new StudyPoint(n, 0.01, 0.2, 1.0, StudyPoint.COMMON), 200);
        double[] independent = moments(new StudyPoint(n, 0.01, 0.2, 1.0), 200);
        long pairs = 200L * n * (n - 1) / 2;
        assertEquals(0.5, common[0], 4 * Math.sqrt(1.0 / 12 / (200 * n)));
        assertEquals(independent[0], common[0], 6 * Math.sqrt(1.0 / 12 / (200 * n)));
        assertEquals(0.0, common[1], 4 / Math.sqrt(pairs));
        assertEquals(1.0, common[2], 4 * Math.sqrt(2.0 / pairs));
        assertEquals(independent[2], common[2], 6 * Math.sqrt(2.0 / pairs));
        assertArrayEquals(common, moments(new StudyPoint(n, 0.05, 0.7, 3.0, StudyPoint.COMMON), 200), 1e-12,
                "another common point: the same u and g, the same moments");
    }

    /** {mean u, mean g, mean g^2} over realizations 0..count-1 of a point. */
    private static double[] moments(StudyPoint p, int count) {
        double su = 0;
        double sg = 0;
        double sg2 = 0;
        long nu = 0;
        long ng = 0;
        SymmetricMatrix m = SymmetricMatrix.allocate(p.N());
        double sigma = p.J() / Math.sqrt(p.N());
        for (int r = 0; r < count; r++) {
            long seed = Seeds.realizationSeed(5, p, r);
            for (double k : Disorder.kappa(seed, p.N(), p.kappa0())) {
                su += k / p.kappa0();
                nu++;
            }
            Disorder.fillCouplings(seed, p.J(), m, 1);
            for (int i = 0; i < p.N(); i++) {
                for (int j = i + 1; j < p.N(); j++) {
                    double g = m.get(i, j) / sigma;
                    sg += g;
                    sg2 += g * g;
                    ng++;
                }
            }
        }
        return new double[] {su / nu, sg / ng, sg2 / ng};
    }
}
