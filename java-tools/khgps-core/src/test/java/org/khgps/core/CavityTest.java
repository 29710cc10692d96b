package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cavity potential of one oscillator (MODEL.md, "Who carries the soft modes"): its classes on
 * hand-built sites with known wells, diag(M^-1) by Cholesky against the eigenpairs, and the
 * per-site cavity field against removing the oscillator and minimizing again.
 */
class CavityTest {

    /** The stationary points of v(y) = a y^2/2 + y^4/24 - H y by bisection on v'(y), ascending. */
    static double[] roots(double a, double field) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        double step = 1e-3;
        for (double y = -20; y < 20; y += step) {
            double f0 = a * y + y * y * y / 6 - field;
            double f1 = a * (y + step) + Math.pow(y + step, 3) / 6 - field;
            if (f0 == 0 || f0 * f1 < 0) {
                double lo = y;
                double hi = y + step;
                for (int k = 0; k < 200; k++) {
                    double mid = 0.5 * (lo + hi);
                    double fm = a * mid + mid * mid * mid / 6 - field;
                    if ((a * lo + lo * lo * lo / 6 - field) * fm <= 0) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                out.add(0.5 * (lo + hi));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A site with a given cavity potential (a, H) and x at a chosen root: kappa = a + r for a
     * reaction r, and (M^-1)_ii = 1 / (a + x^2/2), the curvature of v there.
     */
    @ParameterizedTest(name = "a = {0}, H = {1}, x at root {2}: {3}")
    @CsvSource({
        // a >= 0: one well, whatever H
        " 0.3,  0.05, 0, 0",
        // a < 0, |H| >= H_sp(-1) = 0.9428: one well, tilted
        "-1.0,  1.2,  0, 1",
        "-1.0, -1.0,  0, 1",
        // a < 0, |H| < H_sp: two wells; x in the deeper (sign x = sign H) or the shallower
        "-1.0,  0.3,  2, 2",
        "-1.0,  0.3,  0, 3",
        "-1.0, -0.3,  0, 2",
        "-1.0, -0.3,  2, 3",
        // near the spinodal: the shallower well is about to vanish
        "-0.5,  0.3,  0, 3",
    })
    void classifiesSitesWithKnownWells(double a, double field, int root, int kind) {
        double reaction = 0.37;
        double x = roots(a, field)[root];
        double inverse = 1 / Cavity.curvature(a, x);
        Cavity.Site site = Cavity.site(a + reaction, x, inverse);

        assertEquals(kind, site.kind(), Cavity.NAMES[kind]);
        assertEquals(reaction, site.reaction(), 1e-12);
        assertEquals(a, site.a(), 1e-12);
        assertEquals(field, site.field(), 1e-9);
        if (a < 0) {
            assertEquals((2.0 / 3.0) * (-a) * Math.sqrt(-2 * a) - Math.abs(field), site.spinodalDistance(), 1e-9);
        }
        if (kind >= Cavity.GLOBAL) {
            // the other well: the outer root on the other side, a minimum of v
            double[] all = roots(a, field);
            double other = Cavity.otherWell(a, field, x);
            assertEquals(root == 0 ? all[2] : all[0], other, 1e-9);
            assertTrue(Cavity.curvature(a, other) > 0);
        }
    }

    @Test
    void curvatureNearTheSpinodalGoesAsTheSquareRootOfTheDistance() {
        double a = -0.8;
        double sp = Cavity.spinodalField(a);
        for (double d : new double[] {1e-3, 1e-4, 1e-5}) {
            double field = sp - d;
            // the shallower well sits at negative y for H > 0
            double y = roots(a, field)[0];
            double expected = Math.sqrt(2 * Math.sqrt(-2 * a) * d);
            assertEquals(1, Cavity.curvature(a, y) / expected, 0.02, "d = " + d);
        }
    }

    /** A realization at its CG minimum: kappa, x and the Hessian in a fresh matrix. */
    record Minimum(double[] kappa, double[] x, SymmetricMatrix hessian, SymmetricMatrix couplings, double h) {
    }

    static Minimum minimum(int n, double J, long index) {
        StudyPoint point = new StudyPoint(n, 0.01, J, 1.0);
        long seed = Seeds.realizationSeed(28, point, index);
        double[] kappa = Disorder.kappa(seed, n, 1.0);
        SymmetricMatrix couplings = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(seed, J, couplings, 1);
        Minimizer.Result r = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(couplings, 1),
                new Minimizer.Settings(1e-13, 100_000, 50));
        assertTrue(r.converged());
        SymmetricMatrix hessian = SymmetricMatrix.allocate(n);
        Hessian.assemble(seed, J, kappa, r.x(), hessian, 1);
        return new Minimum(kappa, r.x(), hessian, couplings, point.h());
    }

    @Test
    void inverseDiagonalFromCholeskyEqualsTheEigenpairSum() {
        Minimum m = minimum(120, 0.3, 0);
        int n = m.x().length;
        // sum_k psi_k(i)^2 / lambda_k from EJML's eigenpairs of the same Hessian
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, m.hessian().get(i, j));
            }
        }
        var eig = DecompositionFactory_DDRM.eig(n, true, true);
        assertTrue(eig.decompose(a));
        double[] fromPairs = new double[n];
        for (int k = 0; k < n; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v.get(i) * v.get(i);
            }
            for (int i = 0; i < n; i++) {
                fromPairs[i] += v.get(i) * v.get(i) / norm / lambda;
            }
        }
        double[] fromCholesky = InverseDiagonal.of(m.hessian());
        for (int i = 0; i < n; i++) {
            assertEquals(fromPairs[i], fromCholesky[i], 1e-10 * fromPairs[i], "oscillator " + i);
        }
    }

    @Test
    void inverseDiagonalRefusesAHessianThatIsNotPositiveDefinite() {
        SymmetricMatrix m = SymmetricMatrix.allocate(3);
        m.setDiagonal(0, 1);
        m.setDiagonal(1, -0.5);
        m.setDiagonal(2, 2);
        assertEquals(null, InverseDiagonal.of(m));
    }

    /**
     * The cavity field H_i = F_i - r_i x_i is the field of the others on i when i is taken out and
     * the rest minimized again, to first order in x_i (MODEL.md: ~1e-3 at N = 1000); the mean-field
     * shortcut r_i = J^2 chi is further off. Second order: an oscillator far out (|x_i| ~ 0.7)
     * moves the rest beyond linear response, so the typical agreement is what is tested.
     */
    @Test
    void cavityFieldMatchesRemovingTheOscillatorAndMinimizingAgain() {
        int n = 200;
        double J = 0.2;
        Minimum m = minimum(n, J, 1);
        double[] inverse = InverseDiagonal.of(m.hessian());
        double chi = java.util.Arrays.stream(inverse).sum() / n;
        double[] perSite = new double[n];
        double[] meanField = new double[n];
        for (int i = 0; i < n; i++) {
            Cavity.Site site = Cavity.site(m.kappa()[i], m.x()[i], inverse[i]);
            // the system without i: its couplings row and column zeroed, started at the minimum with x_i = 0
            SymmetricMatrix without = SymmetricMatrix.allocate(n);
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    without.setSymmetric(p, q, p == i || q == i ? 0 : m.couplings().get(p, q));
                }
            }
            double[] start = m.x().clone();
            start[i] = 0;
            Minimizer.Result rest = Minimizer.minimize(m.kappa(), m.h(), CouplingOperator.java(without, 1),
                    new Minimizer.Settings(1e-13, 100_000, 50), start);
            assertTrue(rest.converged());
            double cavity = m.h();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    cavity -= m.couplings().get(i, j) * rest.x()[j];
                }
            }
            double f = m.kappa()[i] * m.x()[i] + Math.pow(m.x()[i], 3) / 6;
            perSite[i] = Math.abs(site.field() - cavity);
            meanField[i] = Math.abs(f - J * J * chi * m.x()[i] - cavity);
        }
        int better = 0;
        for (int i = 0; i < n; i++) {
            better += perSite[i] < meanField[i] ? 1 : 0;
        }
        java.util.Arrays.sort(perSite);
        java.util.Arrays.sort(meanField);
        double median = perSite[n / 2];
        System.err.printf("cavity field: per-site error median %.2e, 75%% %.2e, 90%% %.2e; J^2 chi median %.2e; per-site "
                + "closer for %d of %d%n", median, perSite[3 * n / 4], perSite[9 * n / 10], meanField[n / 2], better, n);
        assertTrue(median < 1e-3, "median error of the per-site field " + median);
        assertTrue(median < meanField[n / 2] / 5, "per-site " + median + " against J^2 chi " + meanField[n / 2]);
        assertTrue(better >= 0.8 * n, "per-site closer than J^2 chi for " + better + " of " + n);
    }
}
