package org.khgps.core;

class EjmlEigensolverTest extends EigensolverCheck {

    @Override
    Eigensolver solver() {
        return Eigensolver.ejml();
    }
}
