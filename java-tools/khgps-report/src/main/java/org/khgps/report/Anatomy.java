package org.khgps.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.khgps.core.Cavity;
import org.khgps.core.StudyPoint;
import org.khgps.core.TailAnatomy;
import org.khgps.core.TailFit;
import org.khgps.core.Xoshiro256;
import org.khgps.core.stage.PointDos;

/**
 * What carries the tail of each point (issue 28), from its dos file: the metastable share of the
 * modes below omega_x / 2 (omega_x of the point onto G), and the comparison of points that differ
 * only in their protocol, on the same disorder realization by realization.
 */
final class Anatomy {

    /** Realization resamplings of the shares and the paired differences (the fit's 200). */
    static final int SAMPLES = 200;

    private Anatomy() {
    }

    /** A point's stored tail with its realizations numbered 0 .. realizations - 1. */
    record Tail(double[] omega, int[] cls, int[] position, int realizations) {

        static Tail of(PointDos dos) {
            long[] owners = dos.omegaTailRealization();
            long[] distinct = Arrays.stream(owners).distinct().sorted().toArray();
            int[] position = new int[owners.length];
            for (int i = 0; i < owners.length; i++) {
                position[i] = Arrays.binarySearch(distinct, owners[i]);
            }
            int realizations = (int) Math.max(distinct.length, dos.modes() / dos.point().N());
            return new Tail(dos.omegaTail(), dos.anatomy().tailClass(), position, realizations);
        }
    }

    /** The metastable share below omega_c of a point with an anatomy (null without one, or omega_c not finite). */
    static TailAnatomy below(Study.Point p, double omegaC) {
        if (p.dos().anatomy() == null || !Double.isFinite(omegaC)) {
            return null;
        }
        Tail t = Tail.of(p.dos());
        // beyond the stored tail the share would miss modes: not computed
        if (t.omega().length == 0 || omegaC > t.omega()[t.omega().length - 1]) {
            return null;
        }
        return TailAnatomy.below(t.omega(), t.cls(), t.position(), t.realizations(), omegaC, SAMPLES, p.dos().seed() ^ 0xA11AL);
    }

    /**
     * The law of the metastable carriers' distance to their spinodal near it: with N(d) the tail's
     * modes carried by a metastable oscillator at distance below d, N(d) ~ d^theta below the median
     * distance d_c. theta is Hill's estimator over the k = n / 2 smallest distances, k / sum
     * ln(d_c / d_i), with error theta / sqrt(k) (theta = 1: a density of such carriers finite at the
     * spinodal). Null below 10 such modes.
     */
    record SpinodalLaw(int modes, double exponent, double exponentErr, double dEdge) {
    }

    static SpinodalLaw spinodal(PointDos dos) {
        var a = dos.anatomy();
        if (a == null) {
            return null;
        }
        double[] d = java.util.stream.IntStream.range(0, a.tailClass().length)
                .filter(i -> a.tailClass()[i] == Cavity.METASTABLE && a.tailSpinodalDistance()[i] > 0)
                .mapToDouble(i -> a.tailSpinodalDistance()[i]).sorted().toArray();
        return spinodal(d);
    }

    /** {@link #spinodal(PointDos)} on the sorted positive distances. */
    static SpinodalLaw spinodal(double[] sorted) {
        if (sorted.length < 10) {
            return null;
        }
        int k = sorted.length / 2;
        double edge = sorted[k];
        double logSum = 0;
        for (int i = 0; i < k; i++) {
            logSum += Math.log(edge / sorted[i]);
        }
        double theta = k / logSum;
        return new SpinodalLaw(sorted.length, theta, theta / Math.sqrt(k), edge);
    }

    /**
     * A point under a protocol against the same point under zero, paired: the difference of their
     * Hill exponents below omega_c (zero's omega_x / 2, or lower: {@link #edge}), its error from resampling the realizations of
     * both together, the mean difference of H per realization (the protocol's minimum minus CG's from
     * x = 0) and the metastable counts before and after.
     */
    record Paired(StudyPoint zero, StudyPoint other, double omegaC, double delta, double deltaErr, double energyChange,
                  double energyChangeErr, double metastableBefore, double metastableAfter) {
    }

    /** Every point with a protocol other than zero beside its zero point, in the study's order. */
    static List<Paired> paired(Study study) {
        Map<String, Integer> zeroOf = new LinkedHashMap<>();
        for (int i = 0; i < study.points().size(); i++) {
            StudyPoint q = study.points().get(i).dos().point();
            if (q.protocol() == org.khgps.core.Protocol.ZERO) {
                zeroOf.put(q.withProtocol(org.khgps.core.Protocol.ZERO).canonicalJson(), i);
            }
        }
        List<Paired> out = new ArrayList<>();
        for (Study.Point p : study.points()) {
            StudyPoint q = p.dos().point();
            Integer z = zeroOf.get(q.withProtocol(org.khgps.core.Protocol.ZERO).canonicalJson());
            if (q.protocol() == org.khgps.core.Protocol.ZERO || z == null) {
                continue;
            }
            Study.Point zero = study.points().get(z);
            out.add(pair(zero, p, edge(study.result(z).omegaX().omegaX() / 2, zero, p)));
        }
        return out;
    }

