package org.khgps.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code khgps <stage> [options]}: one subcommand per pipeline stage. What each exit code means is
 * {@link ExitCode}'s to say; a failure becomes its code in {@link ExitCode#of}.
 */
public final class Main {

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
            return (args.length == 0 ? ExitCode.BAD_INPUT : ExitCode.OK).code();
        }
        if (args[0].equals("--version")) {
            System.out.println("khgps " + ToolInfo.version());
            return ExitCode.OK.code();
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("khgps: unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet()));
            return ExitCode.BAD_INPUT.code();
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Options options = command.options();
        options.addOption(null, "help", false, "print this help and exit");
        options.addOption(null, "version", false, "print the tool version and exit");
        try {
            for (String a : rest) {
                if (a.equals("--help")) {
                    help(command, options);
                    return ExitCode.OK.code();
                }
                if (a.equals("--version")) {
                    System.out.println("khgps " + command.name() + " " + ToolInfo.version());
                    return ExitCode.OK.code();
                }
            }
            CommandLine line = new DefaultParser().parse(options, rest);
            command.run(line, new Invocation(command.name(), args));
            return ExitCode.OK.code();
        } catch (Exception e) {
            ExitCode code = ExitCode.of(e);
            String prefix = "khgps " + command.name() + ": ";
            switch (code) {
                case BAD_INPUT -> System.err.println(prefix + e.getMessage()
                        + (e instanceof ParseException ? " (see khgps " + command.name() + " --help)" : ""));
                case NUMERICAL_FAILURE -> System.err.println(prefix + "numerical failure: " + e.getMessage());
                case INTERNAL -> {
                    System.err.println(prefix + "internal error: " + e);
                    e.printStackTrace();
                }
                default -> System.err.println(prefix + e.getMessage());
            }
            return code.code();
        }
    }

    private static void usage() {
        System.out.println("usage: khgps <command> [options]   (khgps <command> --help for its options)");
        System.out.println();
        COMMANDS.values().forEach(c -> System.out.printf("  %-12s %s%n", c.name(), c.description()));
        System.out.println();
        System.out.println("exit codes:");
        System.out.println(ExitCode.lines("  "));
    }

    private static void help(Command command, Options options) {
        HelpFormatter formatter = new HelpFormatter();
        PrintWriter out = new PrintWriter(System.out, true);
        formatter.printHelp(out, 100, "khgps " + command.name() + " " + command.usage(),
                command.description() + "\n\n", options, 2, 2,
                "\nExit codes:\n" + ExitCode.lines("  "),
                false);
    }
}
