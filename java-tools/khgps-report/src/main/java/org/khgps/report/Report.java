package org.khgps.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.khgps.io.H5;
import org.khgps.io.Provenance;

/**
 * The study report: summary.csv, analysis.json, each plot as PNG and SVG in plots/, and a
 * self-contained report.html with the plots interactive (plotly.js inlined). Every file is written
 * to a temp file and renamed.
 */
public final class Report {

    /** Where the report goes: {@code analysis} and {@code plots} (a directory) may be null, then not written. */
    public record Outputs(Path html, Path summary, Path analysis, Path plots) {
    }

    private Report() {
    }

    /** @param params the run's parameters (JSON) for the provenance section, or null */
    public static void write(Study study, Outputs out, String title, String params, Provenance provenance)
            throws IOException {
        if (study.allFailed()) {
            // the summary and a page that say which points failed and why; nothing to plot or analyse
            H5.writeTextAtomically(out.summary(), SummaryCsv.of(study));
            if (out.analysis() != null) {
                H5.writeTextAtomically(out.analysis(), "{\"points\": [], \"failed_points\": " + study.failed().size() + "}\n");
            }
            if (out.plots() != null) {
                Files.createDirectories(out.plots());
            }
            H5.writeTextAtomically(out.html(), Page.allFailed(title, study.failed()));
            return;
        }
        String plotly = PlotlyAsset.script(); // its checksum is checked before anything is written
        H5.writeTextAtomically(out.summary(), SummaryCsv.of(study));
        if (out.analysis() != null) {
            H5.writeTextAtomically(out.analysis(), AnalysisJson.of(study.analysis(), study.sizes()));
        }
        List<Figures.Drawn> figures = Figures.draw(study);
        if (out.plots() != null) {
            Files.createDirectories(out.plots());
            for (Figures.Drawn f : figures) {
                write(out.plots(), f.name() + ".png", Plots.png(f.chart(), f.width(), f.height()));
                write(out.plots(), f.name() + ".svg", Plots.svg(f.chart(), f.width(), f.height()));
            }
        }
        H5.writeTextAtomically(out.html(), Page.report(title, study, figures, params, provenance, plotly));
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
