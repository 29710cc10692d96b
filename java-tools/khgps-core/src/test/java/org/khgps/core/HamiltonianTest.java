package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HamiltonianTest {

    private static final int N = 40;
    private final StudyPoint point = new StudyPoint(N, 0.01, 0.7, 1.0);
    private final long seed = Seeds.realizationSeed(11, point, 3);
    private final double[] kappa = Disorder.kappa(seed, N, point.kappa0());
    private final SymmetricMatrix couplings = couplings();

    private SymmetricMatrix couplings() {
        SymmetricMatrix m = SymmetricMatrix.allocate(N);
        Disorder.fillCouplings(seed, point.J(), m, 1);
        return m;
    }

    private double energy(double[] x) {
        double[] jx = new double[N];
        couplings.multiplyJava(x, jx, 1);
        return Hamiltonian.energy(kappa, point.h(), x, jx);
    }

    private double[] gradient(double[] x) {
        double[] jx = new double[N];
        couplings.multiplyJava(x, jx, 1);
        double[] g = new double[N];
        Hamiltonian.gradient(kappa, point.h(), x, jx, g);
        return g;
    }

    private double[] randomPoint() {
        Xoshiro256 rng = new Xoshiro256(5);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 2 * rng.nextGaussian();
        }
        return x;
    }

    @Test
    void gradientMatchesCentralDifferencesOfEnergy() {
        double[] x = randomPoint();
        double[] g = gradient(x);
        double step = 1e-5;
        for (int i = 0; i < N; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += step;
            minus[i] -= step;
            double numeric = (energy(plus) - energy(minus)) / (2 * step);
            assertEquals(g[i], numeric, 1e-6 * Math.max(1, Math.abs(g[i])), "component " + i);
        }
    }

    @Test
    void hessianMatchesCentralDifferencesOfGradient() {
        double[] x = randomPoint();
        double[] diagonal = Hessian.diagonal(kappa, x);
        double step = 1e-6;
        for (int j = 0; j < N; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += step;
            minus[j] -= step;
            double[] gp = gradient(plus);
            double[] gm = gradient(minus);
            for (int i = 0; i < N; i++) {
                double analytic = i == j ? diagonal[i] : couplings.get(i, j);
                double numeric = (gp[i] - gm[i]) / (2 * step);
                assertEquals(analytic, numeric, 1e-6 * Math.max(1, Math.abs(analytic)), "M[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void couplingsHaveTheStatedVariance() {
        int n = 2000;
        SymmetricMatrix m = SymmetricMatrix.allocate(n);
        Disorder.fillCouplings(99, 0.5, m, 2);
        double sum = 0;
        double sum2 = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, m.get(i, i));
            for (int j = i + 1; j < n; j++) {
                assertEquals(m.get(i, j), m.get(j, i));
                sum += m.get(i, j);
                sum2 += m.get(i, j) * m.get(i, j);
                count++;
            }
        }
        double variance = sum2 / count;
        // J^2/N = 1.25e-4; the sample of ~2e6 pairs pins it to ~0.1%
        assertEquals(0.25 / n, variance, 0.005 * 0.25 / n);
        assertEquals(0.0, sum / count, 5 * Math.sqrt(0.25 / n / count));
    }
}
