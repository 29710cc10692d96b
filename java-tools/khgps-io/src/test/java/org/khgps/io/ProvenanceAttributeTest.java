package org.khgps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DosFile's realization ranges come from /provenance: a file without it is bad input, said as such. */
class ProvenanceAttributeTest {

    @TempDir
    Path dir;

    @Test
    void aMissingGroupOrAttributeIsNamed() throws Exception {
        Path bare = dir.resolve("bare.h5");
        H5.writeAtomically(bare, f -> f.putAttribute("kind", DosFile.KIND));
        Path with = dir.resolve("with.h5");
        H5.writeAtomically(with, f -> f.putGroup("provenance").putAttribute("realizations", "0-7"));

        try (HdfFile f = new HdfFile(bare)) {
            BadInputException e = assertThrows(BadInputException.class, () -> H5.provenance(f, bare, "realizations"));
            assertTrue(e.getMessage().contains(bare + " lacks its provenance group"), e.getMessage());
        }
        try (HdfFile f = new HdfFile(with)) {
            assertEquals("0-7", H5.provenance(f, with, "realizations"));
            BadInputException e = assertThrows(BadInputException.class, () -> H5.provenance(f, with, "seed"));
            assertTrue(e.getMessage().contains("lacks the provenance attribute 'seed'"), e.getMessage());
        }
    }
}
