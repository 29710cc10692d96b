package org.khgps.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.io.BadInputException;
import org.khgps.io.FileProvenance;
import org.khgps.io.H5;

/**
 * {@code khgps provenance show FILE | verify DIR | list DIR [--where key=value]...} (also
 * bin/khgps-provenance): trace a result back to parameters and seeds, check a results folder
 * against the hashes in its study.json, find study points by parameter.
 */
final class ProvenanceCommand implements Command {

    /** Run logs that verify does not expect in study.json (docs/provenance.md). */
    static final String PIPELINE_INFO = "pipeline_info/";

    /** The lock file a running pipeline holds in its results folder (lib/KhgpsOutdir.groovy). */
    static final String LOCK = ".khgps.lock";

    /** The pipeline's record of what it published into a results folder (lib/KhgpsOutdir.groovy JOURNAL). */
    static final String JOURNAL = ".khgps-published";

    @Override
    public String name() {
        return "provenance";
    }

    @Override
    public String usage() {
        return "show FILE | verify DIR | list DIR [--where key=value]...";
    }

    @Override
    public String description() {
        return "show FILE: the provenance chain of a result file, back to the parameters and seeds. "
                + "verify DIR: check every file of a results folder against the SHA-256 in its study.json, that "
                + "every file's inputs are there and that it holds no other file (pipeline_info/ and ro-crate-metadata.json aside; exit 0 only if "
                + "all match, " + ExitCode.VERIFICATION_FAILED.code() + " on any mismatch). "
                + "list DIR: the study points with their parameters, filtered by --where (e.g. --where J=0.1).";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(org.apache.commons.cli.Option.builder().longOpt("where").hasArg().argName("key=value")
                        .desc("list: keep points whose parameter equals value (N, h, J, kappa0, seed, realizations, "
                                + "point_id); repeatable").build())
                .addOption(Args.optional("root", "dir", "show: the results folder to find inputs in (default: the "
                        + "nearest folder above FILE with a study.json)"))
                .addOption(Args.optional("run", "session", "verify: as the pipeline run of this Nextflow session "
                        + "checks its own folder at its end: its own lock is not a problem"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() != 2) {
            throw new BadInputException("expected: provenance show FILE | verify DIR | list DIR");
        }
        Path target = Path.of(args.get(1));
        switch (args.get(0)) {
            case "show" -> show(target, line.hasOption("root") ? Path.of(line.getOptionValue("root")) : null);
            case "verify" -> {
                int problems = verify(target, line.getOptionValue("run"));
                if (problems > 0) {
                    throw new VerificationFailed(problems + " problem(s) in " + target);
                }
            }
            case "list" -> list(target, line.getOptionValues("where"));
            default -> throw new BadInputException("unknown provenance subcommand '" + args.get(0)
                    + "': expected show, verify or list");
        }
    }

    /** verify found mismatches: its own exit code, neither bad input (the folder was readable) nor internal error. */
    static final class VerificationFailed extends RuntimeException {
        VerificationFailed(String message) {
            super(message);
        }
    }

    // ---- study.json (written by the pipeline; a tiny reader for its flat parts)

    record Study(Path dir, Map<String, String> files, List<Map<String, String>> points, Set<String> kept, String text) {
    }

    static Study study(Path dir) throws BadInputException, IOException {
        Path json = dir.resolve("study.json");
        if (!Files.isRegularFile(json)) {
            throw new BadInputException(dir + " has no study.json: not a results folder of a completed run");
        }
        String text = H5.readText(json, "study file");
        Map<String, String> files = new TreeMap<>();
        int start = text.indexOf("\"files\"");
        if (start < 0) {
            throw new BadInputException(json + " lacks the \"files\" section");
        }
        Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(text.substring(start));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        List<Map<String, String>> points = new ArrayList<>();
        int p = text.indexOf("\"points\"");
        if (p >= 0) {
            String section = text.substring(p, text.indexOf(']', p));
            Matcher obj = Pattern.compile("\\{([^}]*)}").matcher(section);
            while (obj.find()) {
                Map<String, String> point = new LinkedHashMap<>();
                Matcher kv = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"?([^\",\\s}]+)\"?").matcher(obj.group(1));
                while (kv.find()) {
                    point.put(kv.group(1), kv.group(2));
                }
                points.add(point);
            }
        }
        Set<String> kept = new HashSet<>();
        Matcher k = Pattern.compile("\"kept\"\\s*:\\s*\\{([^}]*)}").matcher(text);
        if (k.find()) {
            Matcher key = Pattern.compile("\"([^\"]+)\"\\s*:").matcher(k.group(1));
            while (key.find()) {
                kept.add(key.group(1));
            }
        }
        return new Study(dir, files, points, kept, text);
    }

