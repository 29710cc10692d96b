package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Collapse;
import org.khgps.core.TailFit;
import org.khgps.io.DosFile;
import org.khgps.io.FitFile;

/** Stage 5: the low-frequency law D = A_g omega^4 and the free exponent. */
final class FitCommand implements Command {

    @Override
    public String name() {
        return "fit";
    }

    @Override
    public String description() {
        return "Fit D(omega) = A_g omega^4 and a free exponent to the lowest frequencies of a dos file (unbinned "
                + "maximum likelihood). Window auto (default): only modes below a physics bound (omega_x/2, omega_x "
                + "from the point's own partial average; and the J = 0 gap edge (3h/2)^(1/3) in the weak regime); the "
                + "exponent over all of them, A_g over the plateau of 5 N(omega)/omega^5 (docs/analysis.md); no window: "
                + "A_g and exponent NaN, window_consistent 0. fraction: the lowest max(min-modes, tail-fraction x modes) "
                + "for both. Always: the Hill exponent and the compensated count against the window with bootstrap "
                + "bands. Errors from resampling the realizations (bootstrap).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "dos file (from khgps histogram)"))
                .addOption(Args.required("out", "file", "fit file to write (HDF5)"))
                .addOption(Args.optional("json", "file", "also write the numbers as JSON here"))
                .addOption(Args.optional("window", "rule", "auto or fraction (default auto)"))
                .addOption(Args.optional("tail-fraction", "float", "window fraction only: fraction of the modes in the "
                        + "window (default " + TailFit.DEFAULT_FRACTION + ")"))
                .addOption(Args.optional("omega-max", "float", "window auto only: the physics bound on the window, "
                        + "instead of the one from the point's omega_x and h"))
                .addOption(Args.optional("bootstrap", "int", "realization resamplings for the errors, 0 for Poisson "
                        + "errors only (default 200)"))
                .addOption(Args.optional("min-modes", "int", "at least this many modes in the window (default "
                        + TailFit.DEFAULT_MIN_MODES + ")"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out", List.of(in));
        Path json = line.hasOption("json") ? Args.output(line, "json", List.of(in, out)) : null;
        double fraction = Args.number(line, "tail-fraction", TailFit.DEFAULT_FRACTION);
        int minModes = (int) Args.integer(line, "min-modes", (long) TailFit.DEFAULT_MIN_MODES, 2);
        String rule = Args.text(line, "window", "auto");
        int samples = (int) Args.integer(line, "bootstrap", 200L, 0);
        if (!rule.equals("auto") && !rule.equals("fraction")) {
            throw new IllegalArgumentException("--window must be auto or fraction, got '" + rule + "'");
        }
        DosFile dos = DosFile.read(in);
        double[] tailOmega = dos.omegaTail();
        long[] owners = dos.omegaTailRealization();
        long[] distinct = java.util.Arrays.stream(owners).distinct().sorted().toArray();
        int[] position = new int[owners.length];
        for (int i = 0; i < owners.length; i++) {
            position[i] = java.util.Arrays.binarySearch(distinct, owners[i]);
        }
        // the pool is every included realization (N modes each), also those with no mode in the tail
        int realizations = (int) Math.max(distinct.length, dos.modes() / dos.point().N());
        boolean resample = samples > 0 && distinct.length > 1;
        long bootSeed = dos.seed() ^ 0x5EEDL;

        // the point's own omega_x (collapse of its partial average onto the exact J = 0 curve)
        double omegaX;
        try {
            omegaX = Collapse.omegaX(dos.partial().kappa(), dos.partial().x2(), dos.partial().x2Err(),
                    dos.point().kappa0()).omegaX();
        } catch (IllegalArgumentException e) {
            omegaX = Double.NaN;
        }
        TailFit.Bound bound = TailFit.bound(dos.point().h(), omegaX);
        if (line.hasOption("omega-max")) {
            double max = Args.number(line, "omega-max", null);
            if (!(max > 0)) {
                throw new IllegalArgumentException("--omega-max must be > 0, got " + max);
            }
            bound = new TailFit.Bound(max, omegaX, bound.gapEdge(), bound.weak());
        }
        TailFit.Auto auto = TailFit.auto(tailOmega, dos.modes(), minModes, bound, resample ? position : null,
                realizations, samples, bootSeed);
        TailFit.Result aGWindow;
        TailFit.Result slopeWindow;
        String window;
        if (rule.equals("fraction")) {
            aGWindow = TailFit.fit(tailOmega, dos.modes(), fraction, minModes);
            slopeWindow = aGWindow;
            window = "fraction " + fraction;
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
        // the test of omega^4 uses the larger of the bootstrap and the Poisson error: with few
        // realizations (8 in -profile test) the bootstrap can come out at half the Poisson error
        double exponentErr = Math.max(fit.exponentErr(), bootstrap != null && Double.isFinite(bootstrap.exponentErr())
                ? bootstrap.exponentErr() : 0);
        FitFile.Tail tail = new FitFile.Tail(ok ? slopeWindow.omegaLow() : nan, ok ? slopeWindow.omegaHigh() : nan,
                ok ? slopeWindow.modesInWindow() : 0, TailFit.consistentWith4(fit.exponent(), exponentErr),
                bound.omegaMax(), omegaX, bound.gapEdge(), auto.modesBelowBound(), auto.plateauShells(),
                rule.equals("fraction") ? "fraction" : auto.status(), auto.hill(), auto.compensated());
        double[] binned = ok ? TailFit.binned(dos.histogram().edges(), dos.histogram().counts(), dos.modes(), 0, fit.omegaHigh())
                : new double[] {nan, nan};
        FitFile result = new FitFile(dos.point(), dos.seed(), fit, window, ok, bootstrap, binned, dos.x2(), dos.x2Err(),
                dos.realizations(), dos.converged(), dos.negativeModes(), tail);
        result.write(out, invocation.provenance(List.of(in)), dos.realizationRanges());
        if (json != null) {
            result.writeJson(json);
        }
        System.err.printf("fit: point %s: omega_max = %.4g (omega_x = %.4g, gap edge %.4g), %d modes below; A_g = %.4g +- %.2g "
                        + "over omega <= %.4g (%d modes); exponent = %.3f +- %.3f over omega <= %.4g (%d modes), %s with 4 (%s)%n",
                dos.point().id(), bound.omegaMax(), omegaX, bound.gapEdge(), auto.modesBelowBound(), fit.aG(), result.aGErr(),
                fit.omegaHigh(), fit.modesInWindow(), fit.exponent(), result.exponentErr(), tail.exponentOmegaMax(),
                tail.exponentModes(), tail.consistentWith4() ? "consistent" : "NOT consistent", window);
    }
}
