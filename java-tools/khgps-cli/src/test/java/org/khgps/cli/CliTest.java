package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.DosFile;
import org.khgps.io.FitFile;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;
import org.khgps.io.TheoryFile;

/** The stage tools run in-process on a small point: exit codes, outputs, determinism. */
class CliTest {

    @TempDir
    Path dir;

    /** Exit code and what the tool wrote to stderr. */
    record Run(int code, String err) {
    }

    static Run khgps(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private void ok(String... args) {
        assertOk(args);
    }

    /** Runs the tool in-process and fails the test, with its stderr, unless it exits 0. */
    static void assertOk(String... args) {
        Run run = khgps(args);
        assertEquals(0, run.code(), "khgps " + String.join(" ", args) + " failed: " + run.err());
    }

    private void chunk(int first, int count, String tag) {
        ok("sample", "--N", "64", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "7", "--first",
                Integer.toString(first), "--count", Integer.toString(count), "--out", p("disorder" + tag + ".h5"));
        ok("minimize", "--in", p("disorder" + tag + ".h5"), "--out", p("minima" + tag + ".h5"), "--threads", "1");
        ok("diagonalize", "--in", p("minima" + tag + ".h5"), "--out", p("spectra" + tag + ".h5"), "--threads", "1");
    }

    /** sample, minimize, diagonalize and histogram 12 realizations of N = 64, J = j, in a disorder mode. */
    private PointDos point(String j, String mode) throws Exception {
        String tag = j + mode;
        ok("sample", "--N", "64", "--h", "0.01", "--J", j, "--kappa0", "1", "--seed", "7", "--first", "0", "--count", "12",
                "--out", p("d" + tag + ".h5"), "--disorder", mode);
        ok("minimize", "--in", p("d" + tag + ".h5"), "--out", p("m" + tag + ".h5"), "--threads", "1");
        ok("diagonalize", "--in", p("m" + tag + ".h5"), "--out", p("s" + tag + ".h5"), "--threads", "1");
        ok("histogram", "--out", p("dos" + tag + ".h5"), p("m" + tag + ".h5"), p("s" + tag + ".h5"));
        return DosFile.read(dir.resolve("dos" + tag + ".h5"));
    }

    @Test
    void commonDisorderIsSharedRecordedAndHasTheSameStatistics() throws Exception {
        PointDos common = point("0.3", "common");
        PointDos independent = point("0.3", "independent");
        PointDos other = point("0.1", "common");
        assertEquals("common", common.point().disorder());
        assertEquals("independent", independent.point().disorder());
        assertFalse(common.point().id().equals(independent.point().id()), "the mode is part of the id");
        assertTrue(common.point().canonicalJson().contains("\"disorder\":\"common\""));
        // the two common points share u (kappa / kappa0) and the realization seeds
        MinimaChunk a = MinimaFile.read(dir.resolve("m0.3common.h5"));
        MinimaChunk b = MinimaFile.read(dir.resolve("m0.1common.h5"));
        assertArrayEquals(a.realizationSeed(), b.realizationSeed());
        for (int r = 0; r < 12; r++) {
            assertArrayEquals(a.kappa()[r], b.kappa()[r], 0.0);
        }
        assertFalse(java.util.Arrays.equals(a.kappa()[0], MinimaFile.read(dir.resolve("m0.3independent.h5")).kappa()[0]));
        // the same physics within errors
        assertEquals(independent.x2(), common.x2(), 3 * Math.hypot(independent.x2Err(), common.x2Err()),
                "<x^2> common " + common.x2() + " independent " + independent.x2());
        assertTrue(other.x2() < common.x2(), "weaker coupling, smaller <x^2>");
        // the mode is recorded on every file, in the root attributes and the provenance
        for (String f : new String[] {"d0.3common.h5", "m0.3common.h5", "s0.3common.h5", "dos0.3common.h5"}) {
            try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(dir.resolve(f))) {
                assertEquals("common", h5.getAttribute("disorder").getData(), f);
                assertEquals("common", h5.getByPath("provenance").getAttribute("disorder").getData(), f);
            }
        }
    }

