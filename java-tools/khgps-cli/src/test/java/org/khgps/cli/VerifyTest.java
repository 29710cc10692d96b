package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.io.H5;

/** verify: a results folder holds exactly what its study.json lists (pipeline_info/ aside). */
class VerifyTest {

    @TempDir
    Path dir;

    @BeforeEach
    void resultsFolder() throws Exception {
        Files.writeString(dir.resolve("summary.csv"), "point_id,N\nabc,8\n");
        Files.createDirectories(dir.resolve("plots"));
        Files.write(dir.resolve("plots/dos.png"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("pipeline_info"));
        Files.writeString(dir.resolve("pipeline_info/execution_trace_2026.txt"), "task_id\n");
        writeStudy("[]", "");
    }

    /** study.json with these points and, besides the two files above, these "path": "sha" lines; and its RO-Crate. */
    private void writeStudy(String points, String moreFiles) throws Exception {
        Files.writeString(dir.resolve("study.json"), "{\n  \"points\": " + points + ",\n  \"files\": {\n" + moreFiles
                + "    \"plots/dos.png\": \"" + H5.sha256(dir.resolve("plots/dos.png")) + "\",\n"
                + "    \"summary.csv\": \"" + H5.sha256(dir.resolve("summary.csv")) + "\"\n  }\n}\n");
        Files.writeString(dir.resolve("ro-crate-metadata.json"), "{\"@graph\": [{\"@id\": \"ro-crate-metadata.json\"}, "
                + "{\"@id\": \"study.json\", \"@type\": \"File\", \"sha256\": \"" + H5.sha256(dir.resolve("study.json")) + "\"}]}\n");
    }

    /** The problems verify counts, and what it printed. */
    private record Verified(int problems, List<String> lines) {
    }

    private Verified verify() throws Exception {
        return verify(dir);
    }

    private static Verified verify(Path folder) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int problems = ProvenanceCommand.verify(folder);
            return new Verified(problems, buffer.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void passesAFolderHoldingExactlyItsStudyAndTheRunLogs() throws Exception {
        Verified v = verify();
        assertEquals(0, v.problems(), String.join("\n", v.lines()));
    }

    @Test
    void flagsStrayFilesOutsidePoints() throws Exception {
        Files.write(dir.resolve("plots/stale.png"), new byte[] {4});
        Files.writeString(dir.resolve("notes.txt"), "mine\n");

        Verified v = verify();

        assertEquals(2, v.problems(), String.join("\n", v.lines()));
        assertTrue(v.lines().contains("UNKNOWN  plots/stale.png is not recorded in study.json"), v.lines().toString());
        assertTrue(v.lines().contains("UNKNOWN  notes.txt is not recorded in study.json"), v.lines().toString());
    }

    @Test
    void saysWhenARunHoldsTheFolder() throws Exception {
        Files.writeString(dir.resolve(".khgps.lock"), "launch_dir=/somewhere\npid=12\n");

        Verified v = verify();

        assertEquals(1, v.problems());
        assertTrue(v.lines().get(0).startsWith("RUNNING  .khgps.lock: a run holds this folder"), v.lines().toString());
        assertTrue(v.lines().get(0).contains("launch_dir=/somewhere pid=12"), v.lines().toString());
    }

    @Test
    void namesFilesThroughASymbolicLinkToTheFolder() throws Exception {
        Files.write(dir.resolve("plots/stale.png"), new byte[] {4});
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            Verified v = verify(link);

            assertEquals(1, v.problems(), String.join("\n", v.lines()));
            assertTrue(v.lines().contains("UNKNOWN  plots/stale.png is not recorded in study.json"), v.lines().toString());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void checksStudyJsonAgainstTheHashItsRoCrateRecorded() throws Exception {
        String edited = Files.readString(dir.resolve("study.json")).replace("\"points\": []", "\"points\": [{\"id\": \"x\"}]");
        Files.writeString(dir.resolve("study.json"), edited);

        Verified v = verify();

        assertEquals(1, v.problems(), String.join("\n", v.lines()));
        assertTrue(v.lines().get(0).startsWith("MODIFIED study.json (sha256 recorded in ro-crate-metadata.json "), v.lines().toString());
        Files.delete(dir.resolve("ro-crate-metadata.json"));
        assertTrue(verify().lines().get(0).startsWith("MISSING  ro-crate-metadata.json"));
    }

    @Test
    void checksEachStageFileAgainstTheStudyPointOfItsFolder() throws Exception {
        Path disorder = Files.createDirectories(dir.resolve("points/8f1b2c3d4e5f")).resolve("disorder.h5");
        assertEquals(0, CliTest.khgps("sample", "--N", "16", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "3",
                "--count", "1", "--out", disorder.toString()).code());
        String id = org.khgps.io.FileProvenance.read(disorder).pointId();
        Path folder = Files.createDirectories(dir.resolve("points/" + id));
        Files.move(disorder, folder.resolve("disorder.h5"));
        String file = "    \"points/" + id + "/disorder.h5\": \"" + H5.sha256(folder.resolve("disorder.h5")) + "\",\n";
        writeStudy("[{\"J\": 0.1, \"N\": 16, \"h\": 0.01, \"id\": \"" + id + "\", \"kappa0\": 1.0, \"seed\": 3}]", file);
        assertEquals(0, verify().problems(), String.join("\n", verify().lines()));

        // study.json (and its crate, rewritten to match) says J = 0.2: the file's own J disagrees
        writeStudy("[{\"J\": 0.2, \"N\": 16, \"h\": 0.01, \"id\": \"" + id + "\", \"kappa0\": 1.0, \"seed\": 3}]", file);
        Verified v = verify();

        assertEquals(1, v.problems(), String.join("\n", v.lines()));
        assertTrue(v.lines().get(0).equals("POINT    points/" + id + "/disorder.h5 is not of the point study.json lists for "
                + id + ": its J 0.1 (study.json: 0.2)"), v.lines().toString());
    }
}
