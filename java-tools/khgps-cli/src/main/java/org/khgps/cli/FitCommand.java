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
                + "maximum likelihood over the lowest max(min-modes, tail-fraction x modes) modes).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "dos file (from khgps histogram)"))
                .addOption(Args.required("out", "file", "fit file to write (HDF5)"))
                .addOption(Args.optional("json", "file", "also write the numbers as JSON here"))
                .addOption(Args.optional("tail-fraction", "float", "fraction of the modes in the fit window (default "
                        + TailFit.DEFAULT_FRACTION + ")"))
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
        DosFile dos = DosFile.read(in);
        TailFit.Result fit = TailFit.fit(dos.omegaTail(), dos.modes(), fraction, minModes);
        FitFile result = new FitFile(dos.point(), dos.seed(), fit, fraction, dos.x2(), dos.x2Err(), dos.realizations(),
                dos.converged(), dos.negativeModes());
        result.write(out, invocation.provenance(List.of(in)), dos.realizationRanges());
        if (json != null) {
            result.writeJson(json);
        }
        System.err.printf("fit: point %s: A_g = %.4g +- %.2g, exponent = %.3f +- %.3f over omega in [%.4g, %.4g] (%d modes)%n",
                dos.point().id(), fit.aG(), fit.aGErr(), fit.exponent(), fit.exponentErr(), fit.omegaLow(),
                fit.omegaHigh(), fit.modesInWindow());
    }
}