    @Test
    void stagesChainIntoAFitAndAReport() throws Exception {
        chunk(0, 3, "a");
        chunk(3, 3, "b");
        ok("histogram", "--out", p("dos.h5"), p("minimaa.h5"), p("spectrab.h5"), p("spectraa.h5"), p("minimab.h5"));
        PointDos dos = DosFile.read(dir.resolve("dos.h5"));
        assertEquals(6, dos.realizations());
        assertEquals(6, dos.converged());
        assertEquals(6 * 64, dos.modes());
        double integral = 0;
        for (int b = 0; b < dos.histogram().dos().length; b++) {
            integral += dos.histogram().dos()[b] * (dos.histogram().edges()[b + 1] - dos.histogram().edges()[b]);
        }
        assertEquals(1.0, integral, 1e-12);
        assertEquals("0-5", dos.realizationRanges());
        // the automatic window: either a window below the physics bound or NaN with the reason
        ok("fit", "--in", p("dos.h5"), "--out", p("fitauto.h5"), "--min-modes", "10");
        PointFit auto = FitFile.read(dir.resolve("fitauto.h5"));
        assertTrue(auto.consistent() ? auto.fit().aG() > 0 : Double.isNaN(auto.fit().aG())
                && auto.tail().status().startsWith("no window"), auto.window());
        assertTrue(auto.tail().hill().k().length > 0);
        // the fixed fraction: --tail-fraction is what sets the window
        ok("fit", "--in", p("dos.h5"), "--out", p("fit.h5"), "--json", p("fit.json"), "--min-modes", "10",
                "--window", "fraction", "--tail-fraction", "0.05");
        PointFit fit = FitFile.read(dir.resolve("fit.h5"));
        assertTrue(fit.fit().aG() > 0);
        assertEquals(19, fit.fit().modesInWindow(), "round(0.05 x 384) modes");
        assertTrue(Files.readString(dir.resolve("fit.json")).contains("\"A_g\":" + fit.fit().aG()));
        ok("theory", "--dos", p("dos.h5"), "--out", p("theory.h5"));
        PointTheory theory = TheoryFile.read(dir.resolve("theory.h5"));
        assertEquals(dos.point(), theory.point());
        assertArrayEquals(dos.histogram().edges(), theory.omegaEdges(), "the histogram's bins");
        assertEquals(dos.histogram().dos().length, theory.spectrum().dos().length);
        assertTrue(theory.solution().q() > 0 && theory.solution().chi() > 0);
        ok("report", "--out", p("report.html"), "--summary", p("summary.csv"), "--plots", p("plots"), p("dos.h5"), p("fit.h5"),
                p("theory.h5"));
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(2, csv.size());
        assertTrue(csv.get(0).startsWith("point_id,N,h,J,kappa0,realizations,converged,A_g,A_g_err,exponent,"
                + "exponent_err,x2,x2_err,negative_modes,omega_fit_min,omega_fit_max,modes_in_window,mean_inverse_lambda,"
                + "mean_inverse_lambda_err,omega_x,omega_x_err,regime,"), "existing columns first, in their order");
        assertTrue(csv.get(0).contains(",omega_x_family_err,chi,x2_rs,chi_rs,A_g_rs,A_g_rs_dressed,status,reason,theory_reason,"),
                csv.get(0));
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",", -1);
        assertEquals("ok", row[header.indexOf("status")]);
        assertEquals("", row[header.indexOf("reason")]);
        assertEquals(Double.toString(theory.solution().q()), row[header.indexOf("x2_rs")]);
        assertEquals(Double.toString(dos.meanInverseLambda()), row[header.indexOf("chi")]);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Replica-symmetric (cavity) theory"));
        assertTrue(Files.size(dir.resolve("plots/rs_A_g_vs_J.png")) > 1000);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("class=\"plot-data\"") && html.contains("Plotly.newPlot"), "interactive plots are embedded");
        assertFalse(html.contains("src=\"http"), "nothing loads from the network");
        assertTrue(Files.size(dir.resolve("plots/dos_all.png")) > 1000);
        // no temp file is left behind by the atomic writes
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void reportGivesFailedPointsARowWithTheirReason() throws Exception {
        chunk(0, 3, "a");
        ok("histogram", "--out", p("dos.h5"), p("minimaa.h5"), p("spectraa.h5"));
        ok("fit", "--in", p("dos.h5"), "--out", p("fit.h5"), "--min-modes", "10");
        Files.writeString(dir.resolve("failed.tsv"), "point_id\tN\th\tJ\tkappa0\trealizations\treason\n"
                + "0123456789ab\t64\t0.01\t0.3\t1.0\t3\thistogram: khgps histogram: no realization converged, \"none\" (exit 4)\n");
        ok("report", "--out", p("report.html"), "--summary", p("summary.csv"), "--failed", p("failed.tsv"), p("dos.h5"), p("fit.h5"));
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(3, csv.size());
        List<String> header = List.of(csv.get(0).split(","));
        // status and reason after the columns of earlier studies; what issues 27 and 28 added after them
        assertEquals(List.of("status", "reason", "theory_reason"), header.subList(header.indexOf("status"),
                header.indexOf("status") + 3), "new columns after them");
        assertTrue(csv.get(1).contains(",ok,,,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("0123456789ab,64,0.01,0.3,1.0,3,nan,nan,"), csv.get(2));
        assertTrue(csv.get(2).contains(",nan,failed,\"histogram: khgps histogram: no realization converged, \"\"none\"\" (exit 4)\",,"),
                csv.get(2));
        String before = csv.get(2).substring(0, csv.get(2).indexOf(",\"histogram"));
        String after = csv.get(2).substring(csv.get(2).indexOf("(exit 4)\"") + "(exit 4)\"".length());
        assertEquals(header.indexOf("reason"), before.split(",").length, "one field per column before the reason");
        assertEquals(header.size() - header.indexOf("reason") - 1, after.split(",", -1).length - 1, "and after it");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Failed points") && html.contains("0123456789ab") && html.contains("no realization converged"));

        // every point failed: the summary and the report still say which and why
        ok("report", "--out", p("none.html"), "--summary", p("none.csv"), "--analysis", p("none.json"), "--plots", p("noplots"),
                "--failed", p("failed.tsv"));
        List<String> none = Files.readAllLines(dir.resolve("none.csv"));
        assertEquals(2, none.size());
        assertTrue(none.get(1).contains(",failed,"));
        assertTrue(Files.readString(dir.resolve("none.html")).contains("All 1 study points failed"));
        Run bad = khgps("report", "--out", p("x.html"), "--summary", p("x.csv"), "--failed", p("dos.h5"));
        assertEquals(ExitCode.BAD_INPUT.code(), bad.code(), bad.err());
    }

    @Test
    void theoryStandsAloneAndSaysWhenItDoesNotConverge() throws Exception {
        ok("theory", "--h", "0.01", "--J", "0.05", "--kappa0", "1", "--bins", "20", "--out", p("t.h5"));
        PointTheory t = TheoryFile.read(dir.resolve("t.h5"));
        assertEquals(0.007686, t.solution().q(), 0.005 * 0.007686);
        assertEquals(46.7, t.solution().aG(), 0.02 * 46.7);
        assertEquals(20, t.spectrum().omega().length);
        assertEquals(0.01, t.omegaEdges()[0], 1e-15);
        assertEquals(1e-12, t.spectrum().eta());
        assertTrue(t.solution().iterations() > 0 && t.solution().zPoints() > 0);
        Run run = khgps("theory", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--max-iterations", "3", "--out", p("u.h5"));
        assertEquals(ExitCode.NUMERICAL_FAILURE.code(), run.code(), run.err());
        assertTrue(run.err().contains("did not converge"), run.err());
        assertFalse(Files.exists(dir.resolve("u.h5")));
        assertEquals(ExitCode.BAD_INPUT.code(), khgps("theory", "--h", "0.01", "--kappa0", "1", "--out", p("v.h5")).code(), "J missing");
        assertEquals(ExitCode.BAD_INPUT.code(), khgps("theory", "--h", "-1", "--J", "0.1", "--kappa0", "1", "--out", p("v.h5")).code());
    }

    /** The physics of chunking (bit-identical minima and spectra, the same pool) is StagesTest's; here, the files. */
    @Test
    void chunkFilesPoolIntoTheSameDosAsOneFile() throws Exception {
        chunk(0, 4, "whole");
        chunk(0, 1, "first");
        chunk(1, 3, "rest");
        ok("histogram", "--out", p("dos_whole.h5"), p("minimawhole.h5"), p("spectrawhole.h5"));
        ok("histogram", "--out", p("dos_chunks.h5"), p("spectrarest.h5"), p("minimafirst.h5"), p("minimarest.h5"),
                p("spectrafirst.h5"));
        PointDos whole = DosFile.read(dir.resolve("dos_whole.h5"));
        PointDos chunks = DosFile.read(dir.resolve("dos_chunks.h5"));
        assertArrayEquals(whole.omegaTail(), chunks.omegaTail(), 0.0);
        assertArrayEquals(whole.histogram().counts(), chunks.histogram().counts());
        assertArrayEquals(whole.partial().x2(), chunks.partial().x2(), 0.0);
        assertEquals("0-3", chunks.realizationRanges());
    }

    @Test
    void sameSeedSameBitsDifferentSeedDifferentDisorder() throws Exception {
        chunk(0, 2, "one");
        chunk(0, 2, "two");
        assertArrayEquals(MinimaFile.read(dir.resolve("minimaone.h5")).x()[1],
                MinimaFile.read(dir.resolve("minimatwo.h5")).x()[1]);
        ok("sample", "--N", "64", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "8", "--count", "2",
                "--out", p("other.h5"));
        assertFalse(java.util.Arrays.equals(org.khgps.io.DisorderFile.read(dir.resolve("other.h5")).kappa()[0],
                MinimaFile.read(dir.resolve("minimaone.h5")).kappa()[0]));
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, khgps("--version").code());
        assertEquals(0, khgps("--help").code());
        for (String command : Main.COMMANDS.keySet()) {
            assertEquals(0, khgps(command, "--help").code(), command);
            assertEquals(0, khgps(command, "--version").code(), command);
        }
    }
}
