package org.khgps.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.core.Spectra;
import org.khgps.core.StudyPoint;
import org.khgps.io.BadInputException;
import org.khgps.io.Checks;
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
        String policy = Args.text(line, "failed-realizations", "exclude");
        if (!policy.equals("exclude") && !policy.equals("fail")) {
            throw new IllegalArgumentException("--failed-realizations must be exclude or fail, got '" + policy + "'");
        }
        if (inputs.isEmpty()) {
            throw new BadInputException("no input files: give the minima and spectra files of one study point");
        }
        List<MinimaFile> minima = new ArrayList<>();
        List<SpectraFile> spectra = new ArrayList<>();
        List<Path> minimaPaths = new ArrayList<>();
        List<Path> spectraPaths = new ArrayList<>();
        StudyPoint point = null;
        Long seed = null;
        Path first = null;
        for (Path p : inputs) {
            String kind = H5.kind(p);
            if (!kind.equals(MinimaFile.KIND) && !kind.equals(SpectraFile.KIND)) {
                throw new BadInputException("input file " + p + " is a " + kind + " file, expected minima or spectra files");
            }
            StudyPoint pp;
            long ps;
            if (kind.equals("minima")) {
                MinimaFile m = MinimaFile.read(p);
                minima.add(m);
                minimaPaths.add(p);
                pp = m.point();
                ps = m.seed();
            } else {
                SpectraFile s = SpectraFile.read(p);
                spectra.add(s);
                spectraPaths.add(p);
                pp = s.point();
                ps = s.seed();
            }
            if (point == null) {
                point = pp;
                seed = ps;
                first = p;
            } else if (!point.equals(pp) || seed != ps) {
                throw new BadInputException("input files are from different study points: " + first + " is point "
                        + point.id() + " " + point.canonicalJson() + " seed " + seed + ", " + p + " is point " + pp.id()
                        + " " + pp.canonicalJson() + " seed " + ps);
            }
        }
        checkMinimaUnchanged(minimaPaths, spectraPaths);
        // pair minima and spectra by realization index
        Map<Long, double[]> kappaOf = new HashMap<>();
        Map<Long, double[]> xOf = new HashMap<>();
        Map<Long, Boolean> convergedOf = new HashMap<>();
        for (MinimaFile m : minima) {
            for (int r = 0; r < m.realization().length; r++) {
                long idx = m.realization()[r];
                if (kappaOf.put(idx, m.kappa()[r]) != null) {
                    throw new BadInputException("realization " + idx + " appears in more than one minima file");
                }
                xOf.put(idx, m.x()[r]);
                convergedOf.put(idx, m.converged()[r] == 1);
            }
        }
        Map<Long, double[]> eigOf = new HashMap<>();
        Map<Long, double[]> prOf = new HashMap<>(); // participation ratios, lowest-K rows only
        Map<Long, Integer> negativeOf = new HashMap<>();
        for (SpectraFile s : spectra) {
            for (int r = 0; r < s.realization().length; r++) {
                long idx = s.realization()[r];
                if (eigOf.put(idx, s.eigenvalues()[r]) != null) {
                    throw new BadInputException("realization " + idx + " appears in more than one spectra file");
                }
                negativeOf.put(idx, s.negativeModes()[r]);
                if (s.modes() != null) {
                    prOf.put(idx, s.modes().participationRatio()[r]);
                }
            }
        }
        if (!kappaOf.keySet().equals(eigOf.keySet())) {
            throw new BadInputException("minima files hold realizations " + sortedRanges(kappaOf.keySet().stream().mapToLong(l -> l).toArray())
                    + " but spectra files hold " + sortedRanges(eigOf.keySet().stream().mapToLong(l -> l).toArray()));
        }
        long[] all = kappaOf.keySet().stream().mapToLong(l -> l).sorted().toArray();
        List<Long> included = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long negativeModes = 0;
        int converged = 0;
        for (long idx : all) {
            negativeModes += negativeOf.get(idx);
            if (convergedOf.get(idx)) {
                converged++;
            }
            if (convergedOf.get(idx) && negativeOf.get(idx) == 0) {
                included.add(idx);
            } else {
                String why = convergedOf.get(idx) ? negativeOf.get(idx) + " negative eigenvalues" : "did not converge";
                failed.add(idx + " (" + why + ")");
                System.err.printf("histogram: realization %d left out (%s)%n", idx, why);
            }
        }
        if (!failed.isEmpty() && policy.equals("fail")) {
            throw new org.khgps.core.NumericalFailure("point " + point.id() + ": " + failed.size() + " of " + all.length
                    + " realizations failed (" + String.join(", ", failed) + ") and --failed-realizations is fail");
        }
        if (included.isEmpty()) {
            throw new BadInputException("no realization of point " + point.id() + " converged to a minimum: nothing to histogram");
        }
        int n = point.N();
        double[][] kappa = new double[included.size()][];
        double[][] x = new double[included.size()][];
        double[][] eig = new double[included.size()][];
        // lowest-K rows hold every mode below their own lambda_K: the pooled spectrum is complete
        // below the smallest of those, and only modes below it are histogrammed and fitted
        double omegaComplete = Double.POSITIVE_INFINITY;
        boolean partialRows = false;
        for (int r = 0; r < included.size(); r++) {
            long idx = included.get(r);
            kappa[r] = kappaOf.get(idx);
            x[r] = xOf.get(idx);
            eig[r] = eigOf.get(idx);
            if (eig[r].length < n) {
                partialRows = true;
                omegaComplete = Math.min(omegaComplete, Math.sqrt(eig[r][eig[r].length - 1]));
            }
        }
        long modesTotal = (long) included.size() * n;
        // omegaComplete is +inf for full spectra: then every mode passes
        double limit = omegaComplete;
        double[] omega = java.util.Arrays.stream(eig).flatMapToDouble(java.util.Arrays::stream).map(Math::sqrt)
                .filter(w -> w < limit).toArray();
        // the fit's input: the lowest modes with their realizations, merged from the ascending rows
        int tail = (int) Math.min(omega.length, Math.max(2000, modesTotal / 5));
        Spectra.Lowest lowest;
        try {
            lowest = Spectra.lowest(eig, tail);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("spectra of point " + point.id() + ": " + e.getMessage());
        }
        long[] tailOwner = new long[tail];
        double[] tailPr = prOf.isEmpty() ? null : new double[tail];
        for (int i = 0; i < tail; i++) {
            long idx = included.get(lowest.row()[i]);
            tailOwner[i] = idx;
            if (tailPr != null) {
                double[] pr = prOf.get(idx);
                tailPr[i] = pr != null ? pr[lowest.column()[i]] : Double.NaN;
            }
        }
        Spectra.Histogram histogram = Spectra.logHistogram(omega, bins, modesTotal);
        Spectra.PartialAverage partial = Spectra.partialAverage(kappa, x, point.kappa0(), kappaPoints);
        // <1/lambda> needs every eigenvalue: not available from lowest-K rows
        Spectra.Estimate inverse = partialRows ? new Spectra.Estimate(Double.NaN, Double.NaN) : Spectra.meanInverseLambda(eig);
        int last = kappaPoints - 1;
        new DosFile(point, seed, histogram, lowest.omega(), tailOwner, modesTotal, partial, partial.x2()[last],
                partial.x2Err()[last], inverse.value(), inverse.error(), all.length, converged, negativeModes,
                sortedRanges(all), omegaComplete, tailPr).write(out, invocation.provenance(inputs));
        System.err.printf("histogram: point %s: %d realizations (%d included), %d modes%s, <x^2> = %.4e -> %s%n",
                point.id(), all.length, included.size(), modesTotal,
                partialRows ? String.format(", %d of them below omega_complete = %.4g (lowest-K spectra)", omega.length,
                        omegaComplete) : "", partial.x2()[last], out);
    }

    /**
     * Each spectra file records the SHA-256 of the minima file it was computed from: a minima file
     * given here under that name must still have it, else its x (and the &lt;x^2&gt; pooled here) no
     * longer belong to the eigenvalues. Cheaper than regenerating every realization's couplings to
     * recompute its gradient, which diagonalize already did when it read the file.
     */
    private static void checkMinimaUnchanged(List<Path> minimaPaths, List<Path> spectraPaths)
            throws BadInputException, java.io.IOException {
        Map<String, Path> minimaByName = new HashMap<>();
        for (Path p : minimaPaths) {
            minimaByName.put(p.getFileName().toString(), p);
        }
        Map<Path, String> hashes = new HashMap<>();
        for (Path sp : spectraPaths) {
            for (Map.Entry<String, String> input : FileProvenance.read(sp).inputs().entrySet()) {
                Path mp = minimaByName.get(input.getKey());
                if (mp == null) {
                    continue;
                }
                String now = hashes.computeIfAbsent(mp, HistogramCommand::sha256);
                if (!now.equals(input.getValue())) {
                    throw new BadInputException("minima file " + mp + " has changed since " + sp + " was computed from it "
                            + "(sha256 then " + input.getValue().substring(0, 16) + "..., now " + now.substring(0, 16)
                            + "...): its x no longer belongs to those eigenvalues; rerun diagonalize on it, or restore it");
                }
            }
        }
    }

    private static String sha256(Path p) {
        try {
            return H5.sha256(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sortedRanges(long[] realizations) {
        return Checks.ranges(realizations);
    }
}
