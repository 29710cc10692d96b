package org.khgps.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One study point of the KHGPS model: system size N, force h, coupling strength J, and the
 * upper bound kappa0 of the uniform stiffness distribution.
 *
 * <p>The point id is a hash of the sorted parameters (as signac does), so the same parameters
 * always give the same id, whatever order or spelling they were given in.
 *
 * <p>{@code disorder}: how realizations draw their disorder ({@link Seeds#realizationSeed}):
 * {@value #INDEPENDENT} (default: from the whole point) or {@value #COMMON} (from the study seed,
 * N and the realization alone, so points differing only in h, J or kappa0 share u and g). The
 * mode enters the parameters (and the id) only when it is common, so ids of independent points
 * are those they always had.
 */
public record StudyPoint(int N, double h, double J, double kappa0, String disorder, Protocol protocol) {

    public static final String INDEPENDENT = "independent";
    public static final String COMMON = "common";

    /**
     * Largest h, J and kappa0 (A = 1, x_0 = 1): beyond it the quartic energy N x^4/24, the forces
     * and the Hessian's Frobenius norm of N up to 16383 leave double precision's range, and no
     * tolerance the minimizer can meet is useful. lib/KhgpsParams.groovy and nextflow_schema.json copy it.
     */
    public static final double MAX_SCALE = 1e6;

    public StudyPoint(int N, double h, double J, double kappa0) {
        this(N, h, J, kappa0, INDEPENDENT);
    }

    /** The paper's protocol, CG from x = 0 ({@link Protocol#ZERO}). */
    public StudyPoint(int N, double h, double J, double kappa0, String disorder) {
        this(N, h, J, kappa0, disorder, Protocol.ZERO);
    }

    /** The same point under another protocol (the same disorder, realization by realization). */
    public StudyPoint withProtocol(Protocol p) {
        return new StudyPoint(N, h, J, kappa0, disorder, p);
    }

    public boolean commonDisorder() {
        return COMMON.equals(disorder);
    }

    public StudyPoint {
        if (protocol == null) {
            throw new IllegalArgumentException("protocol must be given");
        }
        if (!INDEPENDENT.equals(disorder) && !COMMON.equals(disorder)) {
            throw new IllegalArgumentException("disorder must be independent or common, got " + disorder);
        }
        requireFinite("h", h);
        requireFinite("J", J);
        requireFinite("kappa0", kappa0);
        if (N < 2) {
            throw new IllegalArgumentException("N must be an integer >= 2, got " + N);
        }
        if (h < 0) {
            throw new IllegalArgumentException("h must be >= 0, got " + h);
        }
        if (J < 0) {
            throw new IllegalArgumentException("J must be >= 0, got " + J);
        }
        if (kappa0 <= 0) {
            throw new IllegalArgumentException("kappa0 must be > 0, got " + kappa0);
        }
        requireAtMostMaxScale("h", h);
        requireAtMostMaxScale("J", J);
        requireAtMostMaxScale("kappa0", kappa0);
    }

    private static void requireAtMostMaxScale(String name, double value) {
        if (value > MAX_SCALE) {
            throw new IllegalArgumentException(name + " must be <= " + MAX_SCALE
                    + " (beyond it the energy and forces leave double precision's range), got " + value);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    /**
     * Canonical JSON of the parameters: keys in ASCII order, doubles as Java's
     * {@link Double#toString(double)}; "disorder":"common" only in common mode, "protocol" only
     * when it is not zero (so the ids of earlier studies never change).
     * lib/KhgpsParams.groovy builds the same string.
     */
    public String canonicalJson() {
        return "{\"J\":" + J + ",\"N\":" + N + (commonDisorder() ? ",\"disorder\":\"common\"" : "")
                + ",\"h\":" + h + ",\"kappa0\":" + kappa0
                + (protocol == Protocol.ZERO ? "" : ",\"protocol\":\"" + protocol.id() + "\"") + "}";
    }

    /** First 12 hex digits of the SHA-256 of {@link #canonicalJson()}. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
