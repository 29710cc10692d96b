package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.TailFit;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.io.BadInputException;
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
        String rule = Args.choice(line, "window", "auto", "auto", "fraction");
        int samples = (int) Args.integer(line, "bootstrap", 200L, 0);
        double omegaMax = Double.NaN;
        if (line.hasOption("omega-max")) {
            omegaMax = Args.number(line, "omega-max", null);
            if (!(omegaMax > 0)) {
                throw new BadInputException("--omega-max must be > 0, got " + omegaMax);
            }
        }
        double bound = omegaMax;
        PointFit.Settings settings = Args.checked(() -> new PointFit.Settings(rule.equals("fraction")
                ? PointFit.Window.FRACTION : PointFit.Window.AUTO, fraction, minModes, samples, bound));
        PointDos dos = DosFile.read(in);
        PointFit fit = PointFit.fit(dos, settings);
        FitFile.write(fit, out, invocation.provenance(List.of(in)), dos.realizationRanges());
        if (json != null) {
            FitFile.writeJson(fit, json);
        }
        System.err.println(fit.summary());
    }
}
