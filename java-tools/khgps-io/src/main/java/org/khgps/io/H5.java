package org.khgps.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.khgps.core.StudyPoint;

/** HDF5 helpers shared by every stage file: atomic writes, checked opens, typed reads. */
public final class H5 {

    /** Attribute of every dataset: the SHA-256 of its values ({@link #checksum}), checked on read. */
    public static final String CHECKSUM = "sha256";

    /** Files without checksums (written before they existed) already reported, once per file. */
    private static final java.util.Set<Path> UNCHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Root attribute: the SHA-256 of the file's {@link #manifest} (every attribute, and every dataset's
     * {@link #CHECKSUM}), checked when the file is opened. With the datasets' checksums it covers every
     * value the file holds: an edited J, a removed checksum or a renamed dataset is refused.
     */
    public static final String MANIFEST_CHECKSUM = "sha256_manifest";

    /**
     * Bumped whenever a file's datasets or attributes change meaning. 2: files carry
     * {@link #MANIFEST_CHECKSUM}; a file of version 2 or later without it has been stripped, and is refused.
     */
    public static final int SCHEMA_VERSION = 2;

    /** The first schema version whose files must carry {@link #MANIFEST_CHECKSUM}. */
    static final int MANIFEST_SINCE = 2;

    /** No stage file holds more elements in one dataset than this (16383^2 < 2^28). */
    static final long MAX_ELEMENTS = 1L << 29;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** Writes one HDF5 file. */
    @FunctionalInterface
    public interface Body {
        void write(WritableHdfFile file) throws IOException;
    }

    private H5() {
    }

    /**
     * Writes {@code target} through a temp file in the same directory, then renames it: a killed
     * task never leaves a file that looks complete, and an existing file is replaced whole
     * (jhdf writing over a file leaves a garbage tail).
     */
    public static void writeAtomically(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            try (WritableHdfFile file = HdfFile.write(tmp)) {
                body.write(file);
                putChecksums(file);
                putDocs(file);
                file.putAttribute(MANIFEST_CHECKSUM, sha256Hex(manifest(file)));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // jhdf wraps I/O failures (a full disk) in runtime exceptions: say which file
            throw new IOException("cannot write " + target + ": " + rootMessage(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Gives every dataset of {@code group} (and its subgroups) the attribute {@link #CHECKSUM}:
     * the SHA-256 of its values, which {@link #dataset} checks on every read.
     */
    private static void putChecksums(io.jhdf.api.Group group) {
        for (Node node : group.getChildren().values()) {
            if (node instanceof io.jhdf.api.WritableDataset dataset) {
                dataset.putAttribute(CHECKSUM, checksum(dataset.getData()));
            } else if (node instanceof io.jhdf.api.Group child) {
                putChecksums(child);
            }
        }
    }

    /** Gives every dataset of {@code group} (and its subgroups) its {@code units} and {@code description} (DatasetDocs). */
    private static void putDocs(io.jhdf.api.Group group) {
        for (Node node : group.getChildren().values()) {
            if (node instanceof io.jhdf.api.WritableDataset dataset) {
                DatasetDocs.Doc doc = DatasetDocs.of(node.getName());
                dataset.putAttribute("units", doc.units());
                dataset.putAttribute("description", doc.description());
            } else if (node instanceof io.jhdf.api.Group child) {
                putDocs(child);
            }
        }
    }

    /**
     * What {@link #MANIFEST_CHECKSUM} is the SHA-256 of (UTF-8): one line per attribute of the root
     * and of every group, {@code path@name=value}, and one per dataset, {@code path#sha256=its checksum},
     * sorted; the manifest attribute itself left out. Values as {@link #canonical} writes them, so the
     * writer's objects and what jhdf reads back give the same text.
     */
    static String manifest(io.jhdf.api.Group root) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        manifest(root, "", lines);
        java.util.Collections.sort(lines);
        return String.join("\n", lines) + "\n";
    }

    private static void manifest(io.jhdf.api.Group group, String path, java.util.List<String> lines) {
        for (java.util.Map.Entry<String, Attribute> a : group.getAttributes().entrySet()) {
            if (!(path.isEmpty() && a.getKey().equals(MANIFEST_CHECKSUM))) {
                lines.add(path + "@" + a.getKey() + "=" + canonical(a.getValue().getData()));
            }
        }
        for (Node node : group.getChildren().values()) {
            String child = path + "/" + node.getName();
            if (node instanceof io.jhdf.api.Group g) {
                lines.add(child + "/");
                manifest(g, child, lines);
            } else {
                Attribute checksum = node.getAttribute(CHECKSUM);
                lines.add(child + "#" + CHECKSUM + "=" + (checksum == null ? "none" : canonical(checksum.getData())));
            }
        }
    }

    /** An attribute value as text: integers and floating point by value (so int and long agree), arrays element-wise. */
    private static String canonical(Object v) {
        if (v == null) {
            return "null";
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            int n = java.lang.reflect.Array.getLength(v);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append(canonical(java.lang.reflect.Array.get(v, i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Double || v instanceof Float) {
            return Double.toString(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return v.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 (hex) of a dataset's values: each element's bytes little-endian (IEEE 754 for
     * floating point, two's complement for integers, UTF-8 for strings), rows in order, nothing
     * else (not the shape, type or compression). In Python:
     * {@code hashlib.sha256(numpy.ascontiguousarray(d[()], d.dtype.newbyteorder('<')).tobytes())}.
     */
    public static String checksum(Object data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            digest(md, data);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest md, Object data) {
        if (data instanceof Object[] rows && !(data instanceof String[])) {
            for (Object row : rows) {
                digest(md, row);
            }
        } else if (data instanceof byte[] v) {
            md.update(v);
        } else if (data instanceof boolean[] v) {
            for (boolean e : v) {
                md.update((byte) (e ? 1 : 0));
            }
        } else if (data instanceof String[] v) {
            for (String e : v) {
                md.update(e.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else if (data.getClass().isArray()) {
            md.update(littleEndian(data).array());
        } else if (data instanceof Number || data instanceof String || data instanceof Boolean) {
            // a scalar dataset: as a one-element array of its type
            Class<?> type = data instanceof String ? String.class
                    : java.lang.invoke.MethodType.methodType(data.getClass()).unwrap().returnType();
            Object array = java.lang.reflect.Array.newInstance(type, 1);
            java.lang.reflect.Array.set(array, 0, data);
            digest(md, array);
        } else {
            throw new IllegalArgumentException("no checksum for dataset values of type " + data.getClass().getName());
        }
    }

    /** The elements of a primitive numeric array as little-endian bytes. */
    private static java.nio.ByteBuffer littleEndian(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        int width = array instanceof double[] || array instanceof long[] ? 8
                : array instanceof short[] ? 2 : 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (array instanceof double[] v) {
            b.asDoubleBuffer().put(v);
        } else if (array instanceof long[] v) {
            b.asLongBuffer().put(v);
        } else if (array instanceof int[] v) {
            b.asIntBuffer().put(v);
        } else if (array instanceof float[] v) {
            b.asFloatBuffer().put(v);
        } else if (array instanceof short[] v) {
            b.asShortBuffer().put(v);
        } else {
            throw new IllegalArgumentException("no checksum for dataset values of type " + array.getClass().getName());
        }
        return b;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * The text of an input file ({@code what} names it in messages: "--params"): one that is not there,
     * not readable or not UTF-8 is bad input; only a read the filesystem fails is an IOException.
     */
    public static String readText(Path in, String what) throws BadInputException, IOException {
        if (!Files.isRegularFile(in) || !Files.isReadable(in)) {
            throw new BadInputException(what + " " + in + " is not a readable file");
        }
        try {
            return Files.readString(in);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(what + " " + in + " is not a text file (" + e + ")");
        }
    }

    /** Writes a text file through a temp file and a rename, like {@link #writeAtomically}. */
    public static void writeTextAtomically(Path target, String text) throws IOException {
        Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + rootMessage(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Fails early, before any computation, if {@code target}'s directory cannot take a file: a
     * directory that is not there is bad input, one that refuses the write an I/O failure (a full
     * or read-only filesystem, a network filesystem error: worth a retry).
     */
    public static void checkWritable(Path target) throws BadInputException, IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("output directory " + dir + " does not exist");
        }
        // probe with a real file: isWritable() says yes to root even where writes fail
        Path probe = dir.resolve("." + target.getFileName() + ".probe-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[1]);
        } catch (IOException e) {
            throw new IOException("output directory " + dir + " is not writable (" + e.getMessage() + ")", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // nothing was written
            }
        }
    }

    /** Root attributes every stage file carries: what it is and which point and seed. */
    public static void putPoint(WritableHdfFile file, String kind, StudyPoint point, long seed) {
        file.putAttribute("kind", kind);
        file.putAttribute("schema_version", SCHEMA_VERSION);
        file.putAttribute("point_id", point.id());
        file.putAttribute("parameters", point.canonicalJson());
        file.putAttribute("N", point.N());
        file.putAttribute("h", point.h());
        file.putAttribute("J", point.J());
        file.putAttribute("kappa0", point.kappa0());
        file.putAttribute("seed", seed);
        file.putAttribute("disorder", point.disorder());
        if (point.protocol() != org.khgps.core.Protocol.ZERO) {
            // only when not zero: the files of the paper's protocol stay as they were
            file.putAttribute("protocol", point.protocol().id());
        }
    }

    public static void putProvenance(WritableHdfFile file, Provenance p, StudyPoint point, long seed,
                                     String realizations) {
        WritableGroup g = file.putGroup("provenance");
        g.putAttribute("tool", p.tool());
        g.putAttribute("tool_version", p.toolVersion());
        g.putAttribute("git_commit", p.gitCommit());
        g.putAttribute("java_version", p.javaVersion());
        g.putAttribute("linalg", p.linalg());
        g.putAttribute("command_line", p.commandLine());
        g.putAttribute("inputs_sha256", p.inputsJson());
        g.putAttribute("created_utc", p.createdUtc());
        g.putAttribute("host", p.host());
        g.putAttribute("parameters", point.canonicalJson());
        g.putAttribute("point_id", point.id());
        g.putAttribute("seed", seed);
        g.putAttribute("disorder", point.disorder());
        g.putAttribute("realizations", realizations);
    }

    /** Chunked, deflated storage for a [rows, cols] dataset, one row a chunk. */
    public static DatasetCreationOptions rows(int cols) {
        return DatasetCreationOptions.builder().chunkDimensions(1, cols).deflate().build();
    }

    /**
     * Opens a stage file after checking that it exists, is HDF5 and is of {@code kind}: the
     * messages name the file and what was expected.
     */
    public static HdfFile open(Path path, String kind) throws BadInputException {
        HdfFile file = openAny(path, kind);
        String actual = kindOf(file, path);
        if (!kind.equals(actual)) {
            file.close();
            throw new BadInputException("input file " + path + " is a " + actual + " file, expected a " + kind + " file");
        }
        try {
            verifyManifest(file, path);
        } catch (BadInputException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /**
     * Compares the file's attributes and dataset checksums with the {@link #MANIFEST_CHECKSUM} its
     * writer stored. Files of schema version 1 (before the manifest) are read without it, with the
     * note {@link #verifyChecksum} gives; a later file without it was stripped, and is refused.
     */
    private static void verifyManifest(HdfFile file, Path path) throws BadInputException {
        Attribute recorded;
        String actual;
        int version;
        try {
            recorded = file.getAttribute(MANIFEST_CHECKSUM);
            Attribute v = file.getAttribute("schema_version");
            version = v != null && v.getData() instanceof Number n ? n.intValue() : 1;
            actual = recorded == null ? null : sha256Hex(manifest(file));
        } catch (RuntimeException | StackOverflowError e) {
            throw damaged(file, path, "its attributes cannot be read (" + e.getMessage() + ")", e);
        }
        if (recorded == null) {
            if (version >= MANIFEST_SINCE) {
                throw damaged(file, path, "it lacks the attribute '" + MANIFEST_CHECKSUM + "' that every file of schema "
                        + "version " + MANIFEST_SINCE + " or later carries (it was stripped after it was written)", null);
            }
            return;
        }
        String expected = String.valueOf(recorded.getData());
        if (!actual.equals(expected)) {
            throw damaged(file, path, "its attributes or dataset checksums fail their integrity check (SHA-256 of its "
                    + "manifest " + actual.substring(0, 16) + "..., its writer recorded "
                    + expected.substring(0, Math.min(16, expected.length())) + "...): an attribute (N, h, J, kappa0, seed, "
                    + "provenance, ...) or a checksum changed after it was written (an edit, a disk or copy error)", null);
        }
    }

    /** The kind ("minima", "spectra", ...) of a stage file. */
    public static String kind(Path path) throws BadInputException {
        try (HdfFile file = openAny(path, "khgps stage")) {
            return kindOf(file, path);
        }
    }

    private static String kindOf(HdfFile file, Path path) throws BadInputException {
        try {
            return string(file, path, "kind");
        } catch (BadInputException e) {
            file.close();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            DamagedFileException damaged = damaged(file, path, "its root attributes cannot be read (" + e.getMessage() + ")", e);
            file.close();
            throw damaged;
        }
    }

    private static HdfFile openAny(Path path, String kind) throws BadInputException {
        if (!Files.exists(path)) {
            throw new BadInputException("input file " + path + " does not exist");
        }
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new BadInputException("input file " + path + " is not a readable file");
        }
        // inside the pipeline every input is a khgps output: one that is not readable HDF5 was damaged
        // after it was written (cut to 0 bytes, a failed copy), whatever the damage, and is exit 5 with the recovery
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(SIGNATURE.length);
            if (!java.util.Arrays.equals(head, SIGNATURE)) {
                throw new DamagedFileException("input file " + path + " is not a readable HDF5 file: "
                        + (head.length == 0 ? "it is empty (0 bytes)" : head.length < SIGNATURE.length
                        ? "it has only " + head.length + " bytes" : "it lacks the HDF5 signature")
                        + " (expected a " + kind + " file written by khgps; damaged after it was written, or not one)."
                        + recovery(path), null);
            }
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new BadInputException("cannot read input file " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            // the file is there and readable: the filesystem failed (unchecked: readers declare BadInputException)
            throw new UncheckedIOException("cannot read input file " + path + ": " + e, e);
        }
        // a file shorter than its superblock's end-of-file address was cut off (a killed copy, a
        // full disk): say so before jhdf follows an address past the end and reads garbage sizes
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path)) {
            long end = io.jhdf.Superblock.readSuperblock(channel, 0).getEndOfFileAddress();
            long size = channel.size();
            if (end > size) {
                throw new DamagedFileException("input file " + path + " is truncated: " + size + " bytes of the "
                        + end + " its HDF5 superblock records (an interrupted copy or write?)." + recovery(path), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input file " + path + ": " + e, e);
        } catch (RuntimeException e) {
            throw new DamagedFileException("input file " + path + " is not a readable HDF5 file (its superblock cannot "
                    + "be read: truncated or corrupt): " + e.getMessage() + "." + recovery(path), e);
        }
        try {
            return new HdfFile(path);
        } catch (RuntimeException | StackOverflowError e) {
            throw new DamagedFileException("input file " + path + " is not a readable HDF5 file (truncated or corrupt): "
                    + e.getMessage() + "." + recovery(path), e);
        }
    }

    private static Attribute attribute(HdfFile file, Path path, String name) throws BadInputException {
        Attribute a = file.getAttribute(name);
        if (a == null) {
            throw new BadInputException("input file " + path + " lacks the attribute '" + name
                    + "': not a khgps stage file");
        }
        return a;
    }

    public static String string(HdfFile file, Path path, String name) throws BadInputException {
        return String.valueOf(attribute(file, path, name).getData());
    }

    public static double number(HdfFile file, Path path, String name) throws BadInputException {
        Object v = attribute(file, path, name).getData();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new BadInputException("attribute '" + name + "' of " + path + " is not a number");
    }

    /** A number attribute files of earlier versions may lack: {@code absent} then. */
    public static double number(HdfFile file, Path path, String name, double absent) throws BadInputException {
        return hasAttribute(file, path, name) ? number(file, path, name) : absent;
    }

    /** The study point and seed recorded on a stage file. */
    public static StudyPoint point(HdfFile file, Path path) throws BadInputException {
        try {
            // files written before the disorder mode existed are independent
            Object mode = hasAttribute(file, path, "disorder") ? file.getAttribute("disorder").getData()
                    : StudyPoint.INDEPENDENT;
            // files without the attribute are of the paper's protocol, zero
            org.khgps.core.Protocol protocol = hasAttribute(file, path, "protocol")
                    ? org.khgps.core.Protocol.of(String.valueOf(file.getAttribute("protocol").getData()))
                    : org.khgps.core.Protocol.ZERO;
            return new StudyPoint((int) number(file, path, "N"), number(file, path, "h"),
                    number(file, path, "J"), number(file, path, "kappa0"), String.valueOf(mode), protocol);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("input file " + path + " records an invalid study point: " + e.getMessage(), e);
        }
    }

    /** A string attribute of the file's /provenance group, or a message naming the file and what it lacks. */
    public static String provenance(HdfFile file, Path path, String name) throws BadInputException {
        Attribute a;
        try {
            Node group = file.getChild("provenance");
            if (group == null) {
                throw new BadInputException("input file " + path + " lacks its provenance group");
            }
            a = group.getAttribute(name);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BadInputException("input file " + path + " cannot be read (corrupt?): " + e.getMessage(), e);
        }
        if (a == null) {
            throw new BadInputException("input file " + path + " lacks the provenance attribute '" + name + "'");
        }
        return String.valueOf(a.getData());
    }

    public static long seed(HdfFile file, Path path) throws BadInputException {
        return (long) number(file, path, "seed");
    }

    /** The study point and seed of a stage file of any kind, read from its attributes alone. */
    public record Origin(StudyPoint point, long seed) {
    }

    public static Origin origin(Path path) throws BadInputException {
        try (HdfFile file = open(path, kind(path))) {
            return new Origin(point(file, path), seed(file, path));
        }
    }

    /**
     * Whether the file has an optional dataset or group {@code name} at its root; a corrupt root
     * group is bad input naming the file (jhdf throws runtime exceptions while listing it).
     */
    public static boolean hasChild(HdfFile file, Path path, String name) throws BadInputException {
        try {
            return file.getChildren().containsKey(name);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BadInputException("input file " + path + " cannot be read (corrupt?): " + e.getMessage(), e);
        }
    }

    /** Whether the file has an optional root attribute {@code name}, with the same care. */
    public static boolean hasAttribute(HdfFile file, Path path, String name) throws BadInputException {
        try {
            return file.getAttribute(name) != null;
        } catch (RuntimeException | StackOverflowError e) {
            throw new BadInputException("input file " + path + " cannot be read (corrupt?): " + e.getMessage(), e);
        }
    }

    /** A dataset of the expected Java array type, or a message naming file and dataset. */
    public static <T> T dataset(HdfFile file, Path path, String name, Class<T> type) throws BadInputException {
        Node node;
        try {
            node = file.getByPath(name);
        } catch (RuntimeException e) {
            throw new BadInputException("input file " + path + " lacks the dataset '" + name + "'", e);
        }
        if (!(node instanceof io.jhdf.api.Dataset dataset)) {
            throw new BadInputException("'" + name + "' in " + path + " is not a dataset");
        }
        Object data;
        try {
            // a corrupt header can claim any size: refuse before allocating, never run out of memory
            long size = dataset.getSize();
            if (size < 0 || size > MAX_ELEMENTS) {
                throw new BadInputException("dataset '" + name + "' of " + path + " claims " + size
                        + " elements (corrupt?)");
            }
            data = dataset.getData();
        } catch (RuntimeException | StackOverflowError e) {
            throw damaged(file, path, "dataset '" + name + "' cannot be read (" + e.getMessage() + ")", e);
        }
        verifyChecksum(file, path, name, dataset, data);
        if (!type.isInstance(data)) {
            throw new BadInputException("dataset '" + name + "' of " + path + " has type "
                    + data.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(data);
    }

    /**
     * Compares a dataset's values with the checksum its writer stored; files written before
     * checksums existed are read unchecked, with a note (once per file) saying so.
     */
    private static void verifyChecksum(HdfFile file, Path path, String name, io.jhdf.api.Dataset dataset,
                                       Object data) throws BadInputException {
        Attribute recorded;
        try {
            recorded = dataset.getAttribute(CHECKSUM);
        } catch (RuntimeException | StackOverflowError e) {
            throw damaged(file, path, "the attributes of dataset '" + name + "' cannot be read (" + e.getMessage() + ")", e);
        }
        if (recorded == null) {
            if (UNCHECKED.add(path.toAbsolutePath().normalize())) {
                System.err.println("khgps: note: " + path + " has no dataset checksums (written by a khgps before "
                        + "they existed): read without an integrity check");
            }
            return;
        }
        String expected = String.valueOf(recorded.getData());
        String actual = checksum(data);
        if (!actual.equals(expected)) {
            throw damaged(file, path, "dataset '" + name + "' fails its integrity check (SHA-256 of its values "
                    + actual.substring(0, 16) + "..., its writer recorded " + expected.substring(0, Math.min(16, expected.length()))
                    + "...): the file changed after it was written (a disk or copy error, an edit)", null);
        }
    }

    /** A stage file that cannot be trusted: what is wrong, which command made it, how to remake it. */
    private static DamagedFileException damaged(HdfFile file, Path path, String what, Throwable cause) {
        String madeBy = "";
        try {
            Node group = file.getChild("provenance");
            Attribute command = group == null ? null : group.getAttribute("command_line");
            if (command != null) {
                madeBy = " It was made by: " + command.getData() + ".";
            }
        } catch (RuntimeException | StackOverflowError ignored) {
            // the provenance is damaged too: the recovery below does not need it
        }
        return new DamagedFileException("input file " + path + " is damaged: " + what + "." + madeBy + recovery(path), cause);
    }

    /**
     * How to get an intact copy of a damaged or truncated stage file. In a Nextflow task's work
     * folder (the path of a staged input is a link to it): remove that folder and resume, which
     * reruns that task and what depends on it.
     */
    static String recovery(Path path) {
        try {
            Path task = path.toRealPath().getParent();
            if (task != null && Files.isRegularFile(task.resolve(".command.sh"))) {
                return " It is the output of the Nextflow task in " + task + ". To recover, remove that task's folder "
                        + "and run the pipeline again with -resume (it remakes this file and what depends on it):\n  rm -r "
                        + task;
            }
        } catch (IOException | RuntimeException ignored) {
            // not a file we can resolve: the general advice
        }
        return " To recover, make it again with the command that made it (khgps-provenance show names it); in a "
                + "results folder, delete it and run the study again with -resume, which publishes it again from the cache.";
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                md.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
