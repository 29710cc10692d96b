package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MinimizerTest {

    private static final int N = 300;

    @ParameterizedTest(name = "J = {0}")
    @ValueSource(doubles = {0.05, 0.3, 1.0})
    void reachesToleranceAtAMinimumWithNoNegativeMode(double J) {
        StudyPoint point = new StudyPoint(N, 0.01, J, 1.0);
        long seed = Seeds.realizationSeed(2021, point, 0);
        double[] kappa = Disorder.kappa(seed, N, point.kappa0());
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Disorder.fillCouplings(seed, J, m, 1);
        Minimizer.Settings settings = Minimizer.Settings.defaults();
        Minimizer.Result result = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(m, 1), settings);

        assertTrue(result.converged(), "converged");
        assertTrue(result.maxGradient() <= settings.tolerance(), "max|g| = " + result.maxGradient());
        // the gradient recomputed independently agrees
        double[] jx = new double[N];
        m.multiplyJava(result.x(), jx, 1);
        double[] g = new double[N];
        Hamiltonian.gradient(kappa, point.h(), result.x(), jx, g);
        assertTrue(Hamiltonian.maxAbs(g) <= settings.tolerance());
        assertEquals(Hamiltonian.energy(kappa, point.h(), result.x(), jx), result.energy(), 1e-12);
        // a minimum: every eigenvalue of the Hessian is positive
        double[] diagonal = Hessian.setDiagonal(m, kappa, result.x());
        double[] eig = Eigensolver.named("auto").eigenvalues(m);
        assertTrue(eig[0] > 0, "lowest eigenvalue " + eig[0]);
        // and going downhill from x = 0 lowered the energy
        assertTrue(result.energy() < 0);
    }

    @ParameterizedTest(name = "J = {0}")
    @ValueSource(doubles = {0.3})
    void nativeAndJavaProductsReachTheSameMinimum(double J) {
        StudyPoint point = new StudyPoint(N, 0.01, J, 1.0);
        long seed = Seeds.realizationSeed(4, point, 1);
        double[] kappa = Disorder.kappa(seed, N, point.kappa0());
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Disorder.fillCouplings(seed, J, m, 1);
        Minimizer.Result java = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(m, 1), Minimizer.Settings.defaults());
        Minimizer.Result javaThreads = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(m, 2), Minimizer.Settings.defaults());
        assertArrayEquals(java.x(), javaThreads.x(), "thread count changes nothing, bit for bit");
        if (NativeLinalg.available()) {
            Minimizer.Result nat = Minimizer.minimize(kappa, point.h(), NativeLinalg.couplings(m), Minimizer.Settings.defaults());
            assertTrue(nat.converged());
            // different summation order: same minimum to the tolerance's precision
            for (int i = 0; i < N; i++) {
                assertEquals(java.x()[i], nat.x()[i], 1e-8);
            }
        }
    }

    @ParameterizedTest(name = "J = {0}")
    @ValueSource(doubles = {0.1, 0.3, 1.0})
    void preconditionedTailReachesPlainCgsMinimumInFewerProducts(double J) {
        StudyPoint point = new StudyPoint(N, 0.01, J, 1.0);
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Minimizer.Settings plain = new Minimizer.Settings(1e-10, 100_000, 50, 0);
        long plainProducts = 0;
        long tailProducts = 0;
        for (int r = 0; r < 6; r++) {
            long seed = Seeds.realizationSeed(7, point, r);
            double[] kappa = Disorder.kappa(seed, N, point.kappa0());
            Disorder.fillCouplings(seed, J, m, 1);
            Minimizer.Result a = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(m, 1), plain);
            Minimizer.Result b = Minimizer.minimize(kappa, point.h(), CouplingOperator.java(m, 1), Minimizer.Settings.defaults());
            assertTrue(a.converged() && b.converged(), "realization " + r);
            // the same local minimum: |dx| <= max|g| / (lowest Hessian eigenvalue) is ~1e-9 here
            for (int i = 0; i < N; i++) {
                assertEquals(a.x()[i], b.x()[i], 1e-7, "realization " + r + ", x_" + i);
            }
            assertEquals(a.energy(), b.energy(), 1e-14 * N);
            plainProducts += a.products();
            tailProducts += b.products();
        }
        assertTrue(tailProducts < 0.95 * plainProducts,
                "preconditioned tail: " + tailProducts + " products against " + plainProducts + " for plain CG");
    }

    @ParameterizedTest(name = "preconditionBelow = {0}")
    @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
    void rejectsASwitchOutsideZeroToOne(double below) {
        assertThrows(IllegalArgumentException.class, () -> new Minimizer.Settings(1e-10, 10, 50, below));
    }
}
