package org.khgps.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.khgps.io.BadInputException;

/**
 * {@code khgps <stage> [options]}: one subcommand per pipeline stage. Exit codes: 0 success,
 * 2 bad arguments or bad input (the message names the parameter or file), 3 not enough memory
 * (checked before starting; the JVM flag -XX:+ExitOnOutOfMemoryError also exits 3), 4 numerical
 * failure (non-finite values, or a point failed by --policy fail), 5 an input file damaged after it
 * was written (truncated, a dataset failing its checksum: the message says how to remake it),
 * 1 internal failure.
 */
public final class Main {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int OUT_OF_MEMORY = 3;
    public static final int NUMERICAL_FAILURE = 4;
    /** An input file damaged after it was written (truncated, a checksum mismatch): recover it, then -resume. */
    public static final int DAMAGED_INPUT = 5;

    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new SampleCommand(), new MinimizeCommand(), new DiagonalizeCommand(),
            new HistogramCommand(), new FitCommand(), new TheoryCommand(), new ReportCommand(), new ProvenanceCommand()}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code (the tests call this in-process). */
    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return args.length == 0 ? BAD_INPUT : OK;
        }
        if (args[0].equals("--version")) {
            System.out.println("khgps " + ToolInfo.version());
            return OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("khgps: unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet()));
            return BAD_INPUT;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Options options = command.options();
        options.addOption(null, "help", false, "print this help and exit");
        options.addOption(null, "version", false, "print the tool version and exit");
        try {
            for (String a : rest) {
                if (a.equals("--help")) {
                    help(command, options);
                    return OK;
                }
                if (a.equals("--version")) {
                    System.out.println("khgps " + command.name() + " " + ToolInfo.version());
                    return OK;
                }
            }
            CommandLine line = new DefaultParser().parse(options, rest);
            command.run(line, new Invocation(command.name(), args));
            return OK;
        } catch (ParseException e) {
            System.err.println("khgps " + command.name() + ": " + e.getMessage() + " (see khgps " + command.name() + " --help)");
            return BAD_INPUT;
        } catch (ProvenanceCommand.VerificationFailed e) {
            System.err.println("khgps " + command.name() + ": " + e.getMessage());
            return ProvenanceCommand.MISMATCH;
        } catch (org.khgps.io.DamagedFileException e) {
            System.err.println("khgps " + command.name() + ": " + e.getMessage());
            return DAMAGED_INPUT;
        } catch (BadInputException | IllegalArgumentException e) {
            System.err.println("khgps " + command.name() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (NotEnoughMemory e) {
            System.err.println("khgps " + command.name() + ": " + e.getMessage());
            return OUT_OF_MEMORY;
        } catch (java.io.IOException e) {
            // inputs are checked on reading (BadInputException): what is left is writing outputs
            System.err.println("khgps " + command.name() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (org.khgps.core.NumericalFailure e) {
            System.err.println("khgps " + command.name() + ": numerical failure: " + e.getMessage());
            return NUMERICAL_FAILURE;
        } catch (Exception e) {
            System.err.println("khgps " + command.name() + ": internal error: " + e);
            e.printStackTrace();
            return INTERNAL_ERROR;
        }
    }

    private static void usage() {
        System.out.println("usage: khgps <command> [options]   (khgps <command> --help for its options)");
        System.out.println();
        COMMANDS.values().forEach(c -> System.out.printf("  %-12s %s%n", c.name(), c.description()));
        System.out.println();
        System.out.println("exit codes: 0 success, 2 bad arguments or input, 3 out of memory, 4 numerical failure, 1 internal error");
    }

    private static void help(Command command, Options options) {
        HelpFormatter formatter = new HelpFormatter();
        PrintWriter out = new PrintWriter(System.out, true);
        formatter.printHelp(out, 100, "khgps " + command.name() + " " + command.usage(),
                command.description() + "\n\n", options, 2, 2,
                "\nExit codes: 0 success, 2 bad arguments or input, 3 out of memory, 4 numerical failure, 1 internal error.",
                false);
    }
}
