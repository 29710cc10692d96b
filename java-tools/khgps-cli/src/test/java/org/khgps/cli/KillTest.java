package org.khgps.cli;

import org.khgps.core.stage.SpectraChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.io.SpectraFile;

/**
 * kill -9 a stage tool at random moments, repeatedly: whatever it leaves is either no output
 * file or a complete one (temp files are hidden and named *.tmp-PID), never one that looks
 * complete and is not.
 */
class KillTest {

    @TempDir
    Path dir;

    @Test
    void killedDiagonalizeNeverLeavesAPartialOutput() throws Exception {
        String d = dir.toString();
        assertEquals(0, CliTest.khgps("sample", "--N", "400", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "2",
                "--count", "4", "--out", d + "/disorder.h5").code());
        assertEquals(0, CliTest.khgps("minimize", "--in", d + "/disorder.h5", "--out", d + "/minima.h5").code());
        Random rng = new Random(99);
        int complete = 0;
        for (int k = 0; k < 10; k++) {
            Path out = dir.resolve("spectra-" + k + ".h5");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), "org.khgps.cli.Main", "diagonalize", "--in",
                    d + "/minima.h5", "--out", out.toString(), "--threads", "1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(200 + rng.nextInt(1500));
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            if (Files.exists(out)) {
                SpectraChunk s = SpectraFile.read(out);
                assertEquals(4, s.realization().length, "an output that exists is complete");
                complete++;
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("spectra-" + k)) {
                        assertEquals(out, f, "only the final name may look like the output");
                    }
                }
            }
        }
        System.err.println("kill test: " + complete + " of 10 runs had finished before the kill");
    }
}
