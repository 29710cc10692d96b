package org.khgps.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One pipeline stage as a subcommand. */
interface Command {

    String name();

    String description();

    /** Positional arguments, for the usage line. */
    default String usage() {
        return "[options]";
    }

    Options options();

    void run(CommandLine line, Invocation invocation) throws Exception;
}
