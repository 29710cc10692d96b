package org.khgps.core.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
                       String realizationRanges, double omegaComplete, double[] omegaTailParticipationRatio) {

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
     * Stage 4: the minima and spectra of one point (same point and seed: the caller checked),
     * paired by realization index; failed realizations under {@code policy}.
     *
     * @param log one line per realization left out
     */
    public static PointDos pool(StudyPoint point, long seed, List<MinimaChunk> minima, List<SpectraChunk> spectra,
                                Policy policy, int bins, int kappaPoints, Consumer<String> log) {
        Map<Long, double[]> kappaOf = new HashMap<>();
        Map<Long, double[]> xOf = new HashMap<>();
        Map<Long, Boolean> convergedOf = new HashMap<>();
        for (MinimaChunk m : minima) {
            for (int r = 0; r < m.size(); r++) {
                long idx = m.realization()[r];
                if (kappaOf.put(idx, m.kappa()[r]) != null) {
                    throw new InputMismatch("realization " + idx + " appears in more than one minima file");
                }
                xOf.put(idx, m.x()[r]);
                convergedOf.put(idx, m.converged()[r] == 1);
            }
        }
        Map<Long, double[]> eigOf = new HashMap<>();
        Map<Long, double[]> prOf = new HashMap<>(); // participation ratios, lowest-K rows only
        Map<Long, Integer> negativeOf = new HashMap<>();
        for (SpectraChunk s : spectra) {
            for (int r = 0; r < s.realization().length; r++) {
                long idx = s.realization()[r];
                if (eigOf.put(idx, s.eigenvalues()[r]) != null) {
                    throw new InputMismatch("realization " + idx + " appears in more than one spectra file");
                }
                negativeOf.put(idx, s.negativeModes()[r]);
                if (s.modes() != null) {
                    prOf.put(idx, s.modes().participationRatio()[r]);
                }
            }
        }
        if (!kappaOf.keySet().equals(eigOf.keySet())) {
            throw new InputMismatch("minima files hold realizations " + Realizations.ranges(indices(kappaOf))
                    + " but spectra files hold " + Realizations.ranges(indices(eigOf)));
        }
        long[] all = indices(kappaOf);
        List<Long> included = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long negativeModes = 0;
        int converged = 0;
        for (long idx : all) {
            negativeModes += negativeOf.get(idx);
            if (convergedOf.get(idx)) {
                converged++;
            }
            if (convergedOf.get(idx) && negativeOf.get(idx) == 0) {
                included.add(idx);
            } else {
                String why = convergedOf.get(idx) ? negativeOf.get(idx) + " negative eigenvalues" : "did not converge";
                failed.add(idx + " (" + why + ")");
                log.accept(String.format("histogram: realization %d left out (%s)", idx, why));
            }
        }
        if (!failed.isEmpty() && policy == Policy.FAIL) {
            throw new NumericalFailure("point " + point.id() + ": " + failed.size() + " of " + all.length
                    + " realizations failed (" + String.join(", ", failed) + ") and --failed-realizations is fail");
        }
        if (included.isEmpty()) {
            throw new InputMismatch("no realization of point " + point.id() + " converged to a minimum: nothing to histogram");
        }
        int n = point.N();
        double[][] kappa = new double[included.size()][];
        double[][] x = new double[included.size()][];
        double[][] eig = new double[included.size()][];
        // lowest-K rows hold every mode below their own lambda_K: the pooled spectrum is complete
        // below the smallest of those, and only modes below it are histogrammed and fitted
        double omegaComplete = Double.POSITIVE_INFINITY;
        boolean partialRows = false;
        for (int r = 0; r < included.size(); r++) {
            long idx = included.get(r);
            kappa[r] = kappaOf.get(idx);
            x[r] = xOf.get(idx);
            eig[r] = eigOf.get(idx);
            if (eig[r].length < n) {
                partialRows = true;
                omegaComplete = Math.min(omegaComplete, Math.sqrt(eig[r][eig[r].length - 1]));
            }
        }
        long modesTotal = (long) included.size() * n;
        // omegaComplete is +inf for full spectra: then every mode passes
        double limit = omegaComplete;
        double[] omega = Arrays.stream(eig).flatMapToDouble(Arrays::stream).map(Math::sqrt).filter(w -> w < limit)
                .toArray();
        int tail = (int) Math.min(omega.length, Math.max(TAIL_MIN_MODES, modesTotal / TAIL_DIVISOR));
        Spectra.Lowest lowest;
        try {
            lowest = Spectra.lowest(eig, tail);
        } catch (IllegalArgumentException e) {
            throw new InputMismatch("spectra of point " + point.id() + ": " + e.getMessage());
        }
        long[] tailOwner = new long[tail];
        double[] tailPr = prOf.isEmpty() ? null : new double[tail];
        for (int i = 0; i < tail; i++) {
            long idx = included.get(lowest.row()[i]);
            tailOwner[i] = idx;
            if (tailPr != null) {
                double[] pr = prOf.get(idx);
                tailPr[i] = pr != null ? pr[lowest.column()[i]] : Double.NaN;
            }
        }
        Spectra.Histogram histogram = Spectra.logHistogram(omega, bins, modesTotal);
        Spectra.PartialAverage partial = Spectra.partialAverage(kappa, x, point.kappa0(), kappaPoints);
        // <1/lambda> needs every eigenvalue: not available from lowest-K rows
        Spectra.Estimate inverse = partialRows ? new Spectra.Estimate(Double.NaN, Double.NaN) : Spectra.meanInverseLambda(eig);
        int last = kappaPoints - 1;
        return new PointDos(point, seed, histogram, lowest.omega(), tailOwner, modesTotal, partial, partial.x2()[last],
                partial.x2Err()[last], inverse.value(), inverse.error(), all.length, converged, negativeModes,
                Realizations.ranges(all), omegaComplete, tailPr);
    }

    /** Modes below omega_complete (all of them for full spectra). */
    public long modesBelowComplete() {
        return Arrays.stream(histogram.counts()).sum();
    }

    private static long[] indices(Map<Long, ?> byRealization) {
        return byRealization.keySet().stream().mapToLong(l -> l).sorted().toArray();
    }
}
