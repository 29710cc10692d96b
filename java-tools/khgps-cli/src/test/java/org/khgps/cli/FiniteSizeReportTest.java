package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's finite-size section on three real points that differ only in N (J = 0.3, N = 32,
 * 48, 64): analysis.json's lines to N to infinity against numpy's weighted polyfit of the same
 * values, the figures and the section; and nothing of it where no two points differ only in N.
 */
class FiniteSizeReportTest {

    @TempDir
    static Path dir;

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeAll
    static void threeSizes() {
        for (String n : new String[] {"32", "48", "64"}) {
            CliTest.assertOk("sample", "--N", n, "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "11", "--first", "0",
                    "--count", "12", "--out", p("d" + n + ".h5"));
            CliTest.assertOk("minimize", "--in", p("d" + n + ".h5"), "--out", p("m" + n + ".h5"), "--threads", "1");
            CliTest.assertOk("diagonalize", "--in", p("m" + n + ".h5"), "--out", p("s" + n + ".h5"), "--threads", "1");
            CliTest.assertOk("histogram", "--out", p("dos" + n + ".h5"), p("m" + n + ".h5"), p("s" + n + ".h5"));
            CliTest.assertOk("fit", "--in", p("dos" + n + ".h5"), "--out", p("fit" + n + ".h5"), "--min-modes", "10",
                    "--window", "fraction", "--tail-fraction", "0.05");
        }
    }

    private static Path report(String name, String... sizes) throws Exception {
        Path out = dir.resolve(name);
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("report", "--out", out.resolve("report.html").toString(), "--summary",
                out.resolve("summary.csv").toString(), "--analysis", out.resolve("analysis.json").toString(), "--plots",
                out.resolve("plots").toString()));
        for (String n : sizes) {
            args.addAll(List.of(p("dos" + n + ".h5"), p("fit" + n + ".h5")));
        }
        CliTest.assertOk(args.toArray(String[]::new));
        return out;
    }

    @Test
    void threeSizesGiveLinesThatNumpyReproducesAndTheirFigures() throws Exception {
        IndependentReaderTest.requireTool(IndependentReaderTest.available("/usr/bin/python3", "-c", "import numpy"),
                "python3-numpy");
        Path out = report("three", "32", "48", "64");
        // numpy's weighted polyfit (w = 1/err) of each quantity against 1000/N: the same line, the
        // errors scaled up by sqrt(chi2/dof) when it exceeds 1 (cov='unscaled' gives the bare ones)
        String check = IndependentReaderTest.run(out, "/usr/bin/python3", "-c", """
                import json, math, numpy as np
                def strict(name):  # JSON has no NaN: a NaN must be written as null
                    raise ValueError('not JSON: ' + name)
                a = json.load(open('analysis.json'), parse_constant=strict)
                [g] = a['finite_size']
                assert g['N'] == [32, 48, 64] and g['J'] == 0.3, g
                lines = 0
                for q in ['exponent', 'A_g', 'x2', 'omega_x', 'omega_x_family']:
                    t = g[q]
                    v, e = np.array(t['value'], float), np.array(t['err'], float)
                    if not (np.all(np.isfinite(v)) and np.all(e > 0)):
                        assert t['limit'] is None, (q, t)
                        continue
                    x = 1000.0 / np.array(g['N'])
                    (b, a0), cov = np.polyfit(x, v, 1, w=1 / e, cov='unscaled')
                    chi2 = float(np.sum(((v - a0 - b * x) / e) ** 2)) / (len(v) - 2)
                    s = math.sqrt(max(1.0, chi2))
                    assert abs(t['limit'] - a0) <= 1e-9 * abs(a0) + 1e-12, (q, t['limit'], a0)
                    assert abs(t['slope_per_1000_over_N'] - b) <= 1e-9 * abs(b) + 1e-12, (q, b)
                    assert abs(t['limit_err'] - math.sqrt(cov[1, 1]) * s) <= 1e-9 * t['limit_err'], q
                    assert abs(t['slope_err'] - math.sqrt(cov[0, 0]) * s) <= 1e-9 * t['slope_err'], q
                    lines += 1
                print('lines', lines)
                """);
        // <x^2> and both omega_x are measured at every N; the exponent and A_g where a window was found
        assertTrue(Integer.parseInt(check.trim().replaceAll("(?s).*lines ", "")) >= 3, check);
        for (String plot : List.of("finite_size_exponent", "finite_size_A_g", "finite_size_x2", "finite_size_omega_x",
                "finite_size_hill_1")) {
            assertTrue(Files.size(out.resolve("plots").resolve(plot + ".png")) > 1000, plot);
            assertTrue(Files.exists(out.resolve("plots").resolve(plot + ".svg")), plot);
        }
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Finite size: points that differ only in N"));
        assertTrue(html.contains("plot-finite_size_hill_1"));
        org.khgps.report.Browser.assertRenders(out.resolve("report.html"), out);
    }

    @Test
    void twoSizesAreAGroupWithoutALineAndOneSizeIsNone() throws Exception {
        IndependentReaderTest.requireTool(IndependentReaderTest.available("/usr/bin/python3", "-c", "import json"), "python3");
        Path two = report("two", "32", "64");
        String check = IndependentReaderTest.run(two, "/usr/bin/python3", "-c", """
                import json
                def strict(name):
                    raise ValueError('not JSON: ' + name)
                [g] = json.load(open('analysis.json'), parse_constant=strict)['finite_size']
                assert g['N'] == [32, 64], g['N']
                for q in ['exponent', 'A_g', 'x2', 'omega_x', 'omega_x_family']:
                    assert g[q]['limit'] is None and g[q]['fit'] is None and len(g[q]['value']) == 2, (q, g[q])
                print('no line')
                """);
        assertTrue(check.contains("no line"), check);
        Path one = report("one", "48");
        String empty = IndependentReaderTest.run(one, "/usr/bin/python3", "-c",
                "import json; print(json.load(open('analysis.json'))['finite_size'])");
        assertEquals("[]", empty.trim());
        try (var files = Files.list(one.resolve("plots"))) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("finite_size")).count());
        }
        assertFalse(Files.readString(one.resolve("report.html"), StandardCharsets.UTF_8).contains("Finite size:"));
    }
}
