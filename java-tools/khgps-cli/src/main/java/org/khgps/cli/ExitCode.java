package org.khgps.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.ParseException;
import org.khgps.core.NumericalFailure;
import org.khgps.core.stage.InputMismatch;
import org.khgps.io.BadInputException;
import org.khgps.io.DamagedFileException;

/**
 * The one list of what a khgps exit code means. The usage and help texts and docs/usage.md's table
 * are generated from it; bin/khgps-point-stage and the retry policy in conf/base.config copy the
 * codes, and ExitCodeTest fails if either drifts from {@link #inPipeline}.
 */
public enum ExitCode {
    OK(0, "success", InPipeline.SUCCESS),
    INTERNAL(1, "internal error: a bug (the message and a stack trace say where)", InPipeline.POINT_FAILS),
    BAD_INPUT(2, "bad arguments or input: the message names the parameter or file", InPipeline.POINT_FAILS),
    OUT_OF_MEMORY(3, "not enough memory (said before starting, or the JVM ran out)", InPipeline.RETRIED),
    NUMERICAL_FAILURE(4, "numerical failure: non-finite values, no convergence, no realization of the point "
            + "converged, too few modes for the fit window, a point failed by --failed-realizations fail",
            InPipeline.POINT_FAILS),
    DAMAGED_INPUT(5, "an input file damaged after it was written (truncated, a checksum mismatch): the message says "
            + "how to remake it", InPipeline.RUN_STOPS),
    IO_FAILURE(6, "reading or writing a file failed (a full disk, a network filesystem error): may work when run "
            + "again", InPipeline.RETRIED),
    VERIFICATION_FAILED(7, "khgps provenance verify: the results folder does not match its study.json",
            InPipeline.NOT_A_STAGE),
    /** bin/khgps's, before any Java runs: a node that cannot see the jar fails every task, not one point. */
    TOOLS_MISSING(8, "bin/khgps found no tools' jar (not built, or not visible where the task ran): the message "
            + "says how to build it", InPipeline.RUN_STOPS);

    /** What bin/khgps-point-stage and conf/base.config do with a stage's exit code. */
    public enum InPipeline {
        SUCCESS("-"),
        /** point_failed.txt: the point is reported failed, the other points go on (--failed_points). */
        POINT_FAILS("the point fails, the others go on (--failed_points)"),
        /** passed on; conf/base.config retries the task with more memory and time. */
        RETRIED("retried with more memory and time (conf/base.config)"),
        /** passed on; not retried: the run stops with the tool's message. */
        RUN_STOPS("the run stops"),
        /** only the provenance tool exits with it. */
        NOT_A_STAGE("(not a stage)");

        private final String text;

        InPipeline(String text) {
            this.text = text;
        }
    }

    private final int code;
    private final String meaning;
    private final InPipeline inPipeline;

    ExitCode(int code, String meaning, InPipeline inPipeline) {
        this.code = code;
        this.meaning = meaning;
        this.inPipeline = inPipeline;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public InPipeline inPipeline() {
        return inPipeline;
    }

    /**
     * The code a command's failure exits with: the one place that maps failures to codes. Bad input
     * is what says so (a BadInputException, a ParseException of the options, an InputMismatch
     * between input files); an IllegalArgumentException is a bug unless the parsing layer turned
     * it into bad input ({@link Args#checked}), so it exits 1 with its stack trace.
     */
    static ExitCode of(Exception e) {
        if (e instanceof ProvenanceCommand.VerificationFailed) {
            return VERIFICATION_FAILED;
        }
        if (e instanceof DamagedFileException) {
            return DAMAGED_INPUT;
        }
        if (e instanceof BadInputException || e instanceof ParseException || e instanceof InputMismatch) {
            return BAD_INPUT;
        }
        if (e instanceof NotEnoughMemory) {
            return OUT_OF_MEMORY;
        }
        if (e instanceof NumericalFailure) {
            return NUMERICAL_FAILURE;
        }
        // inputs that are missing or unreadable are refused as bad input before this (H5.open, Args):
        // what arrives here is a filesystem failing while reading or writing
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return IO_FAILURE;
        }
        // the JVM's ArithmeticException (an integer overflow) is a bug too, not a numerical failure
        return INTERNAL;
    }

    /** The codes of one pipeline outcome, ascending. */
    static List<Integer> codes(InPipeline outcome) {
        return Arrays.stream(values()).filter(c -> c.inPipeline == outcome).map(ExitCode::code).toList();
    }

    /** One line per code, for the usage and help texts. */
    static String lines(String indent) {
        return Arrays.stream(values()).map(c -> indent + c.code + "  " + c.meaning).collect(Collectors.joining("\n"));
    }

    /** The table in docs/usage.md ("Exit codes"). */
    static String markdownTable() {
        StringBuilder out = new StringBuilder("| exit | meaning | in the pipeline |\n| --- | --- | --- |\n");
        for (ExitCode c : values()) {
            out.append("| ").append(c.code).append(" | ").append(c.meaning).append(" | ").append(c.inPipeline.text)
                    .append(" |\n");
        }
        return out.toString();
    }
}
