package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.khgps.core.stage.DisorderChunk;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.io.DisorderFile;
import org.khgps.io.H5;
import org.khgps.io.MinimaFile;
import org.khgps.io.Provenance;

/**
 * Files that could silently corrupt a study: an output that names an input, a disorder file
 * with a kappa sample never draws, minima whose x is not at the minimum they claim.
 */
class StageIntegrityTest {

    private static final Provenance EDITED = new Provenance("hand edit", "0", "none", "", "", "", Map.of(), "", "");

    @TempDir
    Path dir;

    @BeforeEach
    void study() {
        run(0, "sample", "--N", "32", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "5", "--count", "2",
                "--out", p("disorder.h5"));
        run(0, "minimize", "--in", p("disorder.h5"), "--out", p("minima.h5"));
        run(0, "diagonalize", "--in", p("minima.h5"), "--out", p("spectra.h5"));
        run(0, "histogram", "--out", p("dos.h5"), p("minima.h5"), p("spectra.h5"));
        run(0, "fit", "--in", p("dos.h5"), "--out", p("fit.h5"), "--min-modes", "4");
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static CliTest.Run run(int expected, String... args) {
        CliTest.Run r = CliTest.khgps(args);
        assertEquals(expected, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        minimize    | disorder.h5 | minimize --in DIR/disorder.h5 --out DIR/disorder.h5
        diagonalize | minima.h5   | diagonalize --in DIR/minima.h5 --out DIR/./minima.h5
        histogram   | spectra.h5  | histogram --out DIR/spectra.h5 DIR/minima.h5 DIR/spectra.h5
        fit         | dos.h5      | fit --in DIR/dos.h5 --out DIR/dos.h5
        fit json    | dos.h5      | fit --in DIR/dos.h5 --out DIR/fit2.h5 --json DIR/dos.h5
        theory      | dos.h5      | theory --dos DIR/dos.h5 --out DIR/dos.h5
        report      | fit.h5      | report --out DIR/report.html --summary DIR/fit.h5 DIR/dos.h5 DIR/fit.h5
        """)
    void refusesToWriteOverAnInput(String what, String input, String command) throws Exception {
        String before = H5.sha256(dir.resolve(input));
        CliTest.Run r = run(2, command.trim().replace("DIR", dir.toString()).split("\\s+"));
        assertTrue(r.err().contains("is also an input of this command"), what + ": " + r.err());
        assertEquals(before, H5.sha256(dir.resolve(input)), what + ": the input was left as it was");
    }

    @Test
    void refusesAnOutputThatIsALinkToAnInput() throws Exception {
        // Nextflow stages inputs as symbolic links: the same file under another name
        Files.createSymbolicLink(dir.resolve("link.h5"), dir.resolve("minima.h5"));
        CliTest.Run r = run(2, "diagonalize", "--in", p("minima.h5"), "--out", p("link.h5"));
        assertTrue(r.err().contains("is also an input"), r.err());
    }

    @Test
    void refusesAKappaThatSampleNeverDraws() throws Exception {
        DisorderChunk d = DisorderFile.read(dir.resolve("disorder.h5"));
        double[][] kappa = d.kappa().clone();
        kappa[1] = kappa[1].clone();
        kappa[1][7] = -0.25;
        DisorderFile.write(new DisorderChunk(d.point(), d.seed(), d.realization(), d.realizationSeed(), kappa), dir.resolve("bad.h5"),
                EDITED);
        CliTest.Run r = run(2, "minimize", "--in", p("bad.h5"), "--out", p("out.h5"));
        assertTrue(r.err().contains("kappa = -0.25 (row 1, oscillator 7), outside [0, kappa0 = 1.0]"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.h5")));
    }

    private void moveX(Path target) throws Exception {
        MinimaChunk m = MinimaFile.read(dir.resolve("minima.h5"));
        double[][] x = m.x().clone();
        x[1] = x[1].clone();
        x[1][3] += 1e-3; // max_grad still says 1e-10
        MinimaFile.write(new MinimaChunk(m.point(), m.seed(), m.realization(), m.realizationSeed(), m.kappa(), x,
                m.converged(), m.maxGradient(), m.iterations(), m.energy(), m.tolerance(), m.maxIterations(),
                m.preconditionBelow()), target, EDITED);
    }

    @ParameterizedTest(name = "--spectrum {0}")
    @CsvSource({"full", "lowest"})
    void diagonalizeRecomputesTheGradientItIsTold(String spectrum) throws Exception {
        moveX(dir.resolve("moved.h5"));
        CliTest.Run r = run(2, "diagonalize", "--in", p("moved.h5"), "--out", p("out.h5"), "--spectrum", spectrum);
        assertTrue(r.err().contains("realization 1: max_grad is stored as"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.h5")));
    }

    @Test
    void histogramRefusesMinimaChangedAfterTheirSpectra() throws Exception {
        Files.createDirectories(dir.resolve("edited"));
        moveX(dir.resolve("edited/minima.h5")); // same name as the file spectra.h5 was computed from
        CliTest.Run r = run(2, "histogram", "--out", p("out.h5"), p("edited/minima.h5"), p("spectra.h5"));
        assertTrue(r.err().contains("has changed since"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.h5")));
    }

    @Test
    void histogramPairsMinimaAndSpectraByHashNotByName() throws Exception {
        // the edited minima under another name: a tie by file name would not see it
        moveX(dir.resolve("renamed.h5"));
        CliTest.Run r = run(2, "histogram", "--out", p("out.h5"), p("renamed.h5"), p("spectra.h5"));
        assertTrue(r.err().contains("which is not among the inputs under any name"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.h5")));
        // the intact minima under another name pair by their bytes
        Files.copy(dir.resolve("minima.h5"), dir.resolve("other-name.h5"));
        assertEquals(0, CliTest.khgps("histogram", "--out", p("out.h5"), p("other-name.h5"), p("spectra.h5")).code());
    }
}
