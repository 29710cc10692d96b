package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Lanes;
import org.khgps.core.Minimizer;
import org.khgps.core.NativeLinalg;
import org.khgps.core.Protocol;
import org.khgps.core.Relaxation;
import org.khgps.core.stage.DisorderChunk;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.io.BadInputException;
import org.khgps.io.DisorderFile;
import org.khgps.io.MinimaFile;

/** Stage 2: conjugate gradient from x = 0 to a local minimum, per realization. */
final class MinimizeCommand implements Command {

    @Override
    public String name() {
        return "minimize";
    }

    @Override
    public String description() {
        return "Minimize H from x = 0 by conjugate gradient (exact quartic line search) for each realization of a "
                + "disorder file. Realizations that miss the tolerance are kept, flagged converged = 0.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "disorder file (from khgps sample)"))
                .addOption(Args.required("out", "file", "minima file to write (HDF5)"))
                .addOption(Args.optional("tolerance", "float", "stop when max|grad H| <= this (default "
                        + Minimizer.Settings.DEFAULT_TOLERANCE + ")"))
                .addOption(Args.optional("max-iterations", "int", "give up after this many CG iterations (default "
                        + Minimizer.Settings.DEFAULT_MAX_ITERATIONS + ")"))
                .addOption(Args.optional("precondition-below", "float", "switch to the Jacobi-preconditioned tail "
                        + "once max|grad H| falls below this fraction of its value at x = 0; 0 = plain CG to the end "
                        + "(default " + Minimizer.Settings.DEFAULT_PRECONDITION_BELOW + ")"))
                .addOption(Args.optional("products", "name", "couplings-times-x products: native (OpenBLAS dsymv) or java "
                        + "(default native when it loads)"))
                .addOption(Args.optional("protocol", "name", "zero (default: CG from x = 0), random (CG from x_i ~ U[-1, 1] "
                        + "drawn from the realization's seed), flip (then metastable oscillators moved into their other "
                        + "cavity well while H decreases), best_random (flip's control: the lowest of 8 CG minima from random "
                        + "starts); docs/analysis.md"))
                .addOption(Args.optional("max-rounds", "int", "flip: most classify-and-move rounds per "
                        + "realization (default " + Relaxation.DEFAULT_MAX_ROUNDS + "); a realization that hits it says so"))
                .addOption(Args.threadsOption());
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out", List.of(in));
        double tolerance = Args.number(line, "tolerance", Minimizer.Settings.DEFAULT_TOLERANCE);
        int maxIterations = (int) Args.integer(line, "max-iterations", (long) Minimizer.Settings.DEFAULT_MAX_ITERATIONS, 1);
        double preconditionBelow = Args.number(line, "precondition-below", Minimizer.Settings.DEFAULT_PRECONDITION_BELOW);
        Minimizer.Settings settings = Args.checked(() -> new Minimizer.Settings(tolerance, maxIterations,
                Minimizer.Settings.DEFAULT_REFRESH_EVERY, preconditionBelow));
        int threads = Args.threads(line);
        Protocol protocol = Args.checked(() -> Protocol.of(Args.text(line, "protocol", Protocol.ZERO.id())));
        int maxRounds = (int) Args.integer(line, "max-rounds", (long) Relaxation.DEFAULT_MAX_ROUNDS, 1);
        String products = Args.choice(line, "products", NativeLinalg.available() ? "native" : "java", "native", "java");
        if (products.equals("native") && !NativeLinalg.available()) {
            throw new BadInputException("--products native: OpenBLAS unavailable: " + NativeLinalg.loadError());
        }
        DisorderChunk disorder = DisorderFile.read(in);
        int n = disorder.point().N();
        double floor = Minimizer.gradientFloor(disorder.point());
        if (settings.tolerance() < floor) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "--tolerance %.3g cannot be met at this point "
                    + "(N = %d, h = %s, J = %s, kappa0 = %s): double precision stops max|grad H| near %.2g; give --tolerance "
                    + ">= %.2g", settings.tolerance(), n, disorder.point().h(), disorder.point().J(), disorder.point().kappa0(),
                    floor, floor));
        }
        Lanes lanes = NotEnoughMemory.lanes(n, threads, 0, products.equals("native"));
        System.err.println("minimize: " + disorder.size() + " realizations, N = " + n + ", " + lanes.describe());
        if (protocol != Protocol.ZERO) {
            System.err.println("minimize: protocol " + protocol.id() + (protocol.moves() ? ", at most " + maxRounds + " rounds" : ""));
        }
        MinimaChunk minima = MinimaChunk.minimize(disorder, settings, lanes, products.equals("native"), System.err::println,
                protocol, maxRounds);
        MinimaFile.write(minima, out, invocation.provenance(List.of(in), lanes));
    }
}
