package org.khgps.core.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.khgps.core.Cavity;
import org.khgps.core.NumericalFailure;
import org.khgps.core.Spectra;
import org.khgps.core.StudyPoint;

/**
 * Everything one study point's realizations add up to: D(omega) on logarithmic bins (per mode,
 * sum(dos * width) = 1) over the included realizations' modes, the lowest frequencies for the tail
 * fit, &lt;x^2&gt;(kappa), &lt;x^2&gt; and the mean of 1/lambda.
 *
 * @param omegaTail the lowest frequencies of all included modes, ascending (input of the fit)
 * @param omegaTailRealization the realization index of each of them (for resampling errors)
 * @param modes M, the number of included modes (included realizations x N)
 * @param omegaComplete the frequency below which the pooled spectrum holds every mode: +inf for
 *        full spectra; for lowest-K spectra the histogram and the tail stop there
 * @param omegaTailParticipationRatio participation ratio of each tail mode (lowest-K spectra), or null
 */
public record PointDos(StudyPoint point, long seed, Spectra.Histogram histogram, double[] omegaTail,
                       long[] omegaTailRealization, long modes,
                       Spectra.PartialAverage partial, double x2, double x2Err, double meanInverseLambda,
                       double meanInverseLambdaErr, int realizations, int converged, long negativeModes,
                       String realizationRanges, double omegaComplete, double[] omegaTailParticipationRatio,
                       Anatomy anatomy) {

    public PointDos(StudyPoint point, long seed, Spectra.Histogram histogram, double[] omegaTail,
                    long[] omegaTailRealization, long modes, Spectra.PartialAverage partial, double x2, double x2Err,
                    double meanInverseLambda, double meanInverseLambdaErr, int realizations, int converged,
                    long negativeModes, String realizationRanges, double omegaComplete,
                    double[] omegaTailParticipationRatio) {
        this(point, seed, histogram, omegaTail, omegaTailRealization, modes, partial, x2, x2Err, meanInverseLambda,
                meanInverseLambdaErr, realizations, converged, negativeModes, realizationRanges, omegaComplete,
                omegaTailParticipationRatio, null);
    }

    /**
     * What carries the modes (issue 28; {@link Cavity}), pooled: the histogram's counts split by the
     * class of each mode's carrier ([bins, 5]: single, tilted, global, metastable, not classified),
     * the class and distance to the spinodal of each tail mode's carrier (beside omegaTail), and the
     * class counts of all oscillators of each included realization ([realizations, 4]; -1 where not
     * classified), whose mean fractions and their standard errors over realizations are
     * classFraction and classFractionErr (NaN without classified realizations).
     */
    public record Anatomy(long[][] countsByClass, int[] tailClass, double[] tailSpinodalDistance,
                          int[][] realizationClassCounts, double[] classFraction, double[] classFractionErr,
                          Moves moves) {

        /**
         * What the protocol did to each included realization (flip, best_random; null for zero and
         * random): H at its minimum minus H at CG's from x = 0 (<= 0 when the protocol deepened it),
         * and the metastable oscillators there and at the minimum kept.
         */
        public record Moves(double[] energyChange, int[] metastableBefore, int[] metastableAfter) {
        }

        /** Column of countsByClass for modes not classified. */
        public static final int UNCLASSIFIED_COLUMN = Cavity.CLASSES;

        static Anatomy of(long[][] countsByClass, int[] tailClass, double[] tailSpinodalDistance, int[][] perRealization,
                          int n, Moves moves) {
            double[] fraction = new double[Cavity.CLASSES];
            double[] err = new double[Cavity.CLASSES];
            for (int c = 0; c < Cavity.CLASSES; c++) {
                List<Double> f = new ArrayList<>();
                for (int[] counts : perRealization) {
                    if (counts[c] >= 0) {
                        f.add(counts[c] / (double) n);
                    }
                }
                Spectra.Estimate e = f.isEmpty() ? new Spectra.Estimate(Double.NaN, Double.NaN)
                        : Spectra.Estimate.of(f.stream().mapToDouble(Double::doubleValue).toArray());
                fraction[c] = e.value();
                err[c] = e.error();
            }
            return new Anatomy(countsByClass, tailClass, tailSpinodalDistance, perRealization, fraction, err, moves);
        }
    }

    /**
     * The fit's input is the lowest max(TAIL_MIN_MODES, M / TAIL_DIVISOR) frequencies: the fit
     * windows (automatic, or a --tail-fraction below 1 / TAIL_DIVISOR) never reach past them, and
     * small points keep all their modes. The pipeline's plan (KhgpsParams.storedTail) repeats it.
     */
    public static final int TAIL_MIN_MODES = 2000;
    public static final int TAIL_DIVISOR = 5;

    /** Full spectra: complete at every frequency, no mode data. */
    public PointDos(StudyPoint point, long seed, Spectra.Histogram histogram, double[] omegaTail,
                    long[] omegaTailRealization, long modes, Spectra.PartialAverage partial, double x2, double x2Err,
                    double meanInverseLambda, double meanInverseLambdaErr, int realizations, int converged,
                    long negativeModes, String realizationRanges) {
        this(point, seed, histogram, omegaTail, omegaTailRealization, modes, partial, x2, x2Err, meanInverseLambda,
                meanInverseLambdaErr, realizations, converged, negativeModes, realizationRanges,
                Double.POSITIVE_INFINITY, null);
    }

    /** What to do with realizations that did not converge or have a negative eigenvalue. */
    public enum Policy {
        /** leave them out of the pool, counted */
        EXCLUDE,
        /** stop: the point fails */
        FAIL
    }

    /**
     * A spectrum read again differs from its first read, or a realization is missing or doubled in
     * a later pass: a file was replaced while the pool ran. Running it again will read one version.
     */
    public static final class ChangedWhileReading extends RuntimeException {
        ChangedWhileReading(String message) {
            super(message);
        }
    }

    /** A chunk read when the pool needs it: the pool holds one at a time (see {@link #stream}). */
    @FunctionalInterface
    public interface Source<T> {
        T read() throws Exception;
    }

    /**
     * Stage 4 on chunks already in memory (same point and seed: the caller checked); see
     * {@link #stream}, which this is.
     */
    public static PointDos pool(StudyPoint point, long seed, List<MinimaChunk> minima, List<SpectraChunk> spectra,
                                Policy policy, int bins, int kappaPoints, Consumer<String> log) {
        try {
            return stream(point, seed, minima.stream().<Source<MinimaChunk>>map(c -> () -> c).toList(),
                    spectra.stream().<Source<SpectraChunk>>map(c -> () -> c).toList(), policy, bins, kappaPoints, log);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a chunk in memory cannot fail to read", e);
        }
    }

    /** Fine bins that find where the fit's lowest modes end (each 1/65536 of the log range: little slack). */
    static final int TAIL_BINS = 1 << 16;

    /**
     * Stage 4: the minima and spectra of one point (same point and seed: the sources check),
     * paired by realization index; failed realizations under {@code policy}.
     *
     * <p>One chunk at a time, so that a point of 1e7+ modes is not held whole: the minima once
     * (each realization's row of the partial average, its x dropped), the spectra three times:
     * (1) which realizations are in, omega_complete, the smallest and largest eigenvalue, each row's
     * mean of 1/lambda; (2) the largest frequency below omega_complete, how many are below it,
     * and their count on fine logarithmic bins, which says below which bin the fit's lowest modes
     * lie; (3) the histogram, and each row's modes up to that bin (rows are ascending: a prefix).
     * The lowest modes are then the merge of those prefixes. The result is the same, bit for bit,
     * as pooling every mode in memory (PointDosTest compares the two).
     *
     * @param log one line per realization left out
     */
    public static PointDos stream(StudyPoint point, long seed, List<Source<MinimaChunk>> minima,
                                  List<Source<SpectraChunk>> spectra, Policy policy, int bins, int kappaPoints,
                                  Consumer<String> log) throws Exception {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int n = point.N();
        Map<Long, Boolean> convergedOf = new HashMap<>();
        Map<Long, double[]> partialRowOf = new HashMap<>();
        Map<Long, double[]> movesOf = new HashMap<>(); // {energy change, metastable before, after} (flip, best_random)
        for (Source<MinimaChunk> source : minima) {
            MinimaChunk m = source.read();
            for (int r = 0; r < m.size(); r++) {
                long idx = m.realization()[r];
                if (convergedOf.put(idx, m.converged()[r] == 1) != null) {
                    throw new InputMismatch("realization " + idx + " appears in more than one minima file");
                }
                partialRowOf.put(idx, Spectra.partialAverageRow(m.kappa()[r], m.x()[r], point.kappa0(), kappaPoints));
                if (m.moves() != null) {
                    movesOf.put(idx, new double[] {m.energy()[r] - m.moves().energyBefore()[r],
                        m.moves().metastableBefore()[r], m.moves().metastableAfter()[r]});
                }
            }
        }
        // pass 1 over the spectra: one summary per row
        Map<Long, Row> rowOf = new HashMap<>();
        Map<Long, int[]> classCountsOf = new HashMap<>();
        boolean withPr = false; // participation ratios: lowest-K spectra
        boolean withAnatomy = true; // carriers' classes: every spectra file written since issue 28
        for (Source<SpectraChunk> source : spectra) {
            SpectraChunk s = source.read();
            withPr |= s.modes() != null;
            withAnatomy &= s.anatomy() != null;
            for (int r = 0; s.anatomy() != null && r < s.realization().length; r++) {
                classCountsOf.put(s.realization()[r], s.anatomy().classCounts()[r]);
            }
            for (int r = 0; r < s.realization().length; r++) {
                long idx = s.realization()[r];
                double[] eig = s.eigenvalues()[r];
                try {
                    Spectra.checkAscending(eig, "realization " + idx);
                } catch (IllegalArgumentException e) {
                    throw new InputMismatch("spectra of point " + point.id() + ": " + e.getMessage());
                }
                Row row = new Row(s.negativeModes()[r], eig.length, eig.length > 0 ? eig[0] : Double.NaN,
                        eig.length > 0 ? eig[eig.length - 1] : Double.NaN, Spectra.meanInverseLambda(eig));
                if (rowOf.put(idx, row) != null) {
                    throw new InputMismatch("realization " + idx + " appears in more than one spectra file");
                }
            }
        }
        if (!convergedOf.keySet().equals(rowOf.keySet())) {
            throw new InputMismatch("minima files hold realizations " + Realizations.ranges(indices(convergedOf))
                    + " but spectra files hold " + Realizations.ranges(indices(rowOf)));
        }
        long[] all = indices(convergedOf);
        List<Long> included = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long negativeModes = 0;
        int converged = 0;
        for (long idx : all) {
            int negative = rowOf.get(idx).negative();
            negativeModes += negative;
            if (convergedOf.get(idx)) {
                converged++;
            }
            if (convergedOf.get(idx) && negative == 0) {
                included.add(idx);
            } else {
                String why = convergedOf.get(idx) ? negative + " negative eigenvalues" : "did not converge";
                failed.add(idx + " (" + why + ")");
                log.accept(String.format("histogram: realization %d left out (%s)", idx, why));
            }
        }
        if (!failed.isEmpty() && policy == Policy.FAIL) {
            throw new NumericalFailure("point " + point.id() + ": " + failed.size() + " of " + all.length
                    + " realizations failed (" + String.join(", ", failed) + ") and --failed-realizations is fail");
        }
        if (included.isEmpty()) {
            // the point's outcome, not its files' fault: a numerical failure (exit 4), like --failed-realizations fail
            throw new NumericalFailure("no realization of point " + point.id() + " converged to a minimum: nothing to histogram");
        }
        Map<Long, Integer> rowIndex = new HashMap<>(); // position among the included, the order of every average
        for (int r = 0; r < included.size(); r++) {
            long idx = included.get(r);
            rowIndex.put(idx, r);
            Row row = rowOf.get(idx);
            if (row.held() > 0 && !(row.first() > 0)) {
                throw new InputMismatch("spectra of point " + point.id() + ": realization " + idx + " has the eigenvalue "
                        + row.first() + " but counts no negative mode: its spectra file was altered");
            }
        }
        // lowest-K rows hold every mode below their own lambda_K: the pooled spectrum is complete
        // below the smallest of those, and only modes below it are histogrammed and fitted
        double omegaComplete = Double.POSITIVE_INFINITY;
        boolean partialRows = false;
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        double[][] partialRow = new double[included.size()][];
        double[] inverse = new double[included.size()];
        for (int r = 0; r < included.size(); r++) {
            long idx = included.get(r);
            Row row = rowOf.get(idx);
            partialRow[r] = partialRowOf.get(idx);
            inverse[r] = row.meanInverseLambda();
            if (row.held() < n) {
                partialRows = true;
                omegaComplete = Math.min(omegaComplete, Math.sqrt(row.last()));
            }
            if (row.held() > 0) {
                smallest = Math.min(smallest, row.first());
                largest = Math.max(largest, row.last());
            }
        }
        partialRowOf.clear();
        long modesTotal = (long) included.size() * n;
        // omegaComplete is +inf for full spectra: then every mode passes
        double limit = omegaComplete;
        // pass 2: the frequencies below the limit, their extremes and count, and on fine bins
        double omegaMin = Math.sqrt(smallest);
        if (omegaMin < limit) {
            Spectra.checkFrequency(omegaMin); // a zero eigenvalue
        }
        // null only when no frequency is below the limit: then nothing is binned
        Spectra.LogBins fine = omegaMin < limit ? Spectra.LogBins.spanning(omegaMin, Math.sqrt(largest), TAIL_BINS) : null;
        Below below = new Below(fine);
        reread(spectra, included, rowIndex, rowOf, (s, r, at) -> {
            for (double l : s.eigenvalues()[r]) {
                double w = Math.sqrt(l);
                if (!(w < limit)) {
                    break; // ascending
                }
                below.add(w);
            }
        });
        if (below.count == 0) {
            throw new IllegalArgumentException("no frequencies to histogram");
        }
        int tail = (int) Math.min(below.count, Math.max(TAIL_MIN_MODES, modesTotal / TAIL_DIVISOR));
        // the lowest `tail` modes lie in the fine bins up to lastTailBin, and every mode beyond
        // that bin is above all of them (a bin never decreases with the frequency)
        int walk = 0;
        for (long cumulative = below.fineCounts[0]; cumulative < tail; cumulative += below.fineCounts[++walk]) {
            // walk up
        }
        int lastTailBin = walk; // effectively final: pass 3's lambda reads it
        // pass 3: the histogram, and each row's modes up to that bin
        Spectra.LogBins on = Spectra.LogBins.spanning(below.lo, below.hi, bins);
        long[] counts = new long[bins];
        long[][] countsByClass = new long[bins][Cavity.CLASSES + 1];
        double[][] prefix = new double[included.size()][];
        double[][] prefixPr = new double[included.size()][];
        int[][] prefixClass = new int[included.size()][];
        double[][] prefixDistance = new double[included.size()][];
        reread(spectra, included, rowIndex, rowOf, (s, r, at) -> {
            double[] eig = s.eigenvalues()[r];
            int[] carrierClass = s.anatomy() != null ? s.anatomy().carrierClass()[r] : null;
            int length = 0;
            for (int j = 0; j < eig.length; j++) {
                double w = Math.sqrt(eig[j]);
                if (!(w < limit)) {
                    break;
                }
                counts[on.of(w)]++;
                int c = carrierClass != null ? carrierClass[j] : Cavity.UNCLASSIFIED;
                countsByClass[on.of(w)][c < 0 ? Anatomy.UNCLASSIFIED_COLUMN : c]++;
                if (fine.of(w) <= lastTailBin) {
                    length++;
                }
            }
            prefix[at] = Arrays.copyOf(eig, length);
            if (s.modes() != null) {
                prefixPr[at] = Arrays.copyOf(s.modes().participationRatio()[r], length);
            }
            if (carrierClass != null) {
                prefixClass[at] = Arrays.copyOf(carrierClass, length);
                prefixDistance[at] = Arrays.copyOf(s.anatomy().carrierSpinodalDistance()[r], length);
            }
        });
        Spectra.Lowest lowest = Spectra.lowest(prefix, tail);
        long[] tailOwner = new long[tail];
        double[] tailPr = withPr ? new double[tail] : null;
        int[] tailClass = new int[tail];
        double[] tailDistance = new double[tail];
        for (int i = 0; i < tail; i++) {
            int row = lowest.row()[i];
            tailOwner[i] = included.get(row);
            if (tailPr != null) {
                double[] pr = prefixPr[row];
                tailPr[i] = pr != null ? pr[lowest.column()[i]] : Double.NaN;
            }
            tailClass[i] = prefixClass[row] != null ? prefixClass[row][lowest.column()[i]] : Cavity.UNCLASSIFIED;
            tailDistance[i] = prefixDistance[row] != null ? prefixDistance[row][lowest.column()[i]] : Double.NaN;
        }
        Anatomy anatomy = null;
        if (withAnatomy) {
            int[][] perRealization = new int[included.size()][];
            for (int r = 0; r < included.size(); r++) {
                perRealization[r] = classCountsOf.get(included.get(r));
            }
            Anatomy.Moves moves = null;
            if (!movesOf.isEmpty()) {
                moves = new Anatomy.Moves(new double[included.size()], new int[included.size()], new int[included.size()]);
                for (int r = 0; r < included.size(); r++) {
                    double[] m = movesOf.get(included.get(r));
                    moves.energyChange()[r] = m[0];
                    moves.metastableBefore()[r] = (int) m[1];
                    moves.metastableAfter()[r] = (int) m[2];
                }
            }
            anatomy = Anatomy.of(countsByClass, tailClass, tailDistance, perRealization, n, moves);
        }
        Spectra.Histogram histogram = Spectra.histogram(on, counts, below.count, modesTotal);
        Spectra.PartialAverage partial = Spectra.partialAverage(partialRow, point.kappa0(), kappaPoints);
        // <1/lambda> needs every eigenvalue: not available from lowest-K rows
        Spectra.Estimate inverseLambda = partialRows ? new Spectra.Estimate(Double.NaN, Double.NaN)
                : Spectra.Estimate.of(inverse);
        int last = kappaPoints - 1;
        return new PointDos(point, seed, histogram, lowest.omega(), tailOwner, modesTotal, partial, partial.x2()[last],
                partial.x2Err()[last], inverseLambda.value(), inverseLambda.error(), all.length, converged,
                negativeModes, Realizations.ranges(all), omegaComplete, tailPr, anatomy);
    }

    /** What pass 2 gathers of the frequencies below the limit: extremes, count, fine bins. */
    private static final class Below {
        final Spectra.LogBins fine;
        final long[] fineCounts = new long[TAIL_BINS];
        long count;
        double lo = Double.POSITIVE_INFINITY;
        double hi;

        Below(Spectra.LogBins fine) {
            this.fine = fine;
        }

        void add(double w) {
            Spectra.checkFrequency(w);
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
            count++;
            fineCounts[fine.of(w)]++;
        }
    }

    /** One included row of a later pass: row r of chunk s, at position {@code at} among the included. */
    private interface IncludedRow {
        void accept(SpectraChunk s, int r, int at);
    }

    /**
     * A later pass over the spectra, included rows only, each checked against pass 1 and seen
     * exactly once: else a file was replaced meanwhile.
     */
    private static void reread(List<Source<SpectraChunk>> spectra, List<Long> included, Map<Long, Integer> rowIndex,
                               Map<Long, Row> rowOf, IncludedRow visit) throws Exception {
        boolean[] seen = new boolean[included.size()];
        for (Source<SpectraChunk> source : spectra) {
            SpectraChunk s = source.read();
            for (int r = 0; r < s.realization().length; r++) {
                long idx = s.realization()[r];
                Integer at = rowIndex.get(idx);
                if (at == null) {
                    continue;
                }
                double[] eig = s.eigenvalues()[r];
                Row first = rowOf.get(idx);
                int held = eig.length;
                if (seen[at] || held != first.held() || (held > 0 && (Double.compare(eig[0], first.first()) != 0
                        || Double.compare(eig[held - 1], first.last()) != 0))) {
                    throw new ChangedWhileReading("the spectrum of realization " + idx + (seen[at]
                            ? " was read twice in one pass" : " differs from its first read"));
                }
                seen[at] = true;
                visit.accept(s, r, at);
            }
        }
        for (int r = 0; r < seen.length; r++) {
            if (!seen[r]) {
                throw new ChangedWhileReading("the spectrum of realization " + included.get(r) + " was not read again");
            }
        }
    }

    /** What pass 1 keeps of a spectra row: its negative count, length, extremes and mean of 1/lambda. */
    private record Row(int negative, int held, double first, double last, double meanInverseLambda) {
    }

    /** Modes below omega_complete (all of them for full spectra). */
    public long modesBelowComplete() {
        return Arrays.stream(histogram.counts()).sum();
    }

    private static long[] indices(Map<Long, ?> byRealization) {
        return byRealization.keySet().stream().mapToLong(l -> l).sorted().toArray();
    }
}