    /**
     * The paired comparison's edge: zero's omega_x / 2, or lower where either point's stored tail is
     * complete only below that (--spectrum lowest keeps K modes per realization, so the pooled
     * spectrum is complete below the smallest lambda_K: the fits' window bound says where), so that
     * both Hill exponents are over complete tails and over the same frequencies.
     */
    static double edge(double halfOmegaX, Study.Point zero, Study.Point other) {
        double c = halfOmegaX;
        for (Study.Point p : List.of(zero, other)) {
            if (p.fit() != null && p.fit().tail() != null && Double.isFinite(p.fit().tail().exponentOmegaMax())) {
                c = Math.min(c, p.fit().tail().exponentOmegaMax());
            }
        }
        return c;
    }

    static Paired pair(Study.Point zero, Study.Point other, double omegaC) {
        double nan = Double.NaN;
        double delta = hill(zero.dos(), other.dos(), omegaC, null);
        double err = nan;
        // the same realizations in both: resample the realization indices, the same draw for both
        if (zero.dos().realizations() == other.dos().realizations() && Double.isFinite(delta)) {
            int r = zero.dos().realizations();
            Xoshiro256 rng = new Xoshiro256(zero.dos().seed() ^ 0xDE17AL);
            double[] draws = new double[SAMPLES];
            long[] weight = new long[r];
            for (int b = 0; b < SAMPLES; b++) {
                Arrays.fill(weight, 0);
                for (int k = 0; k < r; k++) {
                    weight[(int) (rng.nextDouble() * r)]++;
                }
                draws[b] = hill(zero.dos(), other.dos(), omegaC, weight);
            }
            err = TailFit.std(draws);
        }
        PointDos.Anatomy.Moves moves = other.dos().anatomy() == null ? null : other.dos().anatomy().moves();
        double dE = nan;
        double dEErr = nan;
        double before = nan;
        double after = nan;
        if (moves != null && moves.energyChange().length > 0) {
            dE = Arrays.stream(moves.energyChange()).average().orElse(nan);
            dEErr = TailFit.std(moves.energyChange()) / Math.sqrt(moves.energyChange().length);
            before = Arrays.stream(moves.metastableBefore()).average().orElse(nan);
            after = Arrays.stream(moves.metastableAfter()).average().orElse(nan);
        }
        return new Paired(zero.dos().point(), other.dos().point(), omegaC, delta, err, dE, dEErr, before, after);
    }

    /**
     * Hill exponent of {@code other} minus zero's below omega_c; {@code weight} per realization index
     * (the realizations are numbered alike in both: the same disorder), null for all once.
     */
    private static double hill(PointDos zero, PointDos other, double omegaC, long[] weight) {
        return hill(other, omegaC, weight) - hill(zero, omegaC, weight);
    }

    static double hill(PointDos d, double omegaC, long[] weight) {
        double[] omega = d.omegaTail();
        if (!Double.isFinite(omegaC) || omega.length == 0 || omegaC > omega[omega.length - 1]) {
            return Double.NaN;
        }
        long[] owner = d.omegaTailRealization();
        double k = 0;
        double logSum = 0;
        for (int i = 0; i < omega.length && omega[i] < omegaC; i++) {
            double w = weight == null ? 1 : owner[i] < weight.length ? weight[(int) owner[i]] : 0;
            k += w;
            logSum += w * Math.log(omegaC / omega[i]);
        }
        return logSum > 0 ? k / logSum - 1 : Double.NaN;
    }

    /** The Hill exponent below each omega_c of the tail's modes of carrier class {@code kind} (-2: all but metastable; -3: all). */
    static double hillOfClass(PointDos d, double omegaC, int kind) {
        double[] omega = d.omegaTail();
        int[] cls = d.anatomy().tailClass();
        double k = 0;
        double logSum = 0;
        for (int i = 0; i < omega.length && omega[i] < omegaC; i++) {
            boolean in = kind == -3 || (kind == -2 ? cls[i] >= 0 && cls[i] != Cavity.METASTABLE : cls[i] == kind);
            if (in) {
                k++;
                logSum += Math.log(omegaC / omega[i]);
            }
        }
        return k >= 10 && logSum > 0 ? k / logSum - 1 : Double.NaN;
    }
}
