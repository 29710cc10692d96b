package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every solver that returns eigenvectors (the lowest K pairs of
 * {@link LowestModes}), one subclass per implementation, checked against mathematics: the
 * closed-form eigenvalues of {@link KnownSpectrum}, the residual ||A v - lambda v|| on an
 * untouched copy of A by a plain Java product, and orthonormality, degenerate eigenvalues
 * included (there any orthonormal basis of the eigenspace is right).
 */
abstract class EigenpairCheck {

    /** How many of the lowest pairs each case asks for. */
    static final int K = 6;

    /** The K lowest pairs of {@code c}; the solver may overwrite the matrix it is given. */
    abstract LowestModes.Result lowest(KnownSpectrum c, int k);

    static List<KnownSpectrum> known() {
        return KnownSpectrum.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("known")
    void givesEigenpairsOfTheClosedFormSpectrum(KnownSpectrum c) {
        LowestModes.Result r = lowest(c, K);
        int n = c.n();
        double tolerance = 1e-10 * c.norm();
        SymmetricMatrix a = c.matrix();
        double[] av = new double[n];
        for (int i = 0; i < K; i++) {
            assertEquals(c.eigenvalues()[i], r.lambda()[i], tolerance, "eigenvalue " + i + " of " + c);
            double[] v = r.vectors()[i];
            a.multiplyJava(v, av, 1);
            double residual = 0;
            for (int p = 0; p < n; p++) {
                residual = Math.max(residual, Math.abs(av[p] - r.lambda()[i] * v[p]));
            }
            assertTrue(residual <= tolerance, "||A v - lambda v||_max = " + residual + " for pair " + i + " of " + c);
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int p = 0; p < n; p++) {
                    dot += v[p] * r.vectors()[j][p];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10, "v_" + i + " . v_" + j + " of " + c);
            }
        }
    }
}
