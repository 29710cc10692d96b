package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shift-invert lowest modes against the full LAPACK spectrum of the same Hessian. */
class LowestModesTest {

    /** The Hessian at the CG minimum of one realization, and a way to rebuild it. */
    record Hessian(SymmetricMatrix matrix, double[] diagonal, LowestModes.Refill refill) {
        static Hessian at(int n, double J, long index) {
            StudyPoint point = new StudyPoint(n, 0.01, J, 1.0);
            long seed = Seeds.realizationSeed(77, point, index);
            double[] kappa = Disorder.kappa(seed, n, 1.0);
            SymmetricMatrix m = SymmetricMatrix.allocate(n);
            Disorder.fillCouplings(seed, J, m, 1);
            Minimizer.Result min = Minimizer.minimize(kappa, 0.01, CouplingOperator.java(m, 1), Minimizer.Settings.defaults());
            assertTrue(min.converged());
            double[] d = org.khgps.core.Hessian.diagonal(kappa, min.x());
            LowestModes.Refill refill = target -> org.khgps.core.Hessian.assemble(seed, J, kappa, min.x(), target, 1);
            refill.refill(m);
            return new Hessian(m, d, refill);
        }

        SymmetricMatrix fresh() {
            SymmetricMatrix copy = SymmetricMatrix.allocate(matrix.size());
            refill.refill(copy);
            return copy;
        }
    }

    @ParameterizedTest(name = "N = {0}, J = {1}, K = {2}")
    @CsvSource({"400, 0.05, 20", "400, 0.3, 20", "600, 1.0, 12", "500, 0.2, 60"})
    void lowestPairsEqualTheFullSpectrumsLowest(int n, double J, int k) {
        Hessian h = Hessian.at(n, J, 0);
        double[] full = Eigensolver.named("lapack").eigenvalues(h.fresh());
        LowestModes.Result r = LowestModes.compute(h.matrix(), h.diagonal(), k, 5, LowestModes.TOLERANCE, h.refill());

        assertFalse(r.fullSpectrum(), "shift-invert ran");
        assertEquals(0, r.negative());
        assertTrue(r.residual() <= LowestModes.TOLERANCE, "residual " + r.residual());
        for (int i = 0; i < k; i++) {
            assertEquals(full[i], r.lambda()[i], 1e-10 * Math.abs(full[i]), "eigenvalue " + i);
        }
        // eigenvectors checked on an independent copy of M, by the pure-Java product
        SymmetricMatrix m = h.fresh();
        double[] mv = new double[n];
        for (int i = 0; i < k; i++) {
            double[] v = r.vectors()[i];
            m.multiplyJava(v, mv, 1);
            double res = 0;
            for (int p = 0; p < n; p++) {
                res = Math.max(res, Math.abs(mv[p] - r.lambda()[i] * v[p]));
            }
            assertTrue(res <= 1e-9, "||M psi - lambda psi||_max = " + res + " for mode " + i);
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int p = 0; p < n; p++) {
                    dot += v[p] * r.vectors()[j][p];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10, "psi_" + i + " . psi_" + j);
            }
        }
    }

    @Test
    void aDeterministicResultForOneSeed() {
        Hessian h = Hessian.at(300, 0.3, 1);
        LowestModes.Result a = LowestModes.compute(h.fresh(), h.diagonal(), 10, 9, LowestModes.TOLERANCE, h.refill());
        LowestModes.Result b = LowestModes.compute(h.fresh(), h.diagonal(), 10, 9, LowestModes.TOLERANCE, h.refill());
        assertTrue(Arrays.equals(a.lambda(), b.lambda()));
        assertTrue(Arrays.deepEquals(a.vectors(), b.vectors()));
    }

    @Test
    void aMatrixWithANegativeEigenvalueIsReportedAndFullyDiagonalized() {
        Hessian h = Hessian.at(300, 0.3, 2);
        double shift = 0.05; // pushes the lowest few eigenvalues below zero
        LowestModes.Refill shifted = target -> {
            h.refill().refill(target);
            for (int i = 0; i < target.size(); i++) {
                target.setDiagonal(i, h.diagonal()[i] - shift);
            }
        };
        SymmetricMatrix reference = SymmetricMatrix.allocate(300);
        shifted.refill(reference);
        double[] full = Eigensolver.named("lapack").eigenvalues(reference);
        int negative = (int) Arrays.stream(full).filter(l -> l < 0).count();
        assertTrue(negative >= 1, "the test matrix has a negative eigenvalue");

        SymmetricMatrix m = SymmetricMatrix.allocate(300);
        shifted.refill(m);
        LowestModes.Result r = LowestModes.compute(m, h.diagonal(), 10, 1, LowestModes.TOLERANCE, shifted);
        assertTrue(r.fullSpectrum(), "fell back to the full spectrum");
        assertEquals(negative, r.negative());
        for (int i = 0; i < 10; i++) {
            assertEquals(full[i], r.lambda()[i], 1e-12, "eigenvalue " + i);
        }
    }

    @Test
    void participationRatioOfLocalizedAndUniformVectors() {
        int n = 50;
        SymmetricMatrix diag = SymmetricMatrix.allocate(n);
        for (int i = 0; i < n; i++) {
            diag.setDiagonal(i, 1.0 + i);
        }
        LowestModes.Result r = LowestModes.nativeFull(diag, n);
        for (int i = 0; i < n; i++) {
            assertEquals(1.0 / n, ModeStructure.participationRatio(r.vectors()[i]), 1e-15, "mode " + i);
            assertEquals(i, ModeStructure.largestWeight(r.vectors()[i]));
        }
        double[] uniform = new double[n];
        Arrays.fill(uniform, -0.3);
        assertEquals(1.0, ModeStructure.participationRatio(uniform), 1e-15);
    }
}
