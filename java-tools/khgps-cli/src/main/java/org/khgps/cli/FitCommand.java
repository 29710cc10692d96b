package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
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
                + "maximum likelihood). Window auto (default): the largest window of the lowest modes whose local "
                + "exponent is consistent with 4; fraction: the lowest max(min-modes, tail-fraction x modes). Errors "
                + "from resampling the realizations (bootstrap).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "dos file (from khgps histogram)"))
                .addOption(Args.required("out", "file", "fit file to write (HDF5)"))
                .addOption(Args.optional("json", "file", "also write the numbers as JSON here"))
                .addOption(Args.optional("window", "rule", "auto or fraction (default auto)"))
                .addOption(Args.optional("tail-fraction", "float", "window fraction: fraction of the modes in the "
                        + "window (default " + TailFit.DEFAULT_FRACTION + ")"))
                .addOption(Args.optional("bootstrap", "int", "realization resamplings for the errors, 0 for Poisson "
                        + "errors only (default 200)"))
                .addOption(Args.optional("min-modes", "int", "at least this many modes in the window (default "
                        + TailFit.DEFAULT_MIN_MODES + ")"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out");
        Path json = line.hasOption("json") ? Args.output(line, "json") : null;
        double fraction = Args.number(line, "tail-fraction", TailFit.DEFAULT_FRACTION);
        int minModes = (int) Args.integer(line, "min-modes", (long) TailFit.DEFAULT_MIN_MODES, 2);
        String rule = Args.text(line, "window", "auto");
        int samples = (int) Args.integer(line, "bootstrap", 200L, 0);
        DosFile dos = DosFile.read(in);
        TailFit.Result fit;
        String window;
        boolean consistent = true;
        if (rule.equals("auto")) {
            TailFit.Auto auto = TailFit.auto(dos.omegaTail(), dos.modes(), minModes, (int) Math.min(Integer.MAX_VALUE - 1, dos.modes() / 5));
            fit = auto.result();
            consistent = auto.consistent();
            window = auto.consistent() ? "auto" : "auto (no window consistent with omega^4: smallest used)";
        } else if (rule.equals("fraction")) {
            fit = TailFit.fit(dos.omegaTail(), dos.modes(), fraction, minModes);
            window = "fraction " + fraction;
        } else {
            throw new IllegalArgumentException("--window must be auto or fraction, got '" + rule + "'");
        }
        TailFit.Bootstrap bootstrap = null;
        long[] owners = dos.omegaTailRealization();
        long[] distinct = java.util.Arrays.stream(owners).distinct().sorted().toArray();
        if (samples > 0 && distinct.length > 1) {
            int[] position = new int[owners.length];
            for (int i = 0; i < owners.length; i++) {
                position[i] = java.util.Arrays.binarySearch(distinct, owners[i]);
            }
            // the pool is every included realization (N modes each), also those with no mode in the tail
            int realizations = (int) Math.max(distinct.length, dos.modes() / dos.point().N());
            bootstrap = TailFit.bootstrap(dos.omegaTail(), position, realizations, dos.modes(), fit.omegaHigh(),
                    samples, dos.seed() ^ 0x5EEDL);
        }
        double[] binned = TailFit.binned(dos.histogram().edges(), dos.histogram().counts(), dos.modes(), 0, fit.omegaHigh());
        FitFile result = new FitFile(dos.point(), dos.seed(), fit, window, consistent, bootstrap, binned, dos.x2(), dos.x2Err(),
                dos.realizations(), dos.converged(), dos.negativeModes());
        result.write(out, invocation.provenance(List.of(in)), dos.realizationRanges());
        if (json != null) {
            result.writeJson(json);
        }
        System.err.printf("fit: point %s: A_g = %.4g +- %.2g, exponent = %.3f +- %.3f over omega in [%.4g, %.4g] (%d modes, %s)%n",
                dos.point().id(), fit.aG(), result.aGErr(), fit.exponent(), result.exponentErr(), fit.omegaLow(),
                fit.omegaHigh(), fit.modesInWindow(), window);
    }
}
