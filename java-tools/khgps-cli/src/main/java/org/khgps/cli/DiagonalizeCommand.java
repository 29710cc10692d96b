package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Disorder;
import org.khgps.core.Eigensolver;
import org.khgps.core.Hamiltonian;
import org.khgps.core.Lanes;
import org.khgps.core.NativeLinalg;
import org.khgps.core.StudyPoint;
import org.khgps.core.SymmetricMatrix;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;

/** Stage 3: all eigenvalues of the Hessian at each minimum. */
final class DiagonalizeCommand implements Command {

    @Override
    public String name() {
        return "diagonalize";
    }

    @Override
    public String description() {
        return "Compute all eigenvalues of the Hessian M_ij = J_ij + delta_ij (kappa_i + x_i^2/2) at each minimum "
                + "of a minima file; J is regenerated from the realization seeds.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("in", "file", "minima file (from khgps minimize)"))
                .addOption(Args.required("out", "file", "spectra file to write (HDF5)"))
                .addOption(Args.optional("solver", "name", "auto (native LAPACK if it loads, else EJML), lapack or "
                        + "ejml (default auto)"))
                .addOption(Args.threadsOption());
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        Path in = Path.of(line.getOptionValue("in"));
        Path out = Args.output(line, "out");
        int threads = Args.threads(line);
        String solverName = Args.text(line, "solver", "auto");
        MinimaFile minima = MinimaFile.read(in);
        StudyPoint point = minima.point();
        int count = minima.realization().length;
        int n = point.N();
        double[][] eigenvalues = new double[count][];
        int[] negative = new int[count];
        double[] traceResidual = new double[count];
        double[] frobeniusResidual = new double[count];
        NotEnoughMemory.checkMatrix(n);
        Lanes lanes = Lanes.plan(n, threads, NotEnoughMemory.directLimit(),
                NativeLinalg.available() && !solverName.equals("ejml"));
        NativeLinalg.setThreads(lanes.kernelThreads());
        Eigensolver solver = Eigensolver.named(solverName, lanes.kernelThreads());
        System.err.println("diagonalize: " + count + " realizations, N = " + n + ", " + lanes.describe());
        AtomicInteger done = new AtomicInteger(); // progress: lanes finish out of order
        lanes.run(count, () -> SymmetricMatrix.allocate(n), (m, r) -> {
            long start = System.nanoTime();
            Disorder.fillCouplings(minima.realizationSeed()[r], point.J(), m, lanes.kernelThreads());
            double[] diagonal = Hamiltonian.hessianDiagonal(minima.kappa()[r], minima.x()[r]);
            for (int i = 0; i < n; i++) {
                m.setDiagonal(i, diagonal[i]);
            }
            double trace = m.trace();
            double frobenius = m.frobeniusSquared();
            double[] lambda = solver.eigenvalues(m);
            double sum = 0;
            double sum2 = 0;
            double scale = 0;
            for (double l : lambda) {
                if (!Double.isFinite(l)) {
                    throw new ArithmeticException("realization " + minima.realization()[r] + ": non-finite eigenvalue");
                }
                sum += l;
                sum2 += l * l;
                scale = Math.max(scale, Math.abs(l));
                if (l < 0) {
                    negative[r]++;
                }
            }
            eigenvalues[r] = lambda;
            traceResidual[r] = Math.abs(sum - trace) / (n * scale);
            frobeniusResidual[r] = Math.abs(sum2 - frobenius) / frobenius;
            System.err.printf("diagonalize: realization %d (%d of %d done): lambda_min = %.4e, %d negative, residual %.1e, %.2f s%n",
                    minima.realization()[r], done.incrementAndGet(), count, lambda[0], negative[r], frobeniusResidual[r],
                    (System.nanoTime() - start) * 1e-9);
        });
        new SpectraFile(point, minima.seed(), minima.realization(), minima.converged(), eigenvalues, negative,
                traceResidual, frobeniusResidual, solver.describe()).write(out, invocation.provenance(List.of(in), lanes));
    }
}
