package org.khgps.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.khgps.io.H5;
import org.khgps.report.Report;
import org.khgps.report.Study;
import org.khgps.report.StudyFiles;

/** The study report (khgps-report): this command parses its options, khgps-report reads, analyses and writes. */
final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "--out report.html --summary summary.csv [options] DOS.h5... FIT.h5... [THEORY.h5...]";
    }

    @Override
    public String description() {
        return "Write the study's summary.csv (one row per point) and report.html (self-contained: plots embedded, "
                + "works offline) from the dos and fit files of its points, with the RS theory beside them where "
                + "theory files are given.";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Args.required("out", "file", "report HTML to write"))
                .addOption(Args.required("summary", "file", "summary CSV to write"))
                .addOption(Args.optional("plots", "dir", "also write each plot as PNG and SVG into this directory"))
                .addOption(Args.optional("params", "file", "the run's parameters as JSON, shown in the provenance"))
                .addOption(Args.optional("title", "text", "report title (default 'KHGPS study')"))
                .addOption(Args.optional("analysis", "file", "also write the cross-point analysis as JSON here"))
                .addOption(Args.optional("failed", "file", "the points that failed in the pipeline (TSV: point_id, N, h, J, "
                        + "kappa0, realizations, reason[, protocol]): summary.csv rows with status failed, a section of the report"))
                .addOption(Args.optional("theory-failed", "file", "the points whose RS theory failed (TSV: point_id, reason): "
                        + "their theory columns nan, summary.csv theory_reason says why"));
    }

    @Override
    public void run(CommandLine line, Invocation invocation) throws Exception {
        List<Path> inputs = line.getArgList().stream().map(Path::of).toList();
        Path out = Args.output(line, "out", inputs);
        Path summary = Args.output(line, "summary", Stream.concat(inputs.stream(), Stream.of(out)).toList());
        Path analysis = line.hasOption("analysis") ? Args.output(line, "analysis", inputs) : null;
        Path plots = line.hasOption("plots") ? Path.of(line.getOptionValue("plots")) : null;
        String params = line.hasOption("params") ? H5.readText(Path.of(line.getOptionValue("params")), "--params") : null;
        Path failed = line.hasOption("failed") ? Path.of(line.getOptionValue("failed")) : null;
        Path theoryFailed = line.hasOption("theory-failed") ? Path.of(line.getOptionValue("theory-failed")) : null;
        Study study = StudyFiles.read(inputs, failed, theoryFailed, System.err::println);
        Report.write(study, new Report.Outputs(out, summary, analysis, plots), line.getOptionValue("title", "KHGPS study"),
                params, invocation.provenance(inputs));
        System.err.printf(study.allFailed() ? "report: all %d points failed -> %s, %s%n" : "report: %d points -> %s, %s%n",
                study.allFailed() ? study.failed().size() : study.points().size(), out, summary);
    }
}
