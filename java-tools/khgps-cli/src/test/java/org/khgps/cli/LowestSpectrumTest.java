package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.core.Lanes;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.DosFile;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;

/** --spectrum lowest against --spectrum full on the same minima: same modes, same D(omega) where complete. */
class LowestSpectrumTest {

    @TempDir
    static Path dir;

    static final int N = 300;
    static final int K = 12;

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(String... args) {
        CliTest.assertOk(args);
    }

    @BeforeAll
    static void run() {
        ok("sample", "--N", Integer.toString(N), "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "3", "--first", "0",
                "--count", "6", "--out", p("d.h5"));
        ok("minimize", "--in", p("d.h5"), "--out", p("m.h5"), "--threads", "2");
        ok("diagonalize", "--in", p("m.h5"), "--out", p("full.h5"), "--threads", "2");
        ok("diagonalize", "--in", p("m.h5"), "--out", p("low.h5"), "--threads", "2", "--spectrum", "lowest", "--modes",
                Integer.toString(K), "--save-vectors", "3");
        ok("histogram", "--out", p("dos_full.h5"), p("m.h5"), p("full.h5"));
        ok("histogram", "--out", p("dos_low.h5"), p("m.h5"), p("low.h5"));
        ok("fit", "--in", p("dos_low.h5"), "--out", p("fit_low.h5"));
    }

    /**
     * The physics (the K lowest equal the full spectrum's, participation ratios in range) is
     * StagesTest's; here, that the file holds what the stage computes from the same minima file.
     */
    @Test
    void theLowestFileHoldsWhatTheStageComputes() throws Exception {
        SpectraChunk low = SpectraFile.read(dir.resolve("low.h5"));
        SpectraChunk stage = SpectraChunk.lowest(MinimaFile.read(dir.resolve("m.h5")), K, 3, new Lanes(1, 1), line -> { });
        assertEquals("lowest " + K + " of " + N, low.modesDescription());
        assertEquals(K, low.modesHeld());
        for (int r = 0; r < 6; r++) {
            for (int i = 0; i < K; i++) {
                assertEquals(stage.eigenvalues()[r][i], low.eigenvalues()[r][i], 1e-12 * stage.eigenvalues()[r][i]);
                assertEquals(stage.modes().participationRatio()[r][i], low.modes().participationRatio()[r][i], 1e-9);
            }
            assertEquals(stage.modes().fullSpectrum()[r], low.modes().fullSpectrum()[r]);
        }
    }

    @Test
    void histogramBelowTheCompletenessFrequencyIsTheFullOne() throws Exception {
        PointDos full = DosFile.read(dir.resolve("dos_full.h5"));
        PointDos low = DosFile.read(dir.resolve("dos_low.h5"));
        SpectraChunk spectra = SpectraFile.read(dir.resolve("low.h5"));
        double complete = Double.POSITIVE_INFINITY;
        for (double[] row : spectra.eigenvalues()) {
            complete = Math.min(complete, Math.sqrt(row[K - 1]));
        }
        assertEquals(complete, low.omegaComplete(), 0);
        assertEquals(Double.POSITIVE_INFINITY, full.omegaComplete());
        assertEquals(full.modes(), low.modes(), "normalized per mode of N");
        assertTrue(Double.isNaN(low.meanInverseLambda()), "<1/lambda> needs every mode");
        // the lowest file's bins, refilled from the full spectrum: the same D(omega) bin for bin
        double[] edges = low.histogram().edges();
        assertTrue(edges[edges.length - 1] <= complete * (1 + 1e-8), "histogram stops at omega_complete");
        long[] counts = new long[edges.length - 1];
        for (double[] row : SpectraFile.read(dir.resolve("full.h5")).eigenvalues()) {
            for (double l : row) {
                double w = Math.sqrt(l);
                for (int b = 0; b < counts.length; b++) {
                    if (w >= edges[b] && w < edges[b + 1]) {
                        counts[b]++;
                    }
                }
            }
        }
        assertArrayEquals(counts, low.histogram().counts());
        for (int b = 0; b < counts.length; b++) {
            assertEquals(counts[b] / (full.modes() * (edges[b + 1] - edges[b])), low.histogram().dos()[b], 1e-12);
        }
        // the fit's input is the full file's, cut at omega_complete
        double[] tail = low.omegaTail();
        assertTrue(tail[tail.length - 1] < complete);
        double[] fullTail = Arrays.copyOf(full.omegaTail(), tail.length);
        assertArrayEquals(fullTail, tail, 1e-12);
        assertEquals(tail.length, low.omegaTailParticipationRatio().length);
    }
}
