package org.khgps.io;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a file came from, written as attributes of its /provenance group. Kept small: jhdf
 * cannot read back attributes over ~64 KiB.
 *
 * @param inputs input file name -> SHA-256 of its bytes
 */
public record Provenance(String tool, String toolVersion, String gitCommit, String javaVersion,
                         String linalg, String commandLine, Map<String, String> inputs,
                         String createdUtc, String host) {

    public Provenance {
        inputs = new TreeMap<>(inputs);
    }

    /** The inputs as one JSON object, sorted by name. */
    public String inputsJson() {
        StringBuilder sb = new StringBuilder("{");
        inputs.forEach((name, sha) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(Json.quote(name)).append(':').append(Json.quote(sha));
        });
        return sb.append('}').toString();
    }
}
