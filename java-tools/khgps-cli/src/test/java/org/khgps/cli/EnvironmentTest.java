package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.DosFile;
import org.khgps.io.MinimaFile;
import org.khgps.io.Provenance;
import org.khgps.io.SpectraFile;

/** Memory, disk, threads and numerical failure, as a cluster job meets them. */
class EnvironmentTest {

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static CliTest.Run subprocess(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : args) {
            cmd.add(a);
        }
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CliTest.Run(proc.waitFor(), out);
    }

    @Test
    void tooLargeAnNForTheMemoryGivenSaysSoBeforeStarting() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "2000", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "1",
                "--out", p("d.h5")).code());
        CliTest.Run run = subprocess("-XX:MaxDirectMemorySize=8m", "-cp", System.getProperty("java.class.path"),
                "org.khgps.cli.Main", "minimize", "--in", p("d.h5"), "--out", p("m.h5"));
        assertEquals(ExitCode.OUT_OF_MEMORY.code(), run.code(), run.err());
        assertTrue(run.err().contains("N = 2000 needs 30 MB off-heap"), run.err());
        assertFalse(Files.exists(dir.resolve("m.h5")));
    }

    @Test
    @Tag("slow") // a subprocess JVM, 5-8 s: left out by mvn -Pquick
    void matricesOutsideTheHeapDoNotTripJavaCppsMemoryGuard() throws Exception {
        // two N = 3000 lanes (144 MB of direct buffers) with a 32 MB heap: the process's RSS passes
        // JavaCPP's default limit of 4 x the heap, which then refused every native allocation
        assertEquals(0, CliTest.khgps("sample", "--N", "3000", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "1",
                "--count", "2", "--out", p("d.h5")).code());
        assertEquals(0, CliTest.khgps("minimize", "--in", p("d.h5"), "--out", p("m.h5"), "--threads", "2").code());
        CliTest.Run run = subprocess("-Xmx32m", "-XX:MaxDirectMemorySize=300m", "-cp", System.getProperty("java.class.path"),
                "org.khgps.cli.Main", "diagonalize", "--in", p("m.h5"), "--out", p("s.h5"), "--threads", "2", "--spectrum",
                "lowest", "--modes", "20");
        assertEquals(0, run.code(), run.err());
        assertEquals(20, SpectraFile.read(dir.resolve("s.h5")).modesHeld());
    }

    @Test
    void aFullDiskFailsCleanlyNamingTheFile() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path mount = Files.createDirectories(dir.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(m.waitFor() == 0, "mount -t tmpfs is not allowed here");
        try {
            // leave a few KB: the probe fits, the output does not
            Files.write(mount.resolve("filler"), new byte[60 * 1024]);
            CliTest.Run run = CliTest.khgps("sample", "--N", "400", "--h", "0.01", "--J", "0.1", "--kappa0", "1",
                    "--seed", "1", "--count", "4", "--out", mount.resolve("d.h5").toString());
            // a failed write is worth a retry (exit 6), not bad input
            assertEquals(ExitCode.IO_FAILURE.code(), run.code(), run.err());
            assertTrue(run.err().contains("d.h5") && (run.err().contains("No space left") || run.err().contains("not writable")),
                    run.err());
            try (var files = Files.list(mount)) {
                assertTrue(files.allMatch(f -> f.getFileName().toString().equals("filler")), "nothing half-written left");
            }
        } finally {
            // lazy: a file handle the failed write may still hold must not keep the mount busy
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    /** Minimize + diagonalize of d.h5 with --threads t (and extra JVM flags); returns {minima, spectra}. */
    private Object[] stagesWithThreads(String t, String tag, String... jvm) throws Exception {
        List<String> base = new ArrayList<>(List.of(jvm));
        base.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.khgps.cli.Main"));
        List<String> min = new ArrayList<>(base);
        min.addAll(List.of("minimize", "--in", p("d.h5"), "--out", p("m" + tag + ".h5"), "--threads", t));
        CliTest.Run run = subprocess(min.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        List<String> diag = new ArrayList<>(base);
        diag.addAll(List.of("diagonalize", "--in", p("m" + tag + ".h5"), "--out", p("s" + tag + ".h5"),
                "--threads", t));
        run = subprocess(diag.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return new Object[] {MinimaFile.read(dir.resolve("m" + tag + ".h5")), SpectraFile.read(dir.resolve("s" + tag + ".h5")),
                run.err()};
    }

    @Test
    @Tag("slow") // subprocess JVMs, about 10 s: left out by mvn -Pquick
    void upToTheLaneLimitResultsDoNotDependOnTheThreadCountAtAll() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "600", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "4",
                "--count", "3", "--out", p("d.h5")).code());
        Object[] one = stagesWithThreads("1", "1");
        Object[] two = stagesWithThreads("2", "2");
        Object[] three = stagesWithThreads("3", "3");
        assertTrue(((String) two[2]).contains("2 realizations at a time, 1 kernel thread each"), (String) two[2]);
        assertTrue(((String) three[2]).contains("3 realizations at a time"), (String) three[2]);
        for (Object[] other : new Object[][] {two, three}) {
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(((MinimaChunk) one[0]).x()[r], ((MinimaChunk) other[0]).x()[r], 0.0, "x, bit for bit");
                assertArrayEquals(((SpectraChunk) one[1]).eigenvalues()[r], ((SpectraChunk) other[1]).eigenvalues()[r], 0.0,
                        "eigenvalues, bit for bit");
            }
        }
    }

    @Test
    @Tag("slow") // subprocess JVMs, about 15 s: left out by mvn -Pquick
    void aboveTheLaneLimitThreadCountChangesResultsOnlyAtRoundingLevel() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "600", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "4",
                "--count", "2", "--out", p("d.h5")).code());
        // pretend N = 600 is large: one realization at a time on all threads, as for N > 8000
        Object[] one = stagesWithThreads("1", "1", "-Dkhgps.parallelUpToN=100");
        Object[] two = stagesWithThreads("2", "2", "-Dkhgps.parallelUpToN=100");
        assertTrue(((String) two[2]).contains("1 realization at a time, 2 kernel threads each"), (String) two[2]);
        MinimaChunk m1 = (MinimaChunk) one[0];
        MinimaChunk m2 = (MinimaChunk) two[0];
        SpectraChunk s1 = (SpectraChunk) one[1];
        SpectraChunk s2 = (SpectraChunk) two[1];
        // the documented tolerance (docs/provenance.md): native kernels split sums by thread
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 600; i++) {
                assertEquals(m1.x()[r][i], m2.x()[r][i], 1e-11, "x");
                assertEquals(s1.eigenvalues()[r][i], s2.eigenvalues()[r][i], 1e-12 * Math.abs(s1.eigenvalues()[r][599]),
                        "eigenvalue");
            }
        }
    }

    @Test
    void aSaddleIsCountedAndLeftOut() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "40", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "4",
                "--count", "3", "--out", p("d.h5")).code());
        assertEquals(0, CliTest.khgps("minimize", "--in", p("d.h5"), "--out", p("m.h5")).code());
        assertEquals(0, CliTest.khgps("diagonalize", "--in", p("m.h5"), "--out", p("s.h5")).code());
        // make realization 1 a saddle: one negative eigenvalue, as diagonalize would report it
        SpectraChunk s = SpectraFile.read(dir.resolve("s.h5"));
        s.eigenvalues()[1][0] = -1e-3;
        s.negativeModes()[1] = 1;
        // it names the minima it was computed from by their SHA-256, as diagonalize records them
        Provenance prov = new Provenance("test", "0", "none", "", "", "",
                java.util.Map.of("m.h5", org.khgps.io.H5.sha256(dir.resolve("m.h5"))), "", "");
        SpectraFile.write(s, dir.resolve("saddle.h5"), prov);
        CliTest.Run run = CliTest.khgps("histogram", "--out", p("dos.h5"), p("m.h5"), p("saddle.h5"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("realization 1 left out (1 negative eigenvalues)"), run.err());
        PointDos dos = DosFile.read(dir.resolve("dos.h5"));
        assertEquals(3, dos.realizations());
        assertEquals(1, dos.negativeModes());
        assertEquals(2 * 40, dos.modes());
        run = CliTest.khgps("histogram", "--out", p("dos2.h5"), "--failed-realizations", "fail", p("m.h5"), p("saddle.h5"));
        assertEquals(ExitCode.NUMERICAL_FAILURE.code(), run.code(), run.err());
        assertTrue(run.err().contains("1 of 3 realizations failed"), run.err());
    }

    @Test
    void aNonFiniteValueInAnInputStopsTheTask() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "16", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "4",
                "--count", "2", "--out", p("d.h5")).code());
        assertEquals(0, CliTest.khgps("minimize", "--in", p("d.h5"), "--out", p("m.h5")).code());
        MinimaChunk m = MinimaFile.read(dir.resolve("m.h5"));
        m.x()[1][3] = Double.NaN;
        MinimaFile.write(m, dir.resolve("nan.h5"), new Provenance("test", "0", "none", "", "", "", java.util.Map.of(), "", ""));
        CliTest.Run run = CliTest.khgps("diagonalize", "--in", p("nan.h5"), "--out", p("s.h5"));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("dataset 'x' of " + p("nan.h5") + " holds a non-finite value NaN"), run.err());
        assertFalse(Files.exists(dir.resolve("s.h5")));
    }
}
