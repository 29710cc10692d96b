package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a doc generated from code, between a begin and an end marker line: the test fails if
 * the doc shows something else; {@code KHGPS_WRITE_DOCS=1} writes the generated text in first.
 */
final class GeneratedDoc {

    private GeneratedDoc() {
    }

    /** @param rerun the command that regenerates the doc, said when it differs */
    static void check(Path doc, String begin, String end, String generated, String rerun) throws IOException {
        String text = Files.readString(doc);
        int from = text.indexOf('\n', text.indexOf(begin)) + 1;
        int to = text.indexOf(end);
        if ("1".equals(System.getenv("KHGPS_WRITE_DOCS"))) {
            text = text.substring(0, from) + generated + text.substring(to);
            Files.writeString(doc, text);
            to = text.indexOf(end);
        }
        assertTrue(text.contains(begin) && to > from, "markers in " + doc);
        assertEquals(generated, text.substring(from, to), doc + " differs from the code; if the code is right: " + rerun);
    }
}
