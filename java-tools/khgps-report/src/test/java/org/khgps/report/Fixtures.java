package org.khgps.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.khgps.core.CavityTheory;
import org.khgps.core.Eigensolver;
import org.khgps.core.Lanes;
import org.khgps.core.Minimizer;
import org.khgps.core.StudyPoint;
import org.khgps.core.stage.DisorderChunk;
import org.khgps.core.stage.MinimaChunk;
import org.khgps.core.stage.PointDos;
import org.khgps.core.stage.PointFit;
import org.khgps.core.stage.PointTheory;
import org.khgps.core.stage.SpectraChunk;
import org.khgps.io.Provenance;

/** Small real study points for the report's tests, made by the stages as functions (no files, no CLI). */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code count} realizations of (N, h = 0.01, J, kappa0 = 1), fitted over the lowest 5% (at least 10 modes), with the RS theory. */
    static Study.Point point(int n, double j, long seed, int count) throws Exception {
        StudyPoint pt = new StudyPoint(n, 0.01, j, 1.0);
        MinimaChunk minima = MinimaChunk.minimize(DisorderChunk.sample(pt, seed, 0, count), Minimizer.Settings.defaults(),
                new Lanes(1, 1), false, s -> { });
        SpectraChunk spectra = SpectraChunk.full(minima, Eigensolver.named("ejml"), new Lanes(1, 1), s -> { });
        PointDos dos = PointDos.pool(pt, seed, List.of(minima), List.of(spectra), PointDos.Policy.EXCLUDE, 40, 100, s -> { });
        PointFit fit = PointFit.fit(dos, new PointFit.Settings(PointFit.Window.FRACTION, 0.05, 10, 200, Double.NaN));
        PointTheory theory = PointTheory.solve(pt, seed, dos.histogram().edges(), "dos file", CavityTheory.Settings.defaults());
        return new Study.Point(dos, fit, theory);
    }

    /** The report's provenance as the report command gives it, with made-up values. */
    static Provenance provenance() {
        return new Provenance("khgps report", "test", "unknown", "java", "linalg", "khgps report", Map.of(),
                "2026-01-01T00:00:00Z", "host");
    }

    /** Writes the study's report into {@code dir} (report.html, summary.csv, analysis.json, plots/). */
    static void write(Study study, Path dir) throws Exception {
        Report.write(study, new Report.Outputs(dir.resolve("report.html"), dir.resolve("summary.csv"),
                dir.resolve("analysis.json"), dir.resolve("plots")), "KHGPS study", null, provenance());
    }
}
