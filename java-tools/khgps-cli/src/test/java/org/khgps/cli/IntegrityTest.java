package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.io.H5;
import org.khgps.io.MinimaFile;

/**
 * Every dataset of a stage file carries the SHA-256 of its values; the next stage checks it, so
 * a file damaged after it was written (same length, other bytes) is refused naming the file, the
 * command that made it and how to remake it. Files without checksums (older results) still read.
 */
class IntegrityTest {

    @TempDir
    Path dir;

    /** A minima file in a folder that looks like a Nextflow task's work folder. */
    Path task;
    Path minima;

    @BeforeEach
    void minima() throws Exception {
        task = Files.createDirectories(dir.resolve("work/ab/cdef0123"));
        Files.writeString(task.resolve(".command.sh"), "khgps minimize ...\n");
        Path disorder = dir.resolve("disorder.h5");
        assertEquals(0, CliTest.khgps("sample", "--N", "32", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "3",
                "--count", "2", "--out", disorder.toString()).code());
        minima = task.resolve("minima_000000-000001.h5");
        assertEquals(0, CliTest.khgps("minimize", "--in", disorder.toString(), "--out", minima.toString()).code());
    }

    @Test
    void everyDatasetCarriesTheChecksumOfItsValues() throws Exception {
        try (HdfFile f = new HdfFile(minima)) {
            for (Node node : f.getChildren().values()) {
                if (node instanceof Dataset d) {
                    assertEquals(H5.checksum(d.getData()), d.getAttribute(H5.CHECKSUM).getData(), d.getName());
                }
            }
        }
    }

    @Test
    void refusesAFileDamagedAfterItWasWrittenNamingItsTaskAndTheRecovery() throws Exception {
        // one bit of the first realization's energy flipped: the file keeps its length and opens
        double energy = MinimaFile.read(minima).energy()[0];
        byte[] bytes = Files.readAllBytes(minima);
        byte[] pattern = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(energy).array();
        int at = indexOf(bytes, pattern);
        assertTrue(at >= 0 && indexOf(java.util.Arrays.copyOfRange(bytes, at + 1, bytes.length), pattern) < 0);
        bytes[at] ^= 1;
        Files.write(minima, bytes);
        // staged into the next task as a link, as Nextflow does
        Path next = Files.createDirectories(dir.resolve("work/ef/0123"));
        Path staged = Files.createSymbolicLink(next.resolve(minima.getFileName()), minima);

        CliTest.Run run = CliTest.khgps("diagonalize", "--in", staged.toString(), "--out", next.resolve("spectra.h5").toString());

        assertEquals(ExitCode.DAMAGED_INPUT.code(), run.code(), run.err());
        assertTrue(run.err().contains(staged + " is damaged: dataset 'energy' fails its integrity check"), run.err());
        assertTrue(run.err().contains("It was made by: khgps minimize --in"), run.err());
        assertTrue(run.err().contains("rm -r " + task.toRealPath()), run.err());
        assertTrue(run.err().contains("-resume"), run.err());
        assertFalse(Files.exists(next.resolve("spectra.h5")));
    }

    @Test
    void readsAFileWithoutChecksumsSayingSo() throws Exception {
        Path old = dir.resolve("minima_old.h5");
        withoutChecksums(minima, old);

        CliTest.Run run = CliTest.khgps("diagonalize", "--in", old.toString(), "--out", dir.resolve("spectra.h5").toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains(old + " has no dataset checksums"), run.err());
    }

    @Test
    void refusesAnEmptyOrCutInputAsDamagedNamingItsTaskAndTheRecovery() throws Exception {
        long superblockEnd = 48;  // a version-0 superblock with its root symbol table entry
        for (long keep : new long[] {0, 5, superblockEnd - 8}) {
            Path cut = task.resolve("minima_000000-000001.h5");
            byte[] whole = Files.readAllBytes(minima);
            Files.write(cut, java.util.Arrays.copyOf(whole, (int) keep));
            Path next = Files.createDirectories(dir.resolve("work/cd/" + keep));
            Path staged = Files.createSymbolicLink(next.resolve(cut.getFileName()), cut);

            CliTest.Run run = CliTest.khgps("diagonalize", "--in", staged.toString(), "--out", next.resolve("spectra.h5").toString());

            assertEquals(ExitCode.DAMAGED_INPUT.code(), run.code(), keep + " bytes: " + run.err());
            assertTrue(run.err().contains(staged + " is not a readable HDF5 file"), run.err());
            assertTrue(run.err().contains("rm -r " + task.toRealPath()), run.err());
            Files.write(cut, whole);
        }
    }

    @Test
    void refusesAnEditedRootAttributeOrStrippedChecksums() throws Exception {
        // J edited: the file still opens, its datasets still match their checksums
        Path editedJ = task.resolve("minima_J.h5");
        copy(minima, editedJ, (name, value) -> name.equals("J") ? 0.2 : value, true);
        // every checksum removed, as a file written before checksums existed would be, but still of schema version 2
        Path stripped = task.resolve("minima_stripped.h5");
        copy(minima, stripped, (name, value) -> value, false);

        for (Path damaged : new Path[] {editedJ, stripped}) {
            CliTest.Run run = CliTest.khgps("diagonalize", "--in", damaged.toString(), "--out", dir.resolve("spectra.h5").toString());

            assertEquals(ExitCode.DAMAGED_INPUT.code(), run.code(), run.err());
            assertTrue(run.err().contains(damaged + " is damaged: "), run.err());
            assertTrue(run.err().contains(damaged == editedJ ? "fail their integrity check" : "it lacks the attribute 'sha256_manifest'"),
                    run.err());
        }
    }

    /** A copy of a stage file as khgps wrote it before datasets carried checksums (schema version 1). */
    static void withoutChecksums(Path from, Path to) throws Exception {
        copy(from, to, (name, value) -> name.equals("schema_version") ? 1 : value, false);
    }

    /**
     * A copy of a stage file with its root attributes passed through {@code edit}, with or without
     * the checksums (of the datasets and the manifest) as they were.
     */
    static void copy(Path from, Path to, java.util.function.BiFunction<String, Object, Object> edit, boolean checksums)
            throws Exception {
        try (HdfFile in = new HdfFile(from); WritableHdfFile out = HdfFile.write(to)) {
            copy(in, out, edit, checksums);
        }
    }

    private static void copy(io.jhdf.api.Group in, WritableGroup out, java.util.function.BiFunction<String, Object, Object> edit,
                             boolean checksums) {
        for (Map.Entry<String, Attribute> a : in.getAttributes().entrySet()) {
            if (checksums || !a.getKey().equals(H5.MANIFEST_CHECKSUM)) {
                Object value = a.getValue().getData();
                out.putAttribute(a.getKey(), in instanceof HdfFile ? edit.apply(a.getKey(), value) : value);
            }
        }
        for (Node node : in.getChildren().values()) {
            if (node instanceof Dataset d) {
                var copied = out.putDataset(d.getName(), d.getData());
                for (Map.Entry<String, Attribute> a : d.getAttributes().entrySet()) {
                    if (checksums || !a.getKey().equals(H5.CHECKSUM)) {
                        copied.putAttribute(a.getKey(), a.getValue().getData());
                    }
                }
            } else if (node instanceof io.jhdf.api.Group g) {
                copy(g, out.putGroup(g.getName()), edit, checksums);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
