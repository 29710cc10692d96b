package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated bytes given as HDF5 input to every reading tool, each in its own JVM with
 * a small heap: the tool exits 0 (the mutation left a valid file) or 2 with a message, never
 * hangs, never crashes the JVM, never runs out of memory, and writes no output when it fails.
 * KHGPS_FUZZ_CASES (default 6) sets the mutations per tool.
 */
class FuzzTest {

    @TempDir
    Path dir;

    private static final String[][] READERS = {
        {"minimize", "disorder.h5"},
        {"diagonalize", "minima.h5"},
        {"histogram", "spectra.h5"},
        {"fit", "dos.h5"},
        {"theory", "dos.h5"},
        {"report", "fit.h5"},
        {"provenance", "minima.h5"},
    };

    private Path valid(String name) {
        return dir.resolve("valid").resolve(name);
    }

    private void makeValidFiles() throws Exception {
        Files.createDirectories(dir.resolve("valid"));
        String v = dir.resolve("valid").toString();
        assertEquals(0, CliTest.khgps("sample", "--N", "24", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "9",
                "--count", "3", "--out", v + "/disorder.h5").code());
        assertEquals(0, CliTest.khgps("minimize", "--in", v + "/disorder.h5", "--out", v + "/minima.h5").code());
        assertEquals(0, CliTest.khgps("diagonalize", "--in", v + "/minima.h5", "--out", v + "/spectra.h5").code());
        assertEquals(0, CliTest.khgps("histogram", "--out", v + "/dos.h5", v + "/minima.h5", v + "/spectra.h5").code());
        assertEquals(0, CliTest.khgps("fit", "--in", v + "/dos.h5", "--out", v + "/fit.h5", "--min-modes", "5").code());
    }

    private static byte[] mutate(byte[] valid, Random rng, int kind) {
        switch (kind % 4) {
            case 0: { // random bytes, sometimes with the HDF5 signature in front
                byte[] b = new byte[1 + rng.nextInt(4096)];
                rng.nextBytes(b);
                if (rng.nextBoolean() && b.length >= 8) {
                    System.arraycopy(valid, 0, b, 0, 8);
                }
                return b;
            }
            case 1: // truncated
                return java.util.Arrays.copyOf(valid, rng.nextInt(valid.length));
            case 2: { // a few flipped bytes
                byte[] b = valid.clone();
                for (int k = 0; k < 1 + rng.nextInt(20); k++) {
                    b[rng.nextInt(b.length)] ^= (byte) (1 + rng.nextInt(255));
                }
                return b;
            }
            default: { // a block of the header overwritten
                byte[] b = valid.clone();
                int at = rng.nextInt(Math.min(b.length, 2048));
                for (int k = at; k < Math.min(b.length, at + 64); k++) {
                    b[k] = (byte) rng.nextInt(256);
                }
                return b;
            }
        }
    }

    private static List<String> command(String tool, Path input, Path out, Path validDir) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.khgps.cli.Main", tool));
        switch (tool) {
            case "histogram" -> cmd.addAll(List.of("--out", out.toString(), validDir.resolve("minima.h5").toString(),
                    input.toString()));
            case "report" -> cmd.addAll(List.of("--out", out.toString(), "--summary", out + ".csv",
                    validDir.resolve("dos.h5").toString(), input.toString()));
            case "provenance" -> cmd.addAll(List.of("show", input.toString(), "--root", validDir.toString()));
            case "theory" -> cmd.addAll(List.of("--dos", input.toString(), "--out", out.toString()));
            default -> cmd.addAll(List.of("--in", input.toString(), "--out", out.toString()));
        }
        return cmd;
    }

    @Test
    @Tag("slow") // about 16 s: left out by mvn -Pquick
    void mutatedInputsGiveACleanErrorAndNoOutput() throws Exception {
        makeValidFiles();
        Files.writeString(valid("study.json"), "{\"files\":{}}");
        int cases = Integer.parseInt(System.getenv().getOrDefault("KHGPS_FUZZ_CASES", "6"));
        Random rng = new Random(20211124L);
        int failures = 0;
        int valid = 0;
        for (String[] reader : READERS) {
            byte[] original = Files.readAllBytes(valid(reader[1]));
            for (int c = 0; c < cases; c++) {
                Path caseDir = Files.createDirectories(dir.resolve(reader[0] + "-" + c));
                Path input = caseDir.resolve("input.h5");
                Files.write(input, mutate(original, rng, c));
                Path out = caseDir.resolve("out.h5");
                Process p = new ProcessBuilder(command(reader[0], input, out, dir.resolve("valid")))
                        .redirectErrorStream(true).redirectOutput(caseDir.resolve("log.txt").toFile()).start();
                boolean finished = p.waitFor(60, TimeUnit.SECONDS);
                if (!finished) {
                    p.destroyForcibly();
                }
                String log = Files.readString(caseDir.resolve("log.txt"));
                String what = reader[0] + " case " + c + ": " + log;
                assertTrue(finished, "hung: " + what);
                int code = p.exitValue();
                assertTrue(code == 0 || code == 2 || code == ExitCode.DAMAGED_INPUT.code(), "exit " + code + " from " + what);
                if (code != 0) {
                    failures++;
                    assertTrue(log.contains("khgps " + reader[0] + ":"), "a message: " + what);
                    assertFalse(Files.exists(out), "no output after a failure: " + what);
                } else {
                    valid++;
                }
                try (var files = Files.list(caseDir)) {
                    assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temp file left: " + what);
                }
            }
        }
        System.err.printf("fuzz: %d cases, %d rejected with exit 2, %d still valid%n", failures + valid, failures, valid);
        assertTrue(failures >= READERS.length * cases / 2, "most mutations must be rejected");
    }
}
