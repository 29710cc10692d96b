package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.DisorderChunk;
import org.khgps.io.DisorderFile;

/** Stage 1: the disorder (kappa and the couplings' seeds) of a contiguous range of realizations. */
final class SampleCommand implements Command {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String description() {
        return "Sample the disorder of realizations [first, first + count) of a study point into a disorder file.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("N", "int", "number of oscillators, >= 2"))
                .addOption(Args.required("h", "float", "constant force h, >= 0"))
                .addOption(Args.required("J", "float", "coupling strength J (couplings have variance J^2/N), >= 0"))
                .addOption(Args.required("kappa0", "float", "kappa_i uniform on [0, kappa0], > 0"))
                .addOption(Args.required("seed", "int", "study seed"))
                .addOption(Args.optional("first", "int", "first realization index (default 0)"))
                .addOption(Args.optional("count", "int", "number of realizations (default 1)"))
                .addOption(Args.optional("disorder", "mode", "independent (default): each point draws its own "
                        + "disorder; common: u and g from (seed, N, realization) alone, shared by points that differ "
                        + "only in h, J or kappa0"))
                .addOption(Args.required("out", "file", "disorder file to write (HDF5)"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        String mode = Args.choice(line, "disorder", StudyPoint.INDEPENDENT, StudyPoint.INDEPENDENT, StudyPoint.COMMON);
        int n = (int) Args.integer(line, "N", null, 2);
        double h = Args.number(line, "h", null);
        double j = Args.number(line, "J", null);
        double kappa0 = Args.number(line, "kappa0", null);
        StudyPoint point = Args.checked(() -> new StudyPoint(n, h, j, kappa0, mode));
        long seed = Args.integer(line, "seed", null, Long.MIN_VALUE);
        long first = Args.integer(line, "first", 0L, 0);
        int count = (int) Args.integer(line, "count", 1L, 1);
        Path out = Args.output(line, "out");
        DisorderFile.write(DisorderChunk.sample(point, seed, first, count), out, invocation.provenance(List.of()));
        System.err.printf("sample: point %s, realizations %d-%d -> %s%n", point.id(), first, first + count - 1, out);
    }
}
