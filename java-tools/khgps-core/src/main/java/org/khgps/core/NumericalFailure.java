package org.khgps.core;

/**
 * The physics or the numerics of a computation failed (non-finite values, an iteration that does
 * not converge, a failed LAPACK driver, a point failed by {@code --failed-realizations fail}): the
 * tools exit 4 on it. Distinct from the JVM's own {@link ArithmeticException} (an integer overflow,
 * a division by zero), which is a bug and exits 1.
 */
public class NumericalFailure extends RuntimeException {

    public NumericalFailure(String message) {
        super(message);
    }
}
