package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input exits 2 with a message naming the parameter or file, and writes nothing. */
class BadInputTest {

    @TempDir
    Path dir;

    @BeforeEach
    void validFiles() throws Exception {
        String[][] point = {{"--N", "32", "--h", "0.01", "--J", "0.1", "--kappa0", "1"},
                            {"--N", "32", "--h", "0.01", "--J", "0.2", "--kappa0", "1"}};
        for (int k = 0; k < 2; k++) {
            String tag = k == 0 ? "" : "_other";
            String[] args = concat(new String[] {"sample"}, point[k], new String[] {"--seed", "1", "--count", "2",
                "--out", dir.resolve("disorder" + tag + ".h5").toString()});
            assertEquals(0, CliTest.khgps(args).code());
            assertEquals(0, CliTest.khgps("minimize", "--in", dir.resolve("disorder" + tag + ".h5").toString(), "--out",
                    dir.resolve("minima" + tag + ".h5").toString()).code());
            assertEquals(0, CliTest.khgps("diagonalize", "--in", dir.resolve("minima" + tag + ".h5").toString(), "--out",
                    dir.resolve("spectra" + tag + ".h5").toString()).code());
        }
        // the other point's minima under this point's name: files are told apart by their point, not their name
        Files.createDirectories(dir.resolve("other"));
        Files.copy(dir.resolve("minima_other.h5"), dir.resolve("other").resolve("minima.h5"));
        Files.writeString(dir.resolve("notes.txt"), "not an HDF5 file\n");
        byte[] minima = Files.readAllBytes(dir.resolve("minima.h5"));
        Files.write(dir.resolve("truncated.h5"), java.util.Arrays.copyOf(minima, minima.length / 2));
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        N below 2              | sample --N 1 --h 0.01 --J 0.1 --kappa0 1 --seed 1 --out OUT            | --N must be >= 2
        N not a number         | sample --N many --h 0.01 --J 0.1 --kappa0 1 --seed 1 --out OUT         | --N must be an integer
        negative kappa0        | sample --N 8 --h 0.01 --J 0.1 --kappa0 -1 --seed 1 --out OUT           | kappa0 must be > 0
        NaN J                  | sample --N 8 --h 0.01 --J NaN --kappa0 1 --seed 1 --out OUT            | --J must be a finite number
        negative h             | sample --N 8 --h -0.5 --J 0.1 --kappa0 1 --seed 1 --out OUT            | h must be >= 0
        missing option         | sample --N 8 --h 0.01 --J 0.1 --seed 1 --out OUT                       | Missing required option: kappa0
        unknown option         | sample --N 8 --bogus 1                                                 | Unrecognized option: --bogus
        zero count             | sample --N 8 --h 0.01 --J 0.1 --kappa0 1 --seed 1 --count 0 --out OUT  | --count must be >= 1
        missing input          | minimize --in DIR/absent.h5 --out OUT                                  | absent.h5 does not exist
        not HDF5               | minimize --in DIR/notes.txt --out OUT                                  | is not a readable HDF5 file: it lacks the HDF5 signature
        truncated HDF5         | diagonalize --in DIR/truncated.h5 --out OUT                            | truncated.h5
        wrong kind             | diagonalize --in DIR/spectra.h5 --out OUT                              | is a spectra file, expected a minima file
        mixed study points     | histogram --out OUT DIR/minima.h5 DIR/spectra.h5 DIR/minima_other.h5 DIR/spectra_other.h5 | different study points
        mixed points, one name | histogram --out OUT DIR/other/minima.h5 DIR/spectra.h5                 | different study points
        spectra missing        | histogram --out OUT DIR/minima.h5                                      | spectra files hold none
        missing output dir     | minimize --in DIR/disorder.h5 --out DIR/nowhere/minima.h5              | does not exist
        bad tolerance          | minimize --in DIR/disorder.h5 --out OUT --tolerance -1                 | tolerance must be
        bad tail switch        | minimize --in DIR/disorder.h5 --out OUT --precondition-below 1         | precondition-below must be in [0, 1), got 1.0
        unknown solver         | diagonalize --in DIR/minima.h5 --out OUT --solver magic                | solver must be one of auto, lapack, ejml
        unknown spectrum       | diagonalize --in DIR/minima.h5 --out OUT --spectrum half               | --spectrum must be full or lowest, got 'half'
        modes above N          | diagonalize --in DIR/minima.h5 --out OUT --spectrum lowest --modes 33  | --modes must be <= N = 32, got 33
        zero modes             | diagonalize --in DIR/minima.h5 --out OUT --spectrum lowest --modes 0   | --modes must be >= 1, got 0
        modes with full        | diagonalize --in DIR/minima.h5 --out OUT --modes 4                     | --modes needs --spectrum lowest
        more vectors than modes | diagonalize --in DIR/minima.h5 --out OUT --spectrum lowest --modes 4 --save-vectors 5 | --save-vectors must be <= --modes = 4, got 5
        theory: wrong kind     | theory --dos DIR/spectra.h5 --out OUT                                  | is a spectra file, expected a dos file
        theory: dos and J      | theory --dos DIR/spectra.h5 --J 0.1 --out OUT                          | --J comes from the dos file
        theory: no J           | theory --h 0.01 --kappa0 1 --out OUT                                   | --J is required
        theory: bad bins       | theory --h 0.01 --J 0.1 --kappa0 1 --omega-min 2 --omega-max 1 --out OUT | need 0 < --omega-min < --omega-max
        unknown command        | optimize --in x                                                        | unknown command 'optimize'
        """)
    void exitsTwoNamingTheProblem(String what, String command, String message) {
        String[] args = command.trim().replace("DIR", dir.toString()).replace("OUT", dir.resolve("out.h5").toString())
                .split("\\s+");
        CliTest.Run run = CliTest.khgps(args);
        // a file that is not readable HDF5 has its own exit code: in the pipeline it was damaged after it was
        // written, not the point's fault
        boolean damaged = what.startsWith("truncated") || what.equals("not HDF5");
        assertEquals(damaged ? ExitCode.DAMAGED_INPUT.code() : 2, run.code(), what + ": " + run.err());
        assertTrue(run.err().contains(message.trim()), what + ": message was: " + run.err());
        assertFalse(Files.exists(dir.resolve("out.h5")), "no output written");
    }
}
