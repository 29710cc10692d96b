package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.khgps.core.NumericalFailure;
import org.khgps.core.stage.InputMismatch;
import org.khgps.core.stage.PointDos;
import org.khgps.io.BadInputException;
import org.khgps.io.DamagedFileException;
import org.khgps.io.H5;

/**
 * One test per exit code, each from a failure of its kind; and the copies of the codes outside Java
 * (bin/khgps-point-stage, conf/base.config, docs/usage.md) agree with {@link ExitCode}.
 */
class ExitCodeTest {

    private static final Path ROOT = Path.of("../..");

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void badInputExits2() {
        CliTest.Run run = CliTest.khgps("sample", "--N", "1", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "1",
                "--out", p("d.h5"));
        assertEquals(2, ExitCode.BAD_INPUT.code());
        assertEquals(ExitCode.BAD_INPUT.code(), run.code(), run.err());
        assertTrue(run.err().contains("--N must be >= 2"), run.err());
    }

    @Test
    void aWriteTheFilesystemRefusesExits6SoThePipelineRetriesIt() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("readonly"));
        assertTrue(readOnly.toFile().setWritable(false));
        // root writes into read-only directories; /proc refuses even root
        Path out = "root".equals(System.getProperty("user.name")) ? Path.of("/proc/d.h5") : readOnly.resolve("d.h5");

        CliTest.Run run = CliTest.khgps("sample", "--N", "8", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "1",
                "--out", out.toString());

        assertEquals(6, ExitCode.IO_FAILURE.code());
        assertEquals(ExitCode.IO_FAILURE.code(), run.code(), run.err());
        assertTrue(run.err().contains("is not writable"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aNumericalFailureExits4() {
        CliTest.Run run = CliTest.khgps("theory", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--max-iterations", "3",
                "--out", p("t.h5"));
        assertEquals(4, ExitCode.NUMERICAL_FAILURE.code());
        assertEquals(ExitCode.NUMERICAL_FAILURE.code(), run.code(), run.err());
        assertTrue(run.err().contains("numerical failure: ") && run.err().contains("did not converge"), run.err());
    }

    @Test
    void aTruncatedInputExits5() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "16", "--h", "0.01", "--J", "0.1", "--kappa0", "1", "--seed", "1",
                "--count", "2", "--out", p("d.h5")).code());
        byte[] whole = Files.readAllBytes(dir.resolve("d.h5"));
        Files.write(dir.resolve("cut.h5"), Arrays.copyOf(whole, whole.length / 2));

        CliTest.Run run = CliTest.khgps("minimize", "--in", p("cut.h5"), "--out", p("m.h5"));

        assertEquals(5, ExitCode.DAMAGED_INPUT.code());
        assertEquals(ExitCode.DAMAGED_INPUT.code(), run.code(), run.err());
        assertTrue(run.err().contains("is truncated"), run.err());
    }

    /** What a stand-in command does. */
    private interface Body {
        void run() throws Exception;
    }

    /** Runs a stand-in command registered under {@code name} for the call. */
    private static CliTest.Run failing(String name, Body body) {
        Main.COMMANDS.put(name, new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return "";
            }

            @Override
            public String description() {
                return "fails on purpose (ExitCodeTest)";
            }

            @Override
            public Options options() {
                return new Options();
            }

            @Override
            public void run(CommandLine line, Invocation invocation) throws Exception {
                body.run();
            }
        });
        try {
            return CliTest.khgps(name);
        } finally {
            Main.COMMANDS.remove(name);
        }
    }

    @Test
    void anIntegerOverflowIsAnInternalErrorNotPhysics() {
        CliTest.Run run = failing("overflow", () -> Math.multiplyExact(Integer.MAX_VALUE, 2));

        assertEquals(1, ExitCode.INTERNAL.code());
        assertEquals(ExitCode.INTERNAL.code(), run.code(), run.err());
        assertTrue(run.err().contains("internal error: java.lang.ArithmeticException: integer overflow"), run.err());
        assertTrue(run.err().contains("\tat java.base/java.lang.Math.multiplyExact"), "the stack trace says where: " + run.err());
    }

    @Test
    void anIllegalArgumentFromABugIsAnInternalErrorWithItsStackTrace() {
        // a core precondition broken by the code, not by the user: no option or file to blame
        CliTest.Run run = failing("bug", () -> new org.khgps.core.Lanes(0, 1));

        assertEquals(ExitCode.INTERNAL.code(), run.code(), run.err());
        assertTrue(run.err().contains("internal error: java.lang.IllegalArgumentException"), run.err());
        assertTrue(run.err().contains("\tat org.khgps.core.Lanes.<init>"), run.err());
    }

    @Test
    void anOptionTheCoreRefusesIsBadInputNamingIt() {
        CliTest.Run run = CliTest.khgps("sample", "--N", "8", "--h", "-0.5", "--J", "0.1", "--kappa0", "1", "--seed", "1",
                "--out", p("d.h5"));
        assertEquals(ExitCode.BAD_INPUT.code(), run.code(), run.err());
        assertTrue(run.err().contains("khgps sample: h must be >= 0, got -0.5"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace for bad input: " + run.err());
    }

    @Test
    void noConvergedRealizationIsANumericalFailure() throws Exception {
        assertEquals(0, CliTest.khgps("sample", "--N", "16", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "1",
                "--count", "2", "--out", p("d.h5")).code());
        assertEquals(0, CliTest.khgps("minimize", "--in", p("d.h5"), "--out", p("m.h5"), "--max-iterations", "1").code());
        assertEquals(0, CliTest.khgps("diagonalize", "--in", p("m.h5"), "--out", p("s.h5")).code());

        CliTest.Run run = CliTest.khgps("histogram", "--out", p("dos.h5"), p("m.h5"), p("s.h5"));

        assertEquals(ExitCode.NUMERICAL_FAILURE.code(), run.code(), run.err());
        assertTrue(run.err().contains("no realization of point ") && run.err().contains(" converged"), run.err());
    }

    /** bin/khgps --version with KHGPS_JAR set: its exit code and output. */
    private static CliTest.Run binKhgps(Path jar) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/khgps").toAbsolutePath().toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("KHGPS_JAR", jar.toString());
        Process run = pb.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CliTest.Run(run.waitFor(), out);
    }

    @Test
    void aMissingJarStopsTheRunInsteadOfFailingThePoint() throws Exception {
        CliTest.Run missing = binKhgps(dir.resolve("nowhere/khgps.jar"));
        // a file there (not a jar: java itself then fails) gets past the check
        CliTest.Run there = binKhgps(Files.createFile(dir.resolve("empty.jar")));

        assertEquals(ExitCode.TOOLS_MISSING.code(), missing.code(), missing.err());
        assertTrue(missing.err().contains("the tools are not built"), missing.err());
        assertTrue(there.code() != ExitCode.TOOLS_MISSING.code() && !there.err().contains("not built"), there.err());
        // not the point's fault: passed on by bin/khgps-point-stage (below) and never retried
        assertEquals(ExitCode.InPipeline.RUN_STOPS, ExitCode.TOOLS_MISSING.inPipeline());
    }

    @Test
    void verifyExits7OnAModifiedFile() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("summary.csv"), "point_id,N\nabc,8\n");
        Files.writeString(results.resolve("study.json"), "{\n  \"points\": [],\n  \"files\": {\n    \"summary.csv\": \""
                + H5.sha256(results.resolve("summary.csv")) + "\"\n  }\n}\n");
        Files.writeString(results.resolve("ro-crate-metadata.json"), "{\"@graph\": [{\"@id\": \"study.json\", \"sha256\": \""
                + H5.sha256(results.resolve("study.json")) + "\"}]}\n");
        assertEquals(0, CliTest.khgps("provenance", "verify", results.toString()).code());

        Files.writeString(results.resolve("summary.csv"), "point_id,N\nabc,9\n");
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CliTest.Run run;
        try {
            run = CliTest.khgps("provenance", "verify", results.toString());
        } finally {
            System.setOut(old);
        }

        assertEquals(7, ExitCode.VERIFICATION_FAILED.code());
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), run.code(), run.err());
        assertTrue(run.err().contains("1 problem(s)"), run.err());
        assertEquals(ExitCode.BAD_INPUT.code(), CliTest.khgps("provenance", "verify", p("nowhere")).code(), "not a results folder");
    }

    /** Every kind of failure the tools can meet, and its code. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new BadInputException("x"), ExitCode.BAD_INPUT),
                Arguments.of(new ParseException("x"), ExitCode.BAD_INPUT),
                Arguments.of(new MissingOptionException("--out"), ExitCode.BAD_INPUT),
                Arguments.of(new InputMismatch("x"), ExitCode.BAD_INPUT),
                // from a bug, unless the parsing layer made it bad input (Args.checked)
                Arguments.of(new IllegalArgumentException("x"), ExitCode.INTERNAL),
                Arguments.of(new NumberFormatException("x"), ExitCode.INTERNAL),
                Arguments.of(new DamagedFileException("x", null), ExitCode.DAMAGED_INPUT),
                Arguments.of(new NotEnoughMemory("x"), ExitCode.OUT_OF_MEMORY),
                Arguments.of(new NumericalFailure("x"), ExitCode.NUMERICAL_FAILURE),
                Arguments.of(new IOException("x"), ExitCode.IO_FAILURE),
                Arguments.of(new java.nio.file.NoSuchFileException("x"), ExitCode.IO_FAILURE),
                Arguments.of(new UncheckedIOException(new IOException("x")), ExitCode.IO_FAILURE),
                Arguments.of(new ProvenanceCommand.VerificationFailed("x"), ExitCode.VERIFICATION_FAILED),
                // histogram turns it into an IOException (exit 6, retried); met anywhere else it is a bug
                Arguments.of(changedWhileReading(), ExitCode.INTERNAL),
                Arguments.of(new ArithmeticException("/ by zero"), ExitCode.INTERNAL),
                Arguments.of(new IllegalStateException("x"), ExitCode.INTERNAL),
                Arguments.of(new NullPointerException("x"), ExitCode.INTERNAL));
    }

    private static Exception changedWhileReading() {
        try {
            var constructor = PointDos.ChangedWhileReading.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance("x");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachKindOfFailureHasItsCode(Exception failure, ExitCode code) {
        assertEquals(code, ExitCode.of(failure), failure.toString());
    }

    @Test
    void theTableHasEveryExceptionTheProjectDefines() throws Exception {
        Set<Class<?>> inTable = failures().map(a -> a.get()[0].getClass()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Class<?> c : ProjectClasses.all()) {
            if (Throwable.class.isAssignableFrom(c) && !inTable.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertTrue(missing.isEmpty(), "exceptions without a row in failures(): " + missing);
    }

    @Test
    void theCodesAreDistinctAndTheUsageListsThemAll() {
        assertEquals(ExitCode.values().length, Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count());
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[] {"--help"}));
        } finally {
            System.setOut(old);
        }
        String usage = buffer.toString(StandardCharsets.UTF_8);
        for (ExitCode c : ExitCode.values()) {
            assertTrue(usage.contains("  " + c.code() + "  " + c.meaning()), c + " in:\n" + usage);
        }
    }

    @Test
    void pointStagePassesOnExactlyTheCodesThatAreNotThePointsFault() throws Exception {
        for (ExitCode c : ExitCode.values()) {
            Path work = Files.createDirectories(dir.resolve("task" + c.code()));
            Process stage = new ProcessBuilder(ROOT.resolve("bin/khgps-point-stage").toAbsolutePath().toString(), "bash", "-c",
                    "echo 'khgps fit: failed on purpose' >&2; exit " + c.code())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = stage.waitFor();
            Path failed = work.resolve("point_failed.txt");
            if (c.inPipeline() == ExitCode.InPipeline.POINT_FAILS) {
                assertEquals(0, rc, c.toString());
                assertEquals("khgps fit: failed on purpose (exit " + c.code() + ")\n", Files.readString(failed), c.toString());
            } else {
                assertEquals(c.code(), rc, c + " is passed on");
                assertFalse(Files.exists(failed), c.toString());
            }
        }
    }

    @Test
    void thePipelineRetriesExactlyTheRetriedCodes() throws Exception {
        String config = Files.readString(ROOT.resolve("conf/base.config"));
        Matcher m = Pattern.compile("errorStrategy\\s*=\\s*\\{\\s*task\\.exitStatus in \\[([0-9, ]+)]").matcher(config);
        assertTrue(m.find(), "the errorStrategy line of conf/base.config");
        List<Integer> tools = new ArrayList<>();
        for (String code : m.group(1).split(",")) {
            int value = Integer.parseInt(code.trim());
            // above 100: the executor's and the kernel's (killed, cancelled), not the tools'
            if (value < 100) {
                tools.add(value);
            }
        }
        assertEquals(ExitCode.codes(ExitCode.InPipeline.RETRIED), List.copyOf(new TreeSet<>(tools)));
    }

    private static final Path USAGE_DOC = ROOT.resolve("docs/usage.md");
    private static final String BEGIN = "<!-- exit codes: begin (generated from org.khgps.cli.ExitCode; ExitCodeTest) -->";
    private static final String END = "<!-- exit codes: end -->";

    @Test
    void theUsageDocShowsTheTable() throws Exception {
        GeneratedDoc.check(USAGE_DOC, BEGIN, END, ExitCode.markdownTable(),
                "KHGPS_WRITE_DOCS=1 mvn -B -o -pl java-tools/khgps-cli -am test -Dtest=ExitCodeTest");
    }
}
