package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khgps.io.DatasetDocs;

/**
 * Every dataset of every kind of file the tools write says its units and what it holds, as
 * DatasetDocs has them, and docs/hdf5-schema.md shows that same table.
 */
class DatasetDocsTest {

    private static final Path SCHEMA_DOC = Path.of("../../docs/hdf5-schema.md");
    private static final String BEGIN = "<!-- dataset docs: begin (generated from DatasetDocs) -->";
    private static final String END = "<!-- dataset docs: end -->";

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(String... args) {
        CliTest.Run r = CliTest.khgps(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    }

    @Test
    void everyDatasetOfARealStudyCarriesItsUnitsAndDescription() throws Exception {
        ok("sample", "--N", "32", "--h", "0.01", "--J", "0.2", "--kappa0", "1", "--seed", "3", "--count", "2", "--out", p("disorder.h5"));
        ok("minimize", "--in", p("disorder.h5"), "--out", p("minima.h5"));
        ok("minimize", "--in", p("disorder.h5"), "--out", p("minima_flip.h5"), "--protocol", "flip");
        ok("diagonalize", "--in", p("minima_flip.h5"), "--out", p("lowest_flip.h5"), "--spectrum", "lowest", "--modes", "4");
        ok("histogram", "--out", p("dos_flip.h5"), p("minima_flip.h5"), p("lowest_flip.h5"));
        ok("diagonalize", "--in", p("minima.h5"), "--out", p("spectra.h5"));
        ok("diagonalize", "--in", p("minima.h5"), "--out", p("lowest.h5"), "--spectrum", "lowest", "--modes", "4", "--save-vectors", "2");
        ok("histogram", "--out", p("dos.h5"), p("minima.h5"), p("spectra.h5"));
        ok("histogram", "--out", p("dos_lowest.h5"), p("minima.h5"), p("lowest.h5"));
        ok("fit", "--in", p("dos.h5"), "--out", p("fit.h5"), "--min-modes", "4");
        ok("theory", "--dos", p("dos.h5"), "--out", p("theory.h5"));
        Set<String> seen = new TreeSet<>();
        for (String f : new String[] {"disorder", "minima", "minima_flip", "spectra", "lowest", "dos", "dos_lowest", "dos_flip",
            "fit", "theory"}) {
            try (HdfFile h = new HdfFile(dir.resolve(f + ".h5"))) {
                for (Node n : h.getChildren().values()) {
                    if (n instanceof Dataset d) {
                        DatasetDocs.Doc doc = DatasetDocs.of(d.getName());
                        assertEquals(doc.units(), d.getAttribute("units").getData(), f + ": " + d.getName());
                        assertEquals(doc.description(), d.getAttribute("description").getData(), f + ": " + d.getName());
                        seen.add(d.getName());
                    }
                }
            }
        }
        // and no entry of the table documents a dataset nothing writes any more
        assertEquals(DatasetDocs.DOCS.keySet(), seen);
    }

    @Test
    void theSchemaDocShowsTheSameTable() throws Exception {
        GeneratedDoc.check(SCHEMA_DOC, BEGIN, END, DatasetDocs.markdownTable(),
                "KHGPS_WRITE_DOCS=1 mvn -B -o -pl java-tools/khgps-cli -am test -Dtest=DatasetDocsTest");
    }
}
