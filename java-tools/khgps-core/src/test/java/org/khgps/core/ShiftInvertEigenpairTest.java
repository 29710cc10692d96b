package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ShiftInvertEigenpairTest extends EigenpairCheck {

    @Override
    LowestModes.Result lowest(KnownSpectrum c, int k) {
        // block Lanczos on the Cholesky factor; an indefinite case falls back to dsyevd, and so
        // does I + c u u^T, whose Krylov space closes at one block (its K lowest are degenerate)
        return LowestModes.compute(c.matrix(), c.diagonal(), k, 7, LowestModes.TOLERANCE,
                m -> m.buffer().put(0, c.entries()));
    }

    @Test
    void positiveDefiniteCasesWithDistinctEigenvaluesTakeTheLanczosPath() {
        for (KnownSpectrum c : new KnownSpectrum[] {KnownSpectrum.toeplitz(200, 2, -1),
                KnownSpectrum.hessianAtZeroCoupling(300, 0.01, 1.0, 3)}) {
            assertFalse(lowest(c, K).fullSpectrum(), "shift-invert, not the dsyevd fallback, on " + c);
        }
    }
}
