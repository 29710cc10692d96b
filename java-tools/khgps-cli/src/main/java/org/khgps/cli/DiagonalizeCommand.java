package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Eigensolver;
import org.khgps.core.Lanes;
import org.khgps.core.LowestModes;
import org.khgps.core.NativeLinalg;
import org.khgps.core.stage.InputMismatch;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.BadInputException;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;

/** Stage 3: the eigenvalues of the Hessian at each minimum, all of them or the K lowest with their modes. */
final class DiagonalizeCommand implements Command {

    @Override
    public String name() {
        return "diagonalize";
    }

    @Override
    public String description() {
        return "Compute the eigenvalues of the Hessian M_ij = couplings_ij + delta_ij (kappa_i + x_i^2/2) at each "
                + "minimum of a minima file (the couplings are regenerated from the realization seeds): all N of them "
                + "(--spectrum full), or the K lowest by shift-invert on the Cholesky factor with, per mode, the "
                + "participation ratio and the oscillator that carries it (--spectrum lowest).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "minima file (from khgps minimize)"))
                .addOption(Args.required("out", "file", "spectra file to write (HDF5)"))
                .addOption(Args.optional("spectrum", "which", "full (default): all N eigenvalues; lowest: the K lowest "
                        + "eigenpairs (--modes)"))
                .addOption(Args.optional("modes", "K", "with --spectrum lowest: how many lowest modes (default 2% of N, "
                        + "at least 1)"))
                .addOption(Args.optional("save-vectors", "M", "with --spectrum lowest: also store the eigenvectors of "
                        + "the M lowest modes (default 0)"))
                .addOption(Args.optional("solver", "name", "full spectrum: auto (native LAPACK if it loads, else "
                        + "EJML), lapack or ejml (default auto)"))
                .addOption(Args.threadsOption());
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out", List.of(in));
        int threads = Args.threads(line);
        String solverName = Args.choice(line, "solver", "auto", "auto", "lapack", "ejml");
        String spectrum = Args.choice(line, "spectrum", "full", "full", "lowest");
        MinimaChunk minima = MinimaFile.read(in);
        int n = minima.point().N();
        int count = minima.size();
        SpectraChunk spectra;
        Lanes lanes;
        try {
            if (spectrum.equals("full")) {
                for (String option : List.of("modes", "save-vectors")) {
                    if (line.hasOption(option)) {
                        throw new BadInputException("--" + option + " needs --spectrum lowest");
                    }
                }
                lanes = NotEnoughMemory.lanes(n, threads, 0, NativeLinalg.available() && !solverName.equals("ejml"));
                Eigensolver solver = Eigensolver.named(solverName, lanes.kernelThreads());
                System.err.println("diagonalize: " + count + " realizations, N = " + n + ", all modes, " + lanes.describe());
                spectra = SpectraChunk.full(minima, solver, lanes, System.err::println);
            } else {
                int k = (int) Args.integer(line, "modes", (long) LowestModes.defaultModes(n), 1);
                if (k > n) {
                    throw new BadInputException("--modes must be <= N = " + n + ", got " + k);
                }
                int saved = (int) Args.integer(line, "save-vectors", 0L, 0);
                if (saved > k) {
                    throw new BadInputException("--save-vectors must be <= --modes = " + k + ", got " + saved);
                }
                lanes = NotEnoughMemory.lanes(n, threads, LowestModes.workBytes(n, k), NativeLinalg.available());
                System.err.println("diagonalize: " + count + " realizations, N = " + n + ", lowest " + k
                        + " modes by shift-invert, " + lanes.describe());
                spectra = SpectraChunk.lowest(minima, k, saved, lanes, System.err::println);
            }
        } catch (InputMismatch e) {
            throw new BadInputException("minima file " + in + ", " + e.getMessage());
        }
        SpectraFile.write(spectra, out, invocation.provenance(List.of(in), lanes));
    }
}
