package org.khgps.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
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

    /** Bumped whenever a file's datasets or attributes change meaning. */
    public static final int SCHEMA_VERSION = 1;

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
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // jhdf wraps I/O failures (a full disk) in runtime exceptions: say which file
            throw new IOException("cannot write " + target + ": " + rootMessage(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
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

    /** Fails early, before any computation, if {@code target}'s directory cannot take a file. */
    public static void checkWritable(Path target) throws BadInputException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("output directory " + dir + " does not exist");
        }
        // probe with a real file: isWritable() says yes to root even where writes fail
        Path probe = dir.resolve("." + target.getFileName() + ".probe-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[1]);
        } catch (IOException e) {
            throw new BadInputException("output directory " + dir + " is not writable (" + e.getMessage() + ")");
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
        return file;
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
            file.close();
            throw new BadInputException("input file " + path + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static HdfFile openAny(Path path, String kind) throws BadInputException {
        if (!Files.exists(path)) {
            throw new BadInputException("input file " + path + " does not exist");
        }
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new BadInputException("input file " + path + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(SIGNATURE.length);
            if (!java.util.Arrays.equals(head, SIGNATURE)) {
                throw new BadInputException("input file " + path + " is not an HDF5 file (expected a "
                        + kind + " file written by khgps)");
            }
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new BadInputException("cannot read input file " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read input file " + path + ": " + e, e);
        }
        // a file shorter than its superblock's end-of-file address was cut off (a killed copy, a
        // full disk): say so before jhdf follows an address past the end and reads garbage sizes
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path)) {
            long end = io.jhdf.Superblock.readSuperblock(channel, 0).getEndOfFileAddress();
            long size = channel.size();
            if (end > size) {
                throw new BadInputException("input file " + path + " is truncated: " + size + " bytes of the "
                        + end + " its HDF5 superblock records (an interrupted copy or write?)");
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("input file " + path + " is not a readable HDF5 file (truncated or corrupt?): "
                    + e.getMessage(), e);
        }
        try {
            return new HdfFile(path);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BadInputException("input file " + path + " is not a readable HDF5 file (truncated or corrupt?): "
                    + e.getMessage(), e);
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
            return new StudyPoint((int) number(file, path, "N"), number(file, path, "h"),
                    number(file, path, "J"), number(file, path, "kappa0"), String.valueOf(mode));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("input file " + path + " records an invalid study point: " + e.getMessage(), e);
        }
    }

    public static long seed(HdfFile file, Path path) throws BadInputException {
        return (long) number(file, path, "seed");
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
            throw new BadInputException("dataset '" + name + "' of " + path + " cannot be read (corrupt?): "
                    + e.getMessage(), e);
        }
        if (!type.isInstance(data)) {
            throw new BadInputException("dataset '" + name + "' of " + path + " has type "
                    + data.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(data);
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
