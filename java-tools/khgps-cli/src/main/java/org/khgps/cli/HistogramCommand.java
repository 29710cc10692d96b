package org.khgps.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.BadInputException;
import org.khgps.io.DosFile;
import org.khgps.io.FileProvenance;
import org.khgps.io.H5;
import org.khgps.io.MinimaFile;
import org.khgps.io.SpectraFile;

/** Stage 4: pool the realizations of one point into D(omega), &lt;x^2&gt;(kappa) and friends. */
final class HistogramCommand implements Command {

    static final int DEFAULT_BINS = 40;
    static final int DEFAULT_KAPPA_POINTS = 100;

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String usage() {
        return "--out dos.h5 [options] MINIMA.h5... SPECTRA.h5...";
    }

    @Override
    public String description() {
        return "Pool the minima and spectra files of one study point (given in any order, told apart by their kind) "
                + "into D(omega) on logarithmic bins, <x^2>(kappa), <x^2> and <1/lambda>. Realizations that did not "
                + "converge or have a negative eigenvalue are counted and left out.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("out", "file", "dos file to write (HDF5)"))
                .addOption(Args.optional("bins", "int", "logarithmic frequency bins (default " + DEFAULT_BINS + ")"))
                .addOption(Args.optional("kappa-points", "int", "grid points of <x^2>(kappa) (default "
                        + DEFAULT_KAPPA_POINTS + ")"))
                .addOption(Args.optional("failed-realizations", "policy", "exclude (default): leave realizations that "
                        + "did not converge or have negative eigenvalues out of D(omega), counted; fail: stop with exit "
                        + "code 4 if there is any"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        List<Path> inputs = line.getArgList().stream().map(Path::of).toList();
        Path out = Args.output(line, "out", inputs);
        int bins = (int) Args.integer(line, "bins", (long) DEFAULT_BINS, 1);
        int kappaPoints = (int) Args.integer(line, "kappa-points", (long) DEFAULT_KAPPA_POINTS, 1);
        String policyName = Args.choice(line, "failed-realizations", "exclude", "exclude", "fail");
        PointDos.Policy policy = policyName.equals("fail") ? PointDos.Policy.FAIL : PointDos.Policy.EXCLUDE;
        if (inputs.isEmpty()) {
            throw new BadInputException("no input files: give the minima and spectra files of one study point");
        }
        Inputs in = sources(inputs);
        StudyPoint point = in.point();
        checkMinimaUnchanged(in.minimaPaths(), in.spectraPaths(), invocation);
        PointDos dos;
        try {
            dos = PointDos.stream(point, in.seed(), in.minima(), in.spectra(), policy, bins, kappaPoints,
                    System.err::println);
        } catch (PointDos.ChangedWhileReading e) {
            // exit 6, retried: the next run reads one version of each file
            throw new java.io.IOException("a spectra file changed while histogram read it (" + e.getMessage()
                    + "): run histogram again once nothing writes its input files");
        }
        DosFile.write(dos, out, invocation.provenance(inputs));
        System.err.printf("histogram: point %s: %d realizations (%d included), %d modes%s, <x^2> = %.4e -> %s%n",
                point.id(), dos.realizations(), dos.modes() / point.N(), dos.modes(),
                Double.isInfinite(dos.omegaComplete()) ? "" : String.format(", %d of them below omega_complete = %.4g "
                        + "(lowest-K spectra)", dos.modesBelowComplete(), dos.omegaComplete()), dos.x2(), out);
    }

    /**
     * The minima and spectra files of one point, told apart by their kind, as sources that read a
     * file when the pool asks for it (it holds one at a time) and check that it is of the point
     * and seed of the first file.
     */
    private record Inputs(StudyPoint point, long seed, List<PointDos.Source<MinimaChunk>> minima,
                          List<PointDos.Source<SpectraChunk>> spectra, List<Path> minimaPaths, List<Path> spectraPaths) {
    }

    private static Inputs sources(List<Path> inputs) throws BadInputException {
        Path first = inputs.get(0);
        H5.Origin origin = H5.origin(first);
        StudyPoint point = origin.point();
        long seed = origin.seed();
        List<PointDos.Source<MinimaChunk>> minima = new ArrayList<>();
        List<PointDos.Source<SpectraChunk>> spectra = new ArrayList<>();
        List<Path> minimaPaths = new ArrayList<>();
        List<Path> spectraPaths = new ArrayList<>();
        for (Path p : inputs) {
            String kind = H5.kind(p);
            if (!kind.equals(MinimaFile.KIND) && !kind.equals(SpectraFile.KIND)) {
                throw new BadInputException("input file " + p + " is a " + kind + " file, expected minima or spectra files");
            }
            // now, not only when read: checkMinimaUnchanged pairs files by name, and chunks of two points share names
            H5.Origin other = H5.origin(p);
            if (!point.equals(other.point()) || seed != other.seed()) {
                throw differentPoints(first, point, seed, p, other.point(), other.seed());
            }
            if (kind.equals(MinimaFile.KIND)) {
                minima.add(() -> samePoint(MinimaFile.read(p), p, point, seed, first));
                minimaPaths.add(p);
            } else {
                spectra.add(() -> samePoint(SpectraFile.read(p), p, point, seed, first));
                spectraPaths.add(p);
            }
        }
        return new Inputs(point, seed, minima, spectra, minimaPaths, spectraPaths);
    }

    private static <T> T samePoint(T chunk, Path p, StudyPoint point, long seed, Path first) throws BadInputException {
        StudyPoint pp = chunk instanceof MinimaChunk m ? m.point() : ((SpectraChunk) chunk).point();
        long ps = chunk instanceof MinimaChunk m ? m.seed() : ((SpectraChunk) chunk).seed();
        if (!point.equals(pp) || seed != ps) {
            throw differentPoints(first, point, seed, p, pp, ps);
        }
        return chunk;
    }

    private static BadInputException differentPoints(Path first, StudyPoint point, long seed, Path p, StudyPoint pp,
                                                     long ps) {
        return new BadInputException("input files are from different study points: " + first + " is point "
                + point.id() + " " + point.canonicalJson() + " seed " + seed + ", " + p + " is point " + pp.id()
                + " " + pp.canonicalJson() + " seed " + ps);
    }

    /**
     * Each spectra file records the SHA-256 of the minima file it was computed from: that file must be
     * among the minima given here, byte for byte (whatever its name now), else its x (and the
     * &lt;x^2&gt; pooled here) no longer belong to the eigenvalues. Cheaper than regenerating every
     * realization's couplings to recompute its gradient, which diagonalize already did when it read the file.
     */
    private static void checkMinimaUnchanged(List<Path> minimaPaths, List<Path> spectraPaths, Invocation invocation)
            throws BadInputException, java.io.IOException {
        Map<String, Path> minimaByHash = new HashMap<>();
        Map<String, Path> minimaByName = new HashMap<>();
        for (Path p : minimaPaths) {
            minimaByHash.put(invocation.sha256(p), p); // the provenance reuses it
            minimaByName.put(p.getFileName().toString(), p);
        }
        for (Path sp : spectraPaths) {
            Map<String, String> inputs = FileProvenance.read(sp).inputs();
            if (inputs.values().stream().anyMatch(minimaByHash::containsKey)) {
                continue;
            }
            Map.Entry<String, String> made = inputs.entrySet().iterator().hasNext() ? inputs.entrySet().iterator().next() : null;
            if (made == null) {
                throw new BadInputException("spectra file " + sp + " records no input: it cannot be paired with its minima file");
            }
            Path same = minimaByName.get(made.getKey());
            throw new BadInputException("spectra file " + sp + " was computed from the minima file " + made.getKey()
                    + " (sha256 " + made.getValue().substring(0, 16) + "...), which is not among the inputs"
                    + (same != null ? ": " + same + " has changed since (sha256 now " + invocation.sha256(same).substring(0, 16)
                    + "...)" : " under any name") + "; its x no longer belongs to those eigenvalues: rerun diagonalize on the "
                    + "minima file, or restore it");
        }
    }
}
