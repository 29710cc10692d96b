package org.khgps.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What any stage file says about itself: its kind, point, seed and /provenance attributes. */
public record FileProvenance(Path path, String kind, String pointId, String parameters, long seed,
                             Map<String, String> attributes, Map<String, String> inputs) {

    private static final Pattern INPUT = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\":\"([0-9a-f]{64})\"");

    public static FileProvenance read(Path path) throws BadInputException {
        String kind = H5.kind(path);
        try (HdfFile f = H5.open(path, kind)) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Node group = f.getChild("provenance");
            if (group == null) {
                throw new BadInputException("input file " + path + " has no /provenance group");
            }
            for (Map.Entry<String, Attribute> e : new TreeMap<>(group.getAttributes()).entrySet()) {
                attrs.put(e.getKey(), String.valueOf(e.getValue().getData()));
            }
            Map<String, String> inputs = new TreeMap<>();
            Matcher m = INPUT.matcher(attrs.getOrDefault("inputs_sha256", "{}"));
            while (m.find()) {
                inputs.put(m.group(1), m.group(2));
            }
            return new FileProvenance(path, kind, H5.string(f, path, "point_id"), H5.string(f, path, "parameters"),
                    H5.seed(f, path), attrs, inputs);
        } catch (java.io.UncheckedIOException e) {
            throw e; // the filesystem failed, not the file
        } catch (RuntimeException e) {
            throw new BadInputException("cannot read the provenance of " + path + ": " + e.getMessage(), e);
        }
    }
}
