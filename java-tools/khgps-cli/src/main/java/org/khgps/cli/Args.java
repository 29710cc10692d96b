package org.khgps.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.khgps.io.BadInputException;

/** Typed option values with messages that name the option and what it allows. */
final class Args {

    private Args() {
    }

    static Option required(String name, String argName, String description) {
        return Option.builder().longOpt(name).hasArg().argName(argName).required().desc(description).build();
    }

    static Option optional(String name, String argName, String description) {
        return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).build();
    }

    /**
     * A value built from the user's options whose constructor checks them (a study point, a solver's
     * settings): its IllegalArgumentException is bad input (exit 2). Elsewhere one is a bug (exit 1).
     */
    static <T> T checked(java.util.function.Supplier<T> build) throws BadInputException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** One of the {@code allowed} words, or the fallback when the option is absent. */
    static String choice(CommandLine line, String name, String fallback, String... allowed) throws BadInputException {
        String value = line.getOptionValue(name, fallback);
        if (!List.of(allowed).contains(value)) {
            throw new BadInputException("--" + name + " must be " + (allowed.length == 2 ? allowed[0] + " or " + allowed[1]
                    : "one of " + String.join(", ", allowed)) + ", got '" + value + "'");
        }
        return value;
    }

    static String text(CommandLine line, String name, String fallback) {
        return line.getOptionValue(name, fallback);
    }

    static double number(CommandLine line, String name, Double fallback) throws BadInputException {
        String raw = line.getOptionValue(name);
        if (raw == null) {
            if (fallback == null) {
                throw new BadInputException("--" + name + " is required");
            }
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!Double.isFinite(v)) {
                throw new BadInputException("--" + name + " must be a finite number, got '" + raw + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + " must be a number, got '" + raw + "'");
        }
    }

    static long integer(CommandLine line, String name, Long fallback, long min) throws BadInputException {
        String raw = line.getOptionValue(name);
        long v;
        if (raw == null) {
            if (fallback == null) {
                throw new BadInputException("--" + name + " is required");
            }
            v = fallback;
        } else {
            try {
                v = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("--" + name + " must be an integer, got '" + raw + "'");
            }
        }
        if (v < min) {
            throw new BadInputException("--" + name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    static int threads(CommandLine line) throws BadInputException {
        String env = System.getenv("KHGPS_THREADS");
        long fallback = env != null && env.matches("\\d+") ? Long.parseLong(env) : Runtime.getRuntime().availableProcessors();
        return (int) integer(line, "threads", Math.max(1, fallback), 1);
    }

    static Option threadsOption() {
        return optional("threads", "n", "threads for products and LAPACK (default: $KHGPS_THREADS, else all cores)");
    }

    static Path output(CommandLine line, String name) throws BadInputException, IOException {
        Path out = Path.of(line.getOptionValue(name));
        org.khgps.io.H5.checkWritable(out);
        return out;
    }

    /** As {@link #output(CommandLine, String)}, refusing a path that is one of the tool's inputs: it would replace what it reads. */
    static Path output(CommandLine line, String name, List<Path> inputs) throws BadInputException, IOException {
        Path out = output(line, name);
        for (Path in : inputs) {
            if (sameFile(out, in)) {
                throw new BadInputException("--" + name + " " + out + " is also an input of this command (" + in
                        + "): writing it would replace what is being read; choose another --" + name);
            }
        }
        return out;
    }

    /** Same file through links or relative paths when both exist, else the same normalized absolute path. */
    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
