package org.khgps.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LapackEigensolverTest extends EigensolverCheck {

    @Override
    Eigensolver solver() {
        return Eigensolver.lapack(Eigensolver.TWO_STAGE_FROM);
    }

    @Test
    void nativeLibraryLoadsOnThisPlatform() {
        assertTrue(NativeLinalg.available(), "OpenBLAS did not load: " + NativeLinalg.loadError());
    }
}
