package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.io.SpectraFile;

/**
 * Files the tools write, read back by the HDF5 C library (h5dump) and by h5py. .ci/run installs
 * both; on CI (CI=true) their absence fails the test instead of skipping it.
 */
class IndependentReaderTest {

    @TempDir
    Path dir;

    static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void requireTool(boolean present, String what) {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, what + " is missing on CI: .ci/run installs it");
        }
        assumeTrue(present, what + " not installed (apt-get install hdf5-tools python3-h5py)");
    }

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private void spectra() {
        assertEquals(0, CliTest.khgps("sample", "--N", "16", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "3",
                "--count", "2", "--out", dir.resolve("d.h5").toString()).code());
        assertEquals(0, CliTest.khgps("minimize", "--in", dir.resolve("d.h5").toString(), "--out",
                dir.resolve("m.h5").toString()).code());
        assertEquals(0, CliTest.khgps("diagonalize", "--in", dir.resolve("m.h5").toString(), "--out",
                dir.resolve("s.h5").toString()).code());
    }

    @Test
    void h5dumpReadsEveryStageFile() throws Exception {
        requireTool(available("h5dump", "--version"), "h5dump");
        spectra();
        for (String f : List.of("d.h5", "m.h5", "s.h5")) {
            String out = run(dir, "h5dump", "-H", f);
            assertTrue(out.contains("ATTRIBUTE \"point_id\""), f);
            assertTrue(out.contains("GROUP \"provenance\""), f);
        }
        String eig = run(dir, "h5dump", "-d", "/eigenvalues", "-m", "%.17g", "s.h5");
        double first = SpectraFile.read(dir.resolve("s.h5")).eigenvalues()[0][0];
        assertTrue(eig.contains("(0,0): " + new java.math.BigDecimal(first).round(new java.math.MathContext(17))
                .stripTrailingZeros().toPlainString().replaceFirst("^0", "0")) || eig.contains(Double.toString(first)),
                "h5dump shows the first eigenvalue " + first + ":\n" + eig);
    }

    @Test
    void h5pyReadsTheSpectraExactly() throws Exception {
        requireTool(available("/usr/bin/python3", "-c", "import h5py"), "python3-h5py");
        spectra();
        double[][] eig = SpectraFile.read(dir.resolve("s.h5")).eigenvalues();
        String out = run(dir, "/usr/bin/python3", "-c",
                "import h5py\nf = h5py.File('s.h5', 'r')\n"
                        + "e = f['eigenvalues'][()]\nprint(e.shape, f.attrs['kind'].decode(), f['provenance'].attrs['point_id'].decode())\n"
                        + "print(repr(float(e[1, 5])))\n");
        assertTrue(out.startsWith("(2, 16) spectra "), out);
        assertTrue(out.contains(Double.toString(eig[1][5])) || out.contains(repr(eig[1][5])), out);
    }

    @Test
    void h5pyReadsTheTheoryScalarsAndSpectrum() throws Exception {
        requireTool(available("/usr/bin/python3", "-c", "import h5py"), "python3-h5py");
        assertEquals(0, CliTest.khgps("theory", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--bins", "12", "--out",
                dir.resolve("t.h5").toString()).code());
        var t = org.khgps.io.TheoryFile.read(dir.resolve("t.h5"));
        String out = run(dir, "/usr/bin/python3", "-c",
                "import h5py\nf = h5py.File('t.h5', 'r')\n"
                        + "print(f.attrs['kind'].decode(), f['q'].shape, f['dos'].shape, f['omega_edges'].shape)\n"
                        + "print(repr(float(f['q'][()])), repr(float(f['A_g_rs'][()])), repr(float(f['dos'][3])))\n");
        assertTrue(out.startsWith("theory () (12,) (13,)"), out);
        for (double v : new double[] {t.solution().q(), t.solution().aG(), t.spectrum().dos()[3]}) {
            assertTrue(out.contains(Double.toString(v)) || out.contains(repr(v)), v + " in " + out);
        }
    }

    @Test
    void h5pyRecomputesEveryDatasetChecksumAsDocumented() throws Exception {
        requireTool(available("/usr/bin/python3", "-c", "import h5py"), "python3-h5py");
        spectra();
        assertEquals(0, CliTest.khgps("histogram", "--out", dir.resolve("dos.h5").toString(), dir.resolve("m.h5").toString(),
                dir.resolve("s.h5").toString()).code());
        assertEquals(0, CliTest.khgps("theory", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--bins", "12", "--out",
                dir.resolve("t.h5").toString()).code());
        // the recipe of docs/hdf5-schema.md, "Attribute of every dataset"
        String out = run(dir, "/usr/bin/python3", "-c", """
                import h5py, hashlib, numpy
                seen = []
                def check(name, d):
                    if isinstance(d, h5py.Dataset):
                        recorded = d.attrs['sha256']
                        recorded = recorded.decode() if isinstance(recorded, bytes) else recorded
                        actual = hashlib.sha256(numpy.ascontiguousarray(d[()], d.dtype.newbyteorder('<')).tobytes()).hexdigest()
                        seen.append(actual == recorded or name)
                for f in ['d.h5', 'm.h5', 's.h5', 'dos.h5', 't.h5']:
                    h5py.File(f, 'r').visititems(check)
                print(len(seen), [s for s in seen if s is not True])
                """);
        assertTrue(out.strip().endsWith(" []") && Integer.parseInt(out.strip().split(" ")[0]) > 30, out);
    }

    /** Python's repr of a double: the shortest round-tripping form, as Java's toString mostly is. */
    private static String repr(double v) {
        return Double.toString(v).replace("E", "e");
    }
}
