package org.khgps.core;

/** The linear map x -> (couplings) x of one realization's couplings. */
public interface CouplingOperator {

    int size();

    /** y = (couplings) x; x and y are distinct arrays of length {@link #size()}. */
    void multiply(double[] x, double[] y);

    /** J as a dense symmetric matrix in Java, products split over {@code threads} (deterministic). */
    static CouplingOperator java(SymmetricMatrix couplings, int threads) {
        return new CouplingOperator() {
            @Override
            public int size() {
                return couplings.size();
            }

            @Override
            public void multiply(double[] x, double[] y) {
                couplings.multiplyJava(x, y, threads);
            }
        };
    }
}
