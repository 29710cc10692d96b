package org.khgps.core.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.khgps.core.NumericalFailure;
import org.khgps.core.Spectra;
import org.khgps.core.StudyPoint;

/**
 * The pool reads its chunks one at a time (PointDos.stream); here it is held against a reference
 * that holds every mode and sorts them all, which is what the pool did before it streamed: the two
 * must agree bit for bit. The spectra are synthetic, quantized so that many modes tie (also across
 * the edge of the fit's lowest modes), with a realization that did not converge and one with a
 * negative eigenvalue, in chunks given out of order.
 */
class PointDosTest {

    private static final int N = 50;
    private static final int REALIZATIONS = 120;
    private static final int CHUNK = 17;
    private static final int BINS = 40;
    private static final int KAPPA_POINTS = 30;
    private static final StudyPoint POINT = new StudyPoint(N, 0.01, 0.2, 1.0);
    private static final long SEED = 5;
    private static final long NOT_CONVERGED = 7;
    private static final long NEGATIVE = 33;

    @Test
    void streamingFullSpectraEqualsPoolingEveryModeInMemory() {
        Data d = data(0);
        PointDos dos = PointDos.pool(POINT, SEED, d.minima, d.spectra, PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { });
        // 118 realizations x 50 modes: the fit keeps the lowest 2000 (TAIL_MIN_MODES) of 5900, so the
        // pool must find where they end and merge only the rows' prefixes
        assertEquals(2000, dos.omegaTail().length);
        assertEquals(118L * N, dos.modes());
        assertTrue(Double.isInfinite(dos.omegaComplete()));
        assertNull(dos.omegaTailParticipationRatio());
        assertSameAsReference(dos, d);
    }

    @Test
    void streamingLowestSpectraEqualsPoolingEveryModeInMemory() {
        Data d = data(30);
        PointDos dos = PointDos.pool(POINT, SEED, d.minima, d.spectra, PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { });
        assertTrue(Double.isFinite(dos.omegaComplete()));
        assertTrue(Double.isNaN(dos.meanInverseLambda()), "<1/lambda> needs every eigenvalue");
        assertSameAsReference(dos, d);
    }

    @Test
    void eachChunkIsReadWhenNeededAndItsFailureIsTheCallers() throws Exception {
        Data d = data(0);
        AtomicInteger minimaReads = new AtomicInteger();
        AtomicInteger spectraReads = new AtomicInteger();
        List<PointDos.Source<MinimaChunk>> minima = d.minima.stream()
                .<PointDos.Source<MinimaChunk>>map(c -> () -> { minimaReads.incrementAndGet(); return c; }).toList();
        List<PointDos.Source<SpectraChunk>> spectra = d.spectra.stream()
                .<PointDos.Source<SpectraChunk>>map(c -> () -> { spectraReads.incrementAndGet(); return c; }).toList();
        PointDos.stream(POINT, SEED, minima, spectra, PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { });
        assertEquals(d.minima.size(), minimaReads.get(), "the minima are read once");
        assertEquals(3 * d.spectra.size(), spectraReads.get(), "the spectra three times");

        IOException damaged = new IOException("spectra_000017-000033.h5 is damaged");
        List<PointDos.Source<SpectraChunk>> failing = new ArrayList<>(spectra);
        failing.set(1, () -> {
            throw damaged;
        });
        IOException thrown = assertThrows(IOException.class, () -> PointDos.stream(POINT, SEED, minima, failing,
                PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { }));
        assertSame(damaged, thrown);
    }

    @Test
    void aRealizationInTwoSpectraFilesIsRefused() {
        Data d = data(0);
        List<SpectraChunk> twice = new ArrayList<>(d.spectra);
        twice.add(d.spectra.get(0));
        InputMismatch e = assertThrows(InputMismatch.class, () -> PointDos.pool(POINT, SEED, d.minima, twice,
                PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { }));
        assertTrue(e.getMessage().contains("appears in more than one spectra file"), e.getMessage());
    }

