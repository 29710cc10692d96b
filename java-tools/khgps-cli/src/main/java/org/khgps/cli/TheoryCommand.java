package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.CavityTheory;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointTheory;
import org.khgps.io.BadInputException;
import org.khgps.io.DosFile;
import org.khgps.io.TheoryFile;

/** The replica-symmetric (cavity) theory of one point, beside its simulation. */
final class TheoryCommand implements Command {

    static final double DEFAULT_OMEGA_MIN = 0.01;
    static final double DEFAULT_OMEGA_MAX = 2.0;
    static final int DEFAULT_BINS = 40;

    @Override
    public String name() {
        return "theory";
    }

    @Override
    public String usage() {
        return "--out theory.h5 (--dos dos.h5 | --h H --J J --kappa0 K) [options]";
    }

    @Override
    public String description() {
        return "Solve the replica-symmetric (cavity) equations of one point: q = <x^2>, chi = <1/lambda>, the "
                + "double-well fraction, J^2 E[1/s^2], A_g(RS), and D(omega) from the resolvent on the histogram's "
                + "frequency bins (--dos) or on log-spaced bins. Exit code 4 if a fixed point does not converge.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("out", "file", "theory file to write (HDF5)"))
                .addOption(Args.optional("dos", "file", "dos file of the point: its parameters, seed and frequency bins"))
                .addOption(Args.optional("h", "float", "force h (without --dos)"))
                .addOption(Args.optional("J", "float", "coupling J (without --dos)"))
                .addOption(Args.optional("kappa0", "float", "stiffness bound kappa0 (without --dos)"))
                .addOption(Args.optional("N", "int", "without --dos: N recorded with the point (the theory is N = "
                        + "infinity; default 1000)"))
                .addOption(Args.optional("omega-min", "float", "without --dos: lowest bin edge (default " + DEFAULT_OMEGA_MIN + ")"))
                .addOption(Args.optional("omega-max", "float", "without --dos: highest bin edge (default " + DEFAULT_OMEGA_MAX + ")"))
                .addOption(Args.optional("bins", "int", "without --dos: logarithmic bins (default " + DEFAULT_BINS + ")"))
                .addOption(Args.optional("z-nodes", "int", "tanh-sinh nodes per z interval (default "
                        + CavityTheory.Settings.defaults().zNodes() + ")"))
                .addOption(Args.optional("tolerance", "float", "relative change at which the fixed points stop (default "
                        + CavityTheory.Settings.defaults().tolerance() + ")"))
                .addOption(Args.optional("max-iterations", "int", "iterations before giving up with exit code 4 (default "
                        + CavityTheory.Settings.defaults().maxIterations() + ")"))
                .addOption(Args.optional("eta", "float", "imaginary part of lambda in the resolvent (default "
                        + CavityTheory.Settings.defaults().eta() + ")"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path out = Args.output(line, "out", line.hasOption("dos") ? List.of(Path.of(line.getOptionValue("dos"))) : List.of());
        CavityTheory.Settings defaults = CavityTheory.Settings.defaults();
        int zNodes = (int) Args.integer(line, "z-nodes", (long) defaults.zNodes(), 3);
        double tolerance = Args.number(line, "tolerance", defaults.tolerance());
        int maxIterations = (int) Args.integer(line, "max-iterations", (long) defaults.maxIterations(), 1);
        double eta = Args.number(line, "eta", defaults.eta());
        CavityTheory.Settings settings = Args.checked(() -> new CavityTheory.Settings(zNodes, tolerance, maxIterations, eta));
        StudyPoint point;
        long seed;
        double[] edges;
        String grid;
        List<Path> inputs;
        if (line.hasOption("dos")) {
            for (String o : new String[] {"h", "J", "kappa0", "N", "omega-min", "omega-max", "bins"}) {
                if (line.hasOption(o)) {
                    throw new BadInputException("--" + o + " comes from the dos file: do not give it with --dos");
                }
            }
            Path dosPath = Path.of(line.getOptionValue("dos"));
            PointDos dos = DosFile.read(dosPath);
            point = dos.point();
            seed = dos.seed();
            edges = dos.histogram().edges();
            grid = "dos file";
            inputs = List.of(dosPath);
        } else {
            int n = (int) Args.integer(line, "N", 1000L, 2);
            double h = Args.number(line, "h", null);
            double j = Args.number(line, "J", null);
            double kappa0 = Args.number(line, "kappa0", null);
            point = Args.checked(() -> new StudyPoint(n, h, j, kappa0));
            seed = 0;
            double lo = Args.number(line, "omega-min", DEFAULT_OMEGA_MIN);
            double hi = Args.number(line, "omega-max", DEFAULT_OMEGA_MAX);
            int bins = (int) Args.integer(line, "bins", (long) DEFAULT_BINS, 1);
            if (!(lo > 0) || !(hi > lo)) {
                throw new BadInputException("need 0 < --omega-min < --omega-max, got " + lo + " and " + hi);
            }
            edges = PointTheory.logEdges(lo, hi, bins);
            grid = "log-spaced";
            inputs = List.of();
        }
        long start = System.nanoTime();
        PointTheory theory = PointTheory.solve(point, seed, edges, grid, settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        TheoryFile.write(theory, out, invocation.provenance(inputs));
        CavityTheory.Solution solution = theory.solution();
        System.err.printf("theory: point %s: q = %.5g, chi = %.5g, double wells %.3g, J^2 E[1/s^2] = %.3g, A_g(RS) = %.4g "
                        + "(dressed %.4g); %d iterations, D(omega) at %d frequencies, %.2f s%n", point.id(), solution.q(),
                solution.chi(), solution.doubleWellFraction(), solution.stability(), solution.aG(), solution.aGDressed(),
                solution.iterations(), theory.spectrum().omega().length, seconds);
    }
}
