package org.khgps.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.khgps.core.Lanes;
import org.khgps.core.NativeLinalg;
import org.khgps.io.H5;
import org.khgps.io.Provenance;

/** What the provenance of an output needs to know about this run of a tool. */
final class Invocation {

    private final String command;
    private final String[] args;
    /** Input hashes of this run: a stage that checks one (histogram) and the provenance share it. */
    private final Map<Path, String> sha256 = new HashMap<>();

    Invocation(String command, String[] args) {
        this.command = command;
        this.args = args.clone();
    }

    Provenance provenance(List<Path> inputs) throws IOException {
        return provenance(inputs, null);
    }

    /** With how the matrix stages spread realizations over threads, which the linalg entry then says. */
    Provenance provenance(List<Path> inputs, Lanes lanes) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Path p : inputs) {
            hashes.put(p.getFileName().toString(), sha256(p));
        }
        return new Provenance("khgps " + command, ToolInfo.version(), ToolInfo.gitCommit(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                NativeLinalg.describe() + (lanes == null ? "" : "; " + lanes.describe()), "khgps " + String.join(" ", args), hashes,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), host());
    }

    /** SHA-256 of an input file, read once per run (inputs do not change while a tool runs). */
    String sha256(Path p) throws IOException {
        String hash = sha256.get(p);
        if (hash == null) {
            hash = H5.sha256(p);
            sha256.put(p, hash);
        }
        return hash;
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