    @Test
    void aSpectraFileReplacedBetweenPassesIsCaughtNotPooled() {
        Data d = data(0);
        Data lowest = data(30); // the same realizations, their lowest 30 modes: a rerun with --spectrum lowest
        List<PointDos.Source<MinimaChunk>> minima = d.minima.stream().<PointDos.Source<MinimaChunk>>map(c -> () -> c).toList();
        SpectraChunk before = d.spectra.get(2);
        SpectraChunk after = lowest.spectra.stream().filter(c -> c.realization()[0] == before.realization()[0])
                .findFirst().orElseThrow();
        SpectraChunk shorter = new SpectraChunk(POINT, SEED, Arrays.copyOf(before.realization(), 3),
                Arrays.copyOf(before.converged(), 3), Arrays.copyOf(before.eigenvalues(), 3),
                Arrays.copyOf(before.negativeModes(), 3), before.traceResidual(), before.frobeniusResidual(), "synthetic");
        for (SpectraChunk replacement : List.of(after, shorter)) {
            AtomicInteger reads = new AtomicInteger();
            List<PointDos.Source<SpectraChunk>> spectra = new ArrayList<>();
            for (SpectraChunk c : d.spectra) {
                spectra.add(c == before ? () -> reads.getAndIncrement() == 0 ? before : replacement : () -> c);
            }
            PointDos.ChangedWhileReading e = assertThrows(PointDos.ChangedWhileReading.class, () -> PointDos.stream(
                    POINT, SEED, minima, spectra, PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { }));
            assertTrue(e.getMessage().contains(replacement == after ? "differs from its first read" : "was not read again"),
                    e.getMessage());
        }
    }

