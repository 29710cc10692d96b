package org.khgps.core.stage;

/** Inputs that contradict each other or themselves (the caller names the file): bad input, not physics. */
public final class InputMismatch extends RuntimeException {

    public InputMismatch(String message) {
        super(message);
    }
}
