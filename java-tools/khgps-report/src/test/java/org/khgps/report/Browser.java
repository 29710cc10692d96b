package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A report page opened in a real headless Chromium (Debian's package), for this module's tests and
 * khgps-cli's end-to-end ones (test-jar). Without Chromium the check is skipped and says so; on CI
 * (CI=true) it fails instead.
 */
public final class Browser {

    private Browser() {
    }

    /** Chromium from the system ($KHGPS_CHROMIUM, else Debian's package), or null. */
    static Path chromium() {
        String env = System.getenv("KHGPS_CHROMIUM");
        for (String c : env != null ? List.of(env) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    /** The ids of the page's interactive plots. */
    public static List<String> plotIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"plot\" id=\"(plot-[^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * Opens {@code html} in headless Chromium: no console message, and every plot drawn by plotly.js
     * with its data ({@code work}: where the profile, the DOM and the log go).
     */
    public static void assertRenders(Path html, Path work) throws Exception {
        Path chromium = chromium();
        if (chromium == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser test: install chromium (.ci/run does)");
        }
        Assumptions.assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (apt-get install chromium): "
                + "the report is not checked in a browser");
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Process proc = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=30000",
                "--dump-dom", html.toUri().toString())
                .redirectOutput(work.resolve("dom.html").toFile()).redirectError(work.resolve("chromium.log").toFile()).start();
        assertTrue(proc.waitFor(180, TimeUnit.SECONDS), "chromium finished");
        String log = Files.readString(work.resolve("chromium.log"), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), log);
        List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + String.join("\n", console));
        String dom = Files.readString(work.resolve("dom.html"), StandardCharsets.UTF_8);
        List<String> ids = plotIds(Files.readString(html));
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            int at = dom.indexOf("id=\"" + id + "\"");
            assertTrue(at >= 0, id + " in the DOM");
            int next = dom.indexOf("<figcaption>", at);
            String div = dom.substring(at, next < 0 ? dom.length() : next);
            assertTrue(div.contains("class=\"main-svg\""), id + " was drawn by plotly.js");
            assertTrue(div.contains("class=\"trace scatter"), id + " has its data");
        }
    }
}
