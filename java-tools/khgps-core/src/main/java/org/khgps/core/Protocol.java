package org.khgps.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a realization's minimum is reached (issue 28; MODEL.md, "Protocols"). The protocol enters
 * a study point's id only when it is not {@link #ZERO}, and never the disorder: points that differ
 * only in their protocol share their realizations, so their differences are paired.
 */
public enum Protocol {
    /** Conjugate gradient from x = 0 (the paper's protocol, the default). */
    ZERO,
    /** Conjugate gradient from x_i ~ U[-1, 1], drawn from the realization's seed alone. */
    RANDOM,
    /**
     * CG from x = 0, then metastable oscillators moved into their other cavity well and the
     * system re-minimized, a move kept only if H decreased ({@link Relaxation}).
     */
    FLIP,
    /**
     * The control of FLIP: the lowest of {@link Relaxation#BEST_RANDOM_STARTS} CG minima from random
     * starts (drawn from the realization's seed). A deeper minimum than CG from x = 0 (on average
     * deeper than FLIP's, measured) that targets no oscillator: it tells "no metastable oscillators"
     * from "a deeper minimum". Single moves of non-metastable oscillators, the first design, were
     * almost never kept (1 of 8 realizations at N = 1000, J = 0.2): no control.
     */
    BEST_RANDOM;

    /** The name used in parameters, ids and files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol of(String name) {
        for (Protocol p : values()) {
            if (p.id().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol must be one of " + String.join(", ",
                Arrays.stream(values()).map(Protocol::id).toList()) + ", got '" + name + "'");
    }

    /** Whether the protocol records what it did beyond one CG (moves, starts, classes before and after). */
    public boolean moves() {
        return this == FLIP || this == BEST_RANDOM;
    }
}
