package org.khgps.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;
import org.khgps.io.BadInputException;
import org.khgps.io.DosFile;
import org.khgps.io.FitFile;
import org.khgps.io.H5;
import org.khgps.io.TheoryFile;

/** The report's inputs as a {@link Study}: the points' dos, fit and theory files, and the pipeline's failed points. */
public final class StudyFiles {

    /** The header of the failed points' TSV the pipeline writes (KhgpsPipeline.failedTsv); protocol since issue 28. */
    static final String FAILED_HEADER = "point_id\tN\th\tJ\tkappa0\trealizations\treason";
    static final String FAILED_HEADER_PROTOCOL = FAILED_HEADER + "\tprotocol";

    /** The header of the TSV of points whose RS theory failed (KhgpsPipeline.theoryFailedTsv). */
    static final String THEORY_FAILED_HEADER = "point_id\treason";

    private StudyFiles() {
    }

    /**
     * The study of the given files (dos, fit and theory files in any order, told apart by kind) and
     * failed points ({@code failedTsv}, or null): one dos and one fit file per point, a theory file
     * for some; no points at all only when every point failed.
     */
    public static Study read(List<Path> inputs, Path failedTsv, Consumer<String> log) throws BadInputException, IOException {
        return read(inputs, failedTsv, null, log);
    }

    /** As above, and the points whose RS theory failed ({@code theoryFailedTsv}: point_id, reason; or null). */
    public static Study read(List<Path> inputs, Path failedTsv, Path theoryFailedTsv, Consumer<String> log)
            throws BadInputException, IOException {
        Map<String, PointDos> dos = new TreeMap<>();
        Map<String, PointFit> fits = new TreeMap<>();
        Map<String, PointTheory> theories = new TreeMap<>();
        for (Path p : inputs) {
            String kind = H5.kind(p);
            if (kind.equals(DosFile.KIND)) {
                PointDos d = DosFile.read(p);
                once(dos.put(d.point().id(), d), "dos", d.point().id());
            } else if (kind.equals(FitFile.KIND)) {
                PointFit f = FitFile.read(p);
                once(fits.put(f.point().id(), f), "fit", f.point().id());
            } else if (kind.equals(TheoryFile.KIND)) {
                PointTheory t = TheoryFile.read(p);
                once(theories.put(t.point().id(), t), "theory", t.point().id());
            } else {
                throw new BadInputException("input file " + p + " is a " + kind + " file, expected dos, fit or theory files");
            }
        }
        List<Study.FailedPoint> failed = failedTsv == null ? List.of() : failed(failedTsv);
        for (Study.FailedPoint f : failed) {
            if (dos.containsKey(f.id())) {
                throw new BadInputException("point " + f.id() + " is given as failed and has a dos file");
            }
        }
        if (dos.isEmpty() && failed.isEmpty()) {
            throw new BadInputException("no dos files given");
        }
        if (!dos.keySet().equals(fits.keySet())) {
            throw new BadInputException("dos files are for points " + dos.keySet() + " but fit files for " + fits.keySet());
        }
        if (!dos.keySet().containsAll(theories.keySet())) {
            throw new BadInputException("theory files for points without a dos file: " + theories.keySet());
        }
        Map<String, String> theoryFailed = theoryFailedTsv == null ? Map.of() : theoryFailed(theoryFailedTsv);
        for (String id : theoryFailed.keySet()) {
            if (!dos.containsKey(id) || theories.containsKey(id)) {
                throw new BadInputException("--theory-failed: point " + id + (dos.containsKey(id) ? " has a theory file"
                        : " has no dos file"));
            }
        }
        List<Study.Point> points = new ArrayList<>();
        dos.forEach((id, d) -> points.add(new Study.Point(d, fits.get(id), theories.get(id), theoryFailed.get(id))));
        return Study.of(points, failed, log);
    }

    private static void once(Object before, String kind, String id) throws BadInputException {
        if (before != null) {
            throw new BadInputException("two " + kind + " files for point " + id);
        }
    }

    /** The TSV the pipeline writes (KhgpsPipeline.failedTsv): point_id, N, h, J, kappa0, realizations, reason. */
    static List<Study.FailedPoint> failed(Path file) throws IOException, BadInputException {
        List<String> lines = H5.readText(file, "--failed").lines().toList();
        if (lines.isEmpty() || !(lines.get(0).equals(FAILED_HEADER) || lines.get(0).equals(FAILED_HEADER_PROTOCOL))) {
            throw new BadInputException("--failed: " + file + " lacks the header point_id, N, h, J, kappa0, realizations, "
                    + "reason[, protocol] (tab-separated)");
        }
        List<Study.FailedPoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split("\t", -1);
            try {
                out.add(new Study.FailedPoint(c[0], Integer.parseInt(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                        Double.parseDouble(c[4]), Long.parseLong(c[5]), c[6],
                        c.length > 7 ? org.khgps.core.Protocol.of(c[7]).id() : org.khgps.core.Protocol.ZERO.id()));
            } catch (RuntimeException e) {
                throw new BadInputException("--failed: " + file + " line " + (i + 1) + " is not a failed point: " + lines.get(i));
            }
        }
        return out;
    }

    /** The TSV of points whose RS theory failed (KhgpsPipeline.theoryFailedTsv): point id -> reason. */
    static Map<String, String> theoryFailed(Path file) throws IOException, BadInputException {
        List<String> lines = H5.readText(file, "--theory-failed").lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(THEORY_FAILED_HEADER)) {
            throw new BadInputException("--theory-failed: " + file + " lacks the header point_id, reason (tab-separated)");
        }
        Map<String, String> out = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split("\t", 2);
            if (c.length < 2 || c[0].isBlank()) {
                throw new BadInputException("--theory-failed: " + file + " line " + (i + 1) + " is not point_id, reason: "
                        + lines.get(i));
            }
            out.put(c[0], c[1]);
        }
        return out;
    }
}