    @Test
    void noConvergedRealizationIsANumericalFailureNotBadInput() {
        Data d = data(0);
        List<MinimaChunk> none = d.minima.stream().map(m -> new MinimaChunk(m.point(), m.seed(), m.realization(),
                m.realizationSeed(), m.kappa(), m.x(), new byte[m.realization().length], m.maxGradient(), m.iterations(),
                m.energy(), m.tolerance(), m.maxIterations(), m.preconditionBelow())).toList();
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> PointDos.pool(POINT, SEED, none, d.spectra,
                PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { }));
        assertTrue(e.getMessage().contains("no realization of point " + POINT.id() + " converged"), e.getMessage());
    }

    @Test
    void anIncludedRowWithANonPositiveEigenvalueIsRefused() {
        Data d = data(0);
        SpectraChunk c = d.spectra.get(0);
        double[][] eig = Arrays.stream(c.eigenvalues()).map(double[]::clone).toArray(double[][]::new);
        int r = c.realization()[0] == NEGATIVE || c.realization()[0] == NOT_CONVERGED ? 1 : 0;
        eig[r][0] = -1e-9; // and negative_modes still 0: an altered file, not what diagonalize writes
        List<SpectraChunk> spectra = new ArrayList<>(d.spectra);
        spectra.set(0, new SpectraChunk(POINT, SEED, c.realization(), c.converged(), eig, c.negativeModes(),
                c.traceResidual(), c.frobeniusResidual(), "synthetic"));
        InputMismatch e = assertThrows(InputMismatch.class, () -> PointDos.pool(POINT, SEED, d.minima, spectra,
                PointDos.Policy.EXCLUDE, BINS, KAPPA_POINTS, s -> { }));
        assertTrue(e.getMessage().contains("realization " + c.realization()[r] + " has the eigenvalue -1.0E-9 but counts "
                + "no negative mode"), e.getMessage());
    }

    /** Everything in memory: every mode below the limit sorted by (omega, row, column), as a stable sort would. */
    private static void assertSameAsReference(PointDos dos, Data d) {
        List<Long> included = new ArrayList<>();
        for (long r = 0; r < REALIZATIONS; r++) {
            if (r != NOT_CONVERGED && r != NEGATIVE) {
                included.add(r);
            }
        }
        double[][] kappa = new double[included.size()][];
        double[][] x = new double[included.size()][];
        double[][] eig = new double[included.size()][];
        double[][] pr = new double[included.size()][];
        double limit = Double.POSITIVE_INFINITY;
        for (int r = 0; r < included.size(); r++) {
            int idx = (int) (long) included.get(r);
            kappa[r] = d.kappa[idx];
            x[r] = d.x[idx];
            eig[r] = d.eigenvalues[idx];
            pr[r] = d.pr == null ? null : d.pr[idx];
            if (eig[r].length < N) {
                limit = Math.min(limit, Math.sqrt(eig[r][eig[r].length - 1]));
            }
        }
        List<double[]> modes = new ArrayList<>(); // omega, row, column
        for (int r = 0; r < eig.length; r++) {
            for (int c = 0; c < eig[r].length; c++) {
                double w = Math.sqrt(eig[r][c]);
                if (w < limit) {
                    modes.add(new double[] {w, r, c});
                }
            }
        }
        modes.sort(Comparator.<double[]>comparingDouble(m -> m[0]).thenComparingDouble(m -> m[1])
                .thenComparingDouble(m -> m[2]));
        long modesTotal = (long) included.size() * N;
        int tail = (int) Math.min(modes.size(), Math.max(PointDos.TAIL_MIN_MODES, modesTotal / PointDos.TAIL_DIVISOR));
        double[] omegaTail = new double[tail];
        long[] owner = new long[tail];
        double[] tailPr = d.pr == null ? null : new double[tail];
        for (int i = 0; i < tail; i++) {
            double[] m = modes.get(i);
            omegaTail[i] = m[0];
            owner[i] = included.get((int) m[1]);
            if (tailPr != null) {
                tailPr[i] = pr[(int) m[1]][(int) m[2]];
            }
        }
        Spectra.Histogram h = Spectra.logHistogram(modes.stream().mapToDouble(m -> m[0]).toArray(), BINS, modesTotal);
        Spectra.PartialAverage partial = Spectra.partialAverage(kappa, x, POINT.kappa0(), KAPPA_POINTS);

        assertArrayEquals(omegaTail, dos.omegaTail());
        assertArrayEquals(owner, dos.omegaTailRealization());
        assertArrayEquals(tailPr, dos.omegaTailParticipationRatio());
        assertArrayEquals(h.edges(), dos.histogram().edges());
        assertArrayEquals(h.counts(), dos.histogram().counts());
        assertArrayEquals(h.dos(), dos.histogram().dos());
        assertArrayEquals(h.dosErr(), dos.histogram().dosErr());
        assertArrayEquals(partial.x2(), dos.partial().x2());
        assertArrayEquals(partial.x2Err(), dos.partial().x2Err());
        assertEquals(limit, dos.omegaComplete());
        if (d.pr == null) {
            Spectra.Estimate inverse = Spectra.meanInverseLambda(eig);
            assertEquals(inverse.value(), dos.meanInverseLambda());
            assertEquals(inverse.error(), dos.meanInverseLambdaErr());
        }
        assertEquals(REALIZATIONS, dos.realizations());
        assertEquals(REALIZATIONS - 1, dos.converged());
        assertEquals(1, dos.negativeModes());
        // many ties among the fit's modes: the order among them is the reference's
        long distinct = Arrays.stream(omegaTail).distinct().count();
        assertTrue(distinct < tail / 2, distinct + " distinct of " + tail);
    }

    /** Synthetic chunks: K lowest modes of each realization (K = 0: all N), in shuffled chunks. */
    private record Data(List<MinimaChunk> minima, List<SpectraChunk> spectra, double[][] kappa, double[][] x,
                        double[][] eigenvalues, double[][] pr) {
    }

    private static Data data(int k) {
        Random random = new Random(3);
        int held = k == 0 ? N : k;
        double[][] kappa = new double[REALIZATIONS][N];
        double[][] x = new double[REALIZATIONS][N];
        double[][] eig = new double[REALIZATIONS][held];
        double[][] pr = k == 0 ? null : new double[REALIZATIONS][held];
        int[] negative = new int[REALIZATIONS];
        byte[] converged = new byte[REALIZATIONS];
        for (int r = 0; r < REALIZATIONS; r++) {
            for (int i = 0; i < N; i++) {
                kappa[r][i] = random.nextDouble();
                x[r][i] = 0.1 * random.nextGaussian();
            }
            double[] all = new double[N];
            for (int i = 0; i < N; i++) {
                // quantized: many equal frequencies within and across realizations
                all[i] = Math.rint(200 * random.nextDouble() * random.nextDouble() + 1) / 400;
            }
            Arrays.sort(all);
            if (r == NEGATIVE) {
                all[0] = -0.01;
                negative[r] = 1;
            }
            eig[r] = Arrays.copyOf(all, held);
            if (pr != null) {
                for (int j = 0; j < held; j++) {
                    pr[r][j] = random.nextDouble();
                }
            }
            converged[r] = (byte) (r == NOT_CONVERGED ? 0 : 1);
        }
        List<MinimaChunk> minima = new ArrayList<>();
        List<SpectraChunk> spectra = new ArrayList<>();
        for (int from = 0; from < REALIZATIONS; from += CHUNK) {
            int to = Math.min(REALIZATIONS, from + CHUNK);
            int size = to - from;
            long[] realization = new long[size];
            for (int i = 0; i < size; i++) {
                realization[i] = from + i;
            }
            double[] nan = new double[size];
            Arrays.fill(nan, Double.NaN);
            minima.add(new MinimaChunk(POINT, SEED, realization, new long[size], Arrays.copyOfRange(kappa, from, to),
                    Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(converged, from, to), new double[size],
                    new int[size], new double[size], 1e-10, 1000, Double.NaN));
            SpectraChunk.Modes modes = k == 0 ? null : new SpectraChunk.Modes(k, new byte[size], new double[size],
                    Arrays.copyOfRange(pr, from, to), null, null, null, null, null, null);
            spectra.add(new SpectraChunk(POINT, SEED, realization, Arrays.copyOfRange(converged, from, to),
                    Arrays.copyOfRange(eig, from, to), Arrays.copyOfRange(negative, from, to), nan, nan, "synthetic",
                    modes));
        }
        Collections.shuffle(minima, random);
        Collections.shuffle(spectra, random);
        return new Data(minima, spectra, kappa, x, eig, pr);
    }
}
