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

    /** A copy of a stage file as khgps wrote it before datasets carried checksums. */
    static void withoutChecksums(Path from, Path to) throws Exception {
        try (HdfFile in = new HdfFile(from); WritableHdfFile out = HdfFile.write(to)) {
            copy(in, out);
        }
    }

    private static void copy(io.jhdf.api.Group in, WritableGroup out) {
        for (Map.Entry<String, Attribute> a : in.getAttributes().entrySet()) {
            out.putAttribute(a.getKey(), a.getValue().getData());
        }
        for (Node node : in.getChildren().values()) {
            if (node instanceof Dataset d) {
                out.putDataset(d.getName(), d.getData());
            } else if (node instanceof io.jhdf.api.Group g) {
                copy(g, out.putGroup(g.getName()));
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
