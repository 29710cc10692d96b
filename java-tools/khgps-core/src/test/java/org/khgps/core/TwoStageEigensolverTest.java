package org.khgps.core;

class TwoStageEigensolverTest extends EigensolverCheck {

    @Override
    Eigensolver solver() {
        return Eigensolver.lapack(1); // dsyev_2stage at every size
    }
}