    // ---- show

    private void show(Path file, Path root) throws Exception {
        if (root == null) {
            Path dir = file.toAbsolutePath().getParent();
            while (dir != null && !Files.isRegularFile(dir.resolve("study.json"))) {
                dir = dir.getParent();
            }
            root = dir;
        }
        Map<String, Path> byHash = new TreeMap<>();
        if (root != null) {
            for (Map.Entry<String, String> e : study(root).files().entrySet()) {
                byHash.put(e.getValue(), root.resolve(e.getKey()));
            }
        }
        show(file, byHash, "", new HashSet<>());
    }

    private void show(Path file, Map<String, Path> byHash, String indent, Set<Path> seen) throws Exception {
        FileProvenance p = FileProvenance.read(file);
        Map<String, String> a = p.attributes();
        System.out.printf("%s%s: %s file of point %s %s, seed %d, realizations %s%n", indent, file, p.kind(),
                p.pointId(), p.parameters(), p.seed(), a.getOrDefault("realizations", "?"));
        System.out.printf("%s  made by %s %s, git %s, %s, linalg %s%n", indent, a.get("tool"), a.get("tool_version"),
                a.get("git_commit"), a.get("java_version"), a.get("linalg"));
        System.out.printf("%s  at %s on %s: %s%n", indent, a.get("created_utc"), a.get("host"), a.get("command_line"));
        if (!seen.add(file.toAbsolutePath().normalize())) {
            return;
        }
        for (Map.Entry<String, String> in : p.inputs().entrySet()) {
            Path found = byHash.get(in.getValue());
            if (found != null) {
                System.out.printf("%s  input %s (sha256 %s):%n", indent, in.getKey(), in.getValue().substring(0, 16));
                show(found, byHash, indent + "    ", seen);
            } else if (in.getKey().startsWith("disorder_")) {
                Map<String, String> point = parseParameters(p.parameters());
                String[] range = a.getOrDefault("realizations", "0-0").split("-");
                long first = Long.parseLong(range[0]);
                long last = range.length > 1 ? Long.parseLong(range[1]) : first;
                System.out.printf("%s  input %s (sha256 %s): not published; the disorder is a function of the seed:%n"
                                + "%s    khgps sample --N %s --h %s --J %s --kappa0 %s --seed %d --first %d --count %d --out %s%s%n",
                        indent, in.getKey(), in.getValue().substring(0, 16), indent, point.get("N"), point.get("h"),
                        point.get("J"), point.get("kappa0"), p.seed(), first, last - first + 1, in.getKey(),
                        point.containsKey("disorder") ? " --disorder " + point.get("disorder").replace("\"", "") : "");
            } else {
                System.out.printf("%s  input %s (sha256 %s): NOT FOUND in the results folder%n", indent, in.getKey(),
                        in.getValue());
            }
        }
    }

    static Map<String, String> parseParameters(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher kv = Pattern.compile("\"([^\"]+)\":([^,}]+)").matcher(json);
        while (kv.find()) {
            out.put(kv.group(1), kv.group(2));
        }
        return out;
    }

    // ---- verify

    /** Files of the pipeline's own in a results folder that verify does not expect in study.json (lib/KhgpsOutdir.groovy). */
    static final Set<String> OWN_UNLISTED = Set.of("study.json", "ro-crate-metadata.json", JOURNAL);

