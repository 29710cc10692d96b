package org.khgps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version of the tools (from the build) and git commit of the project (from bin/khgps). */
final class ToolInfo {

    private ToolInfo() {
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("/khgps-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Set by bin/khgps from the checkout ("&lt;sha&gt;" or "&lt;sha&gt;-dirty"). */
    static String gitCommit() {
        String commit = System.getenv("KHGPS_GIT_COMMIT");
        return commit == null || commit.isBlank() ? "unknown" : commit;
    }
}
