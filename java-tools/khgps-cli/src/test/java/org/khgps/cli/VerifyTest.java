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
        Files.writeString(dir.resolve("study.json"), "{\n  \"points\": [],\n  \"files\": {\n"
                + "    \"plots/dos.png\": \"" + H5.sha256(dir.resolve("plots/dos.png")) + "\",\n"
                + "    \"summary.csv\": \"" + H5.sha256(dir.resolve("summary.csv")) + "\"\n  }\n}\n");
    }

    /** The problems verify counts, and what it printed. */
    private record Verified(int problems, List<String> lines) {
    }

    private Verified verify() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int problems = ProvenanceCommand.verify(dir);
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
}
