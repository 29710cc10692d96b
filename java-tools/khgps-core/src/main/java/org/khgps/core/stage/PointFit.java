package org.khgps.core.stage;

import java.util.Arrays;
import org.khgps.core.Cavity;
import org.khgps.core.Collapse;
import org.khgps.core.NumericalFailure;
import org.khgps.core.StudyPoint;
import org.khgps.core.TailAnatomy;
import org.khgps.core.TailFit;

/**
 * The fitted low-frequency law of one point (see {@link TailFit}) and the point's summary numbers.
 *
 * <p>{@code fit} holds A_g and its window (omegaLow/omegaHigh/modesInWindow) and the reported
 * exponent; the exponent's own window is in {@code tail}. {@code consistent}: a window exists
 * (points without one are left out of the cross-point fits).
 */
public record PointFit(StudyPoint point, long seed, TailFit.Result fit, String window, boolean consistent,
                       TailFit.Bootstrap bootstrap, double[] binned, double x2, double x2Err, int realizations,
                       int converged, long negativeModes, Tail tail, Anatomy anatomy) {

    public PointFit(StudyPoint point, long seed, TailFit.Result fit, String window, boolean consistent,
                    TailFit.Bootstrap bootstrap, double[] binned, double x2, double x2Err, int realizations, int converged,
                    long negativeModes, Tail tail) {
        this(point, seed, fit, window, consistent, bootstrap, binned, x2, x2Err, realizations, converged, negativeModes,
                tail, null);
    }

    /**
     * What carries the tail (issue 28): the metastable fraction of all oscillators (from the dos
     * file) and, below the exponent's window edge, the metastable share of the modes and the
     * exponent of the others alone, with realization-bootstrap errors. Null for dos files without
     * an anatomy; NaN where nothing is classified (full spectra) or there is no window.
     */
    public record Anatomy(double metastableFraction, double metastableFractionErr, TailAnatomy window) {
    }

    /**
     * What the automatic windows add (docs/hdf5-schema.md, "fit").
     *
     * @param consistentWith4 |exponent - 4| <= 2 exponent_err
     * @param hill            the Hill exponent against the window (null when read from an older file)
     * @param compensated     5 N(omega) / omega^5 against the window (likewise)
     */
    public record Tail(double exponentOmegaMin, double exponentOmegaMax, int exponentModes, boolean consistentWith4,
                       double omegaMaxPhysics, double omegaXPoint, double gapEdge, int modesBelowBound,
                       int plateauShells, String status, TailFit.Curve hill, TailFit.Curve compensated) {
    }

    /** How the windows are chosen. */
    public enum Window {
        /** below the physics bound, A_g over the plateau of 5 N(omega)/omega^5 (docs/analysis.md) */
        AUTO,
        /** the lowest max(minModes, fraction x modes) for both */
        FRACTION
    }

    /**
     * The fit's settings.
     *
     * @param fraction  window FRACTION only
     * @param omegaMax  window AUTO only: the physics bound instead of the point's own; NaN for that
     * @param bootstrap realization resamplings for the errors, 0 for Poisson errors only
     */
    public record Settings(Window window, double fraction, int minModes, int bootstrap, double omegaMax) {
        public Settings {
            TailFit.fractionModes(0, window == Window.FRACTION ? fraction : 0.5, minModes); // the fraction and the least modes
            if (bootstrap < 0 || !(Double.isNaN(omegaMax) || omegaMax > 0)) {
                throw new IllegalArgumentException("bootstrap must be >= 0 and omega max > 0, got " + bootstrap + " and "
                        + omegaMax);
            }
        }
    }

    /** A_g's error: the realization-resampling one when there is one, else Poisson's. */
    public double aGErr() {
        return bootstrap != null && Double.isFinite(bootstrap.aGErr()) ? bootstrap.aGErr() : fit.aGErr();
    }

    /** The exponent's error, likewise. */
    public double exponentErr() {
        return bootstrap != null && Double.isFinite(bootstrap.exponentErr()) ? bootstrap.exponentErr() : fit.exponentErr();
    }

    /**
     * The exponent's error the test of omega^4 uses: the larger of the bootstrap and the Poisson
     * error (with few realizations, 8 in -profile test, the bootstrap can come out at half the Poisson one).
     */
    public double verdictExponentErr() {
        return verdictErr(fit, bootstrap);
    }

    private static double verdictErr(TailFit.Result fit, TailFit.Bootstrap bootstrap) {
        return Math.max(fit.exponentErr(), bootstrap != null && Double.isFinite(bootstrap.exponentErr())
                ? bootstrap.exponentErr() : 0);
    }

    /** Stage 5: A_g and the exponent of the point's tail, errors from resampling its realizations. */
    public static PointFit fit(PointDos dos, Settings settings) {
        double[] tailOmega = dos.omegaTail();
        long[] owners = dos.omegaTailRealization();
        long[] distinct = Arrays.stream(owners).distinct().sorted().toArray();
        int[] position = new int[owners.length];
        for (int i = 0; i < owners.length; i++) {
            position[i] = Arrays.binarySearch(distinct, owners[i]);
        }
        // the pool is every included realization (N modes each), also those with no mode in the tail
        int realizations = (int) Math.max(distinct.length, dos.modes() / dos.point().N());
        int samples = settings.bootstrap();
        boolean resample = samples > 0 && distinct.length > 1;
        long bootSeed = dos.seed() ^ 0x5EEDL;

        // the point's own omega_x (collapse of its partial average onto the exact J = 0 curve);
        // NaN where the collapse has no answer: the bound then falls back on h alone
        double omegaX;
        try {
            omegaX = Collapse.omegaX(dos.partial().kappa(), dos.partial().x2(), dos.partial().x2Err(),
                    dos.point().kappa0()).omegaX();
        } catch (IllegalArgumentException e) {
            omegaX = Double.NaN;
        }
        TailFit.Bound bound = TailFit.bound(dos.point().h(), omegaX);
        if (!Double.isNaN(settings.omegaMax())) {
            bound = new TailFit.Bound(settings.omegaMax(), omegaX, bound.gapEdge(), bound.weak());
        }
        TailFit.Auto auto = TailFit.auto(tailOmega, dos.modes(), settings.minModes(), bound,
                resample ? position : null, realizations, samples, bootSeed);
        TailFit.Result aGWindow;
        TailFit.Result slopeWindow;
        String window;
        if (settings.window() == Window.FRACTION) {
            int k = TailFit.fractionModes(dos.modes(), settings.fraction(), settings.minModes());
            if (tailOmega.length < k + 1) {
                // the point holds too few modes for the window asked: its outcome (exit 4), like no convergence
                throw new NumericalFailure("point " + dos.point().id() + ": the fraction window needs the " + (k + 1)
                        + " lowest frequencies, the point has " + tailOmega.length + " (" + dos.modes()
                        + " modes in all): add realizations or lower --min-modes or --tail-fraction");
            }
            aGWindow = TailFit.fit(tailOmega, dos.modes(), settings.fraction(), settings.minModes());
            slopeWindow = aGWindow;
            window = "fraction " + settings.fraction();
        } else if (auto.ok()) {
            aGWindow = auto.aGWindow();
            slopeWindow = auto.slopeWindow();
            window = "auto";
        } else {
            aGWindow = null;
            slopeWindow = null;
            window = "auto (" + auto.status() + ")";
        }
        boolean ok = aGWindow != null;
        double nan = Double.NaN;
        TailFit.Result fit = ok ? new TailFit.Result(aGWindow.aG(), aGWindow.aGErr(), slopeWindow.exponent(),
                slopeWindow.exponentErr(), aGWindow.omegaLow(), aGWindow.omegaHigh(), aGWindow.modesInWindow(), dos.modes())
                : new TailFit.Result(nan, nan, nan, nan, nan, nan, 0, dos.modes());
        TailFit.Bootstrap bootstrap = null;
        if (resample && ok) {
            TailFit.Bootstrap a = TailFit.bootstrap(tailOmega, position, realizations, dos.modes(), aGWindow.omegaHigh(),
                    samples, bootSeed);
            TailFit.Bootstrap b = TailFit.bootstrap(tailOmega, position, realizations, dos.modes(), slopeWindow.omegaHigh(),
                    samples, bootSeed);
            bootstrap = new TailFit.Bootstrap(a.aGErr(), b.exponentErr(), samples);
        }
        double exponentErr = verdictErr(fit, bootstrap);
        Tail tail = new Tail(ok ? slopeWindow.omegaLow() : nan, ok ? slopeWindow.omegaHigh() : nan,
                ok ? slopeWindow.modesInWindow() : 0, TailFit.consistentWith4(fit.exponent(), exponentErr),
                bound.omegaMax(), omegaX, bound.gapEdge(), auto.modesBelowBound(), auto.plateauShells(),
                settings.window() == Window.FRACTION ? "fraction" : auto.status(), auto.hill(), auto.compensated());
        double[] binned = ok ? TailFit.binned(dos.histogram().edges(), dos.histogram().counts(), dos.modes(), 0,
                fit.omegaHigh()) : new double[] {nan, nan};
        Anatomy anatomy = null;
        if (dos.anatomy() != null) {
            TailAnatomy below = TailAnatomy.below(tailOmega, dos.anatomy().tailClass(), position, realizations,
                    ok ? slopeWindow.omegaHigh() : nan, resample ? samples : 0, bootSeed);
            anatomy = new Anatomy(dos.anatomy().classFraction()[Cavity.METASTABLE],
                    dos.anatomy().classFractionErr()[Cavity.METASTABLE], below);
        }
        return new PointFit(dos.point(), dos.seed(), fit, window, ok, bootstrap, binned, dos.x2(), dos.x2Err(),
                dos.realizations(), dos.converged(), dos.negativeModes(), tail, anatomy);
    }

    /** One line for the log. */
    public String summary() {
        return String.format("fit: point %s: omega_max = %.4g (omega_x = %.4g, gap edge %.4g), %d modes below; A_g = %.4g "
                        + "+- %.2g over omega <= %.4g (%d modes); exponent = %.3f +- %.3f over omega <= %.4g (%d modes), "
                        + "%s with 4 (%s)", point.id(), tail.omegaMaxPhysics(), tail.omegaXPoint(), tail.gapEdge(),
                tail.modesBelowBound(), fit.aG(), aGErr(), fit.omegaHigh(), fit.modesInWindow(), fit.exponent(),
                exponentErr(), tail.exponentOmegaMax(), tail.exponentModes(),
                tail.consistentWith4() ? "consistent" : "NOT consistent", window);
    }
}
