package org.khgps.core;

class EjmlEigenpairTest extends EigenpairCheck {

    @Override
    LowestModes.Result lowest(KnownSpectrum c, int k) {
        return LowestModes.full(c.matrix(), k); // EJML, the path without native LAPACK
    }
}
