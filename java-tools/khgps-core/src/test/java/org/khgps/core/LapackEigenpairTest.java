package org.khgps.core;

class LapackEigenpairTest extends EigenpairCheck {

    @Override
    LowestModes.Result lowest(KnownSpectrum c, int k) {
        return LowestModes.nativeFull(c.matrix(), k); // dsyevd with vectors
    }
}
