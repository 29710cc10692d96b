package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.SpectraFile;

/**
 * kill -9 a stage tool, repeatedly: whatever it leaves is either no output file or a complete
 * one (temp files are hidden and named *.tmp-PID), never one that looks complete and is not;
 * and running the same command again (what a resumed pipeline does) gives the result of an
 * uninterrupted run.
 *
 * <p>The reference is that uninterrupted run, and its duration T sets when the kills land:
 * half at fractions of T (startup, computation), half the moment any file of the output appears
 * in the directory, which is while the tool is writing. The counts are asserted, so a test whose
 * kills all miss (every run finished first, or none was caught writing) fails instead of
 * passing without having checked anything.
 */
@Tag("slow") // about 20 JVMs, 5-30 s: left out by mvn -Pquick
class KillTest {

    private static final int RUNS = 10;

    @TempDir
    Path dir;

    @Test
    void killedDiagonalizeNeverLeavesAPartialOutputAndARerunCompletesIt() throws Exception {
        String d = dir.toString();
        CliTest.assertOk("sample", "--N", "400", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "2",
                "--count", "4", "--out", d + "/disorder.h5");
        CliTest.assertOk("minimize", "--in", d + "/disorder.h5", "--out", d + "/minima.h5");

        Path referencePath = dir.resolve("reference.h5");
        long start = System.nanoTime();
        Process ref = diagonalize(referencePath);
        assertEquals(0, ref.waitFor(), "the uninterrupted reference run");
        long t = System.nanoTime() - start;
        SpectraChunk reference = SpectraFile.read(referencePath);
        assertEquals(4, reference.realization().length);

        int interrupted = 0;
        int caughtWriting = 0;
        List<Path> toResume = new ArrayList<>();
        for (int k = 0; k < RUNS; k++) {
            Path out = dir.resolve("spectra-" + k + ".h5");
            String prefix = out.getFileName().toString();
            long started = System.nanoTime();
            Process p = diagonalize(out);
            if (k % 2 == 0) {
                // at 1/6 ... 5/6 of the reference duration
                long at = started + t * (k / 2 + 1) / 6;
                while (System.nanoTime() < at && p.isAlive()) {
                    Thread.sleep(1);
                }
            } else {
                // the moment the tool starts writing: the output or its temp file appears
                while (p.isAlive() && !writing(prefix)) {
                    Thread.onSpinWait();
                }
                if (p.isAlive() && !Files.exists(out)) {
                    caughtWriting++;
                }
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            if (Files.exists(out)) {
                assertSameSpectra(reference, out, "an output left by a killed run (" + k + ")");
            } else {
                interrupted++;
                toResume.add(out);
            }
            assertOnlyHiddenFiles(prefix, out);
        }
        System.err.println("kill test: T = " + t / 1_000_000 + " ms; " + interrupted + " of " + RUNS
                + " runs interrupted (" + caughtWriting + " of them while writing), " + (RUNS - interrupted)
                + " had finished");
        assertTrue(interrupted >= 1, "no kill landed before the tool finished: nothing was tested");
        assertTrue(caughtWriting >= 1, "no kill landed while the output was being written");

        // resume: the same command again, over whatever the killed run left, completes the output
        for (Path out : toResume) {
            assertEquals(0, diagonalize(out).waitFor(), "rerun of " + out);
            assertSameSpectra(reference, out, "the rerun after a kill");
            assertOnlyHiddenFiles(out.getFileName().toString(), out);
        }
    }

    private Process diagonalize(Path out) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.khgps.cli.Main", "diagonalize", "--in",
                dir.resolve("minima.h5").toString(), "--out", out.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The output, or a temp file of it (not the writability probe the tool makes at startup). */
    private boolean writing(String prefix) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(name -> name.equals(prefix) || name.contains(prefix) && name.contains(".tmp-"));
        }
    }

    /** The spectra at {@code out} are the reference's, value for value. */
    private static void assertSameSpectra(SpectraChunk reference, Path out, String what) {
        SpectraChunk s;
        try {
            s = SpectraFile.read(out);
        } catch (Exception e) { // whatever the reader throws on a truncated or empty file
            fail(what + " looks complete but is not: " + e.getMessage());
            return;
        }
        assertArrayEquals(reference.realization(), s.realization(), what + ": realizations");
        for (int r = 0; r < reference.realization().length; r++) {
            assertArrayEquals(reference.eigenvalues()[r], s.eigenvalues()[r], 0.0, what + ": eigenvalues of " + r);
        }
    }

    /** Besides {@code out}, only hidden files (temp files, the startup probe) carry the output's name. */
    private void assertOnlyHiddenFiles(String prefix, Path out) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.contains(prefix) && !f.equals(out)) {
                    assertTrue(name.startsWith("."),
                            "only the final name may look like the output: " + name);
                }
            }
        }
    }
}
