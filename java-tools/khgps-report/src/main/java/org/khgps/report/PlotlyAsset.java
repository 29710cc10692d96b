package org.khgps.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * plotly.js, vendored once (assets/vendor/README.md) and carried in the jar: the script is
 * inlined into report.html only if its SHA-256 is the one recorded beside it.
 */
final class PlotlyAsset {

    static final String VERSION = "2.35.3";
    static final String RESOURCE = "/vendor/plotly-basic-" + VERSION + ".min.js";

    private static String script;

    private PlotlyAsset() {
    }

    /** The verified script text (read and checked once per run). */
    static synchronized String script() throws IOException {
        if (script == null) {
            byte[] js = resource(RESOURCE);
            String sums = new String(resource(RESOURCE + ".sha256"), StandardCharsets.US_ASCII);
            script = new String(verify(js, expectedSha256(sums)), StandardCharsets.UTF_8);
        }
        return script;
    }

    /** The hash of a {@code sha256sum} line ("HEX  NAME"). */
    static String expectedSha256(String sha256sumLine) {
        String hex = sha256sumLine.strip().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("the plotly.js checksum file holds no SHA-256: " + sha256sumLine);
        }
        return hex;
    }

    /** The bytes, if their SHA-256 is {@code expectedHex}; else an error naming both hashes. */
    static byte[] verify(byte[] bytes, String expectedHex) {
        String actual = sha256(bytes);
        if (!actual.equals(expectedHex)) {
            throw new IllegalStateException("plotly.js " + VERSION + " has SHA-256 " + actual + " but " + expectedHex
                    + " was recorded (assets/vendor/README.md): refusing to embed it");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PlotlyAsset.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar (assets/vendor/README.md)");
            }
            return in.readAllBytes();
        }
    }
}