    static int verify(Path given) throws Exception {
        return verify(given, null);
    }

    /** @param session the Nextflow session of the run that holds the folder and asks, or null */
    static int verify(Path given, String session) throws Exception {
        // a results folder reached through a symbolic link: walk the folder, not the link
        Path dir = Files.isDirectory(given) ? given.toRealPath() : given;
        Study study = study(dir);
        int problems = 0;
        problems += checkCrate(dir);
        Set<String> hashes = new HashSet<>(study.files().values());
        Map<String, Map<String, String>> points = new TreeMap<>();
        for (Map<String, String> point : study.points()) {
            points.put(point.get("id"), point);
        }
        for (Map.Entry<String, String> e : study.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                System.out.println("MISSING  " + e.getKey());
                problems++;
                continue;
            }
            String actual = H5.sha256(f);
            if (!actual.equals(e.getValue())) {
                System.out.println("MODIFIED " + e.getKey() + " (sha256 recorded " + e.getValue().substring(0, 16)
                        + "..., now " + actual.substring(0, 16) + "...)");
                problems++;
                continue;
            }
            // a failed point's files kept from an earlier run: their inputs may have been replaced since
            if (e.getKey().endsWith(".h5") && !study.kept().contains(e.getKey())) {
                FileProvenance p = FileProvenance.read(f);
                for (Map.Entry<String, String> in : p.inputs().entrySet()) {
                    if (!hashes.contains(in.getValue()) && !in.getKey().startsWith("disorder_")) {
                        System.out.println("INPUT    " + e.getKey() + ": its input " + in.getKey() + " (sha256 "
                                + in.getValue().substring(0, 16) + "...) is not in the results folder");
                        problems++;
                    }
                }
                problems += checkPoint(e.getKey(), f, points);
            }
        }
        // every other file is flagged, except the run's logs in pipeline_info/ and study.json itself
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(f -> !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (OWN_UNLISTED.contains(rel) || rel.startsWith(PIPELINE_INFO) || study.files().containsKey(rel)) {
                    continue;
                }
                if (rel.equals(LOCK) && session != null && lockHolder(f).contains("session=" + session + " ")) {
                    continue;
                }
                if (rel.equals(LOCK)) {
                    System.out.println("RUNNING  " + rel + ": a run holds this folder and is writing into it ("
                            + lockHolder(f) + ")");
                } else {
                    System.out.println("UNKNOWN  " + rel + " is not recorded in study.json");
                }
                problems++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d files checked, %s%n", given, study.files().size(),
                problems == 0 ? "all match" : problems + " problem(s)");
        return problems;
    }

    /**
     * study.json against the SHA-256 the RO-Crate recorded for it when the run wrote both: an edit
     * of study.json (a parameter, a point, a hash) shows here.
     */
    private static int checkCrate(Path dir) throws IOException, BadInputException {
        Path crate = dir.resolve("ro-crate-metadata.json");
        if (!Files.isRegularFile(crate)) {
            System.out.println("MISSING  ro-crate-metadata.json: study.json cannot be checked against the hash it records");
            return 1;
        }
        // the File entity of study.json (other objects only refer to it by its @id)
        Matcher entry = Pattern.compile("\\{[^{}]*\"@id\"\\s*:\\s*\"study\\.json\"[^{}]*}").matcher(H5.readText(crate, "RO-Crate"));
        String recorded = null;
        while (recorded == null && entry.find()) {
            Matcher sha = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(entry.group());
            recorded = sha.find() ? sha.group(1) : null;
        }
        if (recorded == null) {
            System.out.println("MODIFIED ro-crate-metadata.json: it records no sha256 of study.json");
            return 1;
        }
        String actual = H5.sha256(dir.resolve("study.json"));
        if (!actual.equals(recorded)) {
            System.out.println("MODIFIED study.json (sha256 recorded in ro-crate-metadata.json " + recorded.substring(0, 16)
                    + "..., now " + actual.substring(0, 16) + "...)");
            return 1;
        }
        return 0;
    }

    /** A stage file under points/ against the study point study.json records for its folder: id, N, h, J, kappa0, seed. */
    private static int checkPoint(String rel, Path f, Map<String, Map<String, String>> points) throws BadInputException {
        if (!rel.startsWith("points/")) {
            return 0;
        }
        String id = rel.split("/")[1];
        Map<String, String> point = points.get(id);
        FileProvenance p = FileProvenance.read(f);
        H5.Origin origin = H5.origin(f);
        List<String> differ = new ArrayList<>();
        if (point == null) {
            System.out.println("POINT    " + rel + ": study.json lists no point " + id);
            return 1;
        }
        if (!p.pointId().equals(id)) {
            differ.add("point_id " + p.pointId());
        }
        Map<String, String> recorded = new TreeMap<>(Map.of("N", String.valueOf(origin.point().N()),
                "h", String.valueOf(origin.point().h()), "J", String.valueOf(origin.point().J()),
                "kappa0", String.valueOf(origin.point().kappa0()), "seed", String.valueOf(origin.seed())));
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String listed = point.get(e.getKey());
            boolean integer = e.getKey().equals("N") || e.getKey().equals("seed");
            boolean same = listed != null && (integer ? listed.equals(e.getValue()) : sameValue(listed, e.getValue()));
            if (!same) {
                differ.add(e.getKey() + " " + e.getValue() + " (study.json: " + listed + ")");
            }
        }
        if (differ.isEmpty()) {
            return 0;
        }
        System.out.println("POINT    " + rel + " is not of the point study.json lists for " + id + ": its "
                + String.join(", ", differ));
        return 1;
    }

    private static String lockHolder(Path lock) {
        try {
            return Files.readString(lock).strip().replace('\n', ' ');
        } catch (IOException e) {
            return "its lock file just went away";
        }
    }

    // ---- list

    private void list(Path dir, String[] where) throws Exception {
        Study study = study(dir);
        Map<String, String> filters = new LinkedHashMap<>();
        if (where != null) {
            for (String w : where) {
                int eq = w.indexOf('=');
                if (eq <= 0) {
                    throw new BadInputException("--where takes key=value, got '" + w + "'");
                }
                filters.put(w.substring(0, eq).trim(), w.substring(eq + 1).trim());
            }
        }
        Map<String, String[]> summary = new TreeMap<>();
        Path csv = dir.resolve("summary.csv");
        String[] header = null;
        if (Files.isRegularFile(csv)) {
            List<String> rows = H5.readText(csv, "summary").lines().toList();
            header = rows.get(0).split(",");
            for (String r : rows.subList(1, rows.size())) {
                String[] cells = r.split(",");
                summary.put(cells[0], cells);
            }
        }
        System.out.println("point_id,N,h,J,kappa0,seed,realizations,A_g,A_g_err,path");
        for (Map<String, String> point : study.points()) {
            boolean keep = true;
            for (Map.Entry<String, String> f : filters.entrySet()) {
                String key = f.getKey().equals("point_id") ? "id" : f.getKey();
                if (!point.containsKey(key)) {
                    throw new BadInputException("--where: unknown parameter '" + f.getKey()
                            + "' (one of N, h, J, kappa0, seed, realizations, point_id)");
                }
                keep &= sameValue(point.get(key), f.getValue());
            }
            if (!keep) {
                continue;
            }
            String id = point.get("id");
            String[] row = summary.get(id);
            String ag = row != null && header != null ? row[indexOf(header, "A_g")] + "," + row[indexOf(header, "A_g_err")] : ",";
            System.out.println(String.join(",", id, point.get("N"), point.get("h"), point.get("J"), point.get("kappa0"),
                    point.get("seed"), point.get("realizations"), ag, dir.resolve("points").resolve(id).toString()));
        }
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return 0;
    }

    private static boolean sameValue(String recorded, String wanted) {
        try {
            return Double.parseDouble(recorded) == Double.parseDouble(wanted);
        } catch (NumberFormatException e) {
            return recorded.equals(wanted);
        }
    }
}
