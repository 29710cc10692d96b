package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The vendored plotly.js: pinned, checksummed, refused when it does not match. */
class PlotlyAssetTest {

    private static final Path VENDOR = Path.of("../../assets/vendor");

    @Test
    void theVendoredFileMatchesItsRecordedChecksum() throws Exception {
        Path js = VENDOR.resolve("plotly-basic-" + PlotlyAsset.VERSION + ".min.js");
        String recorded = PlotlyAsset.expectedSha256(Files.readString(VENDOR.resolve(js.getFileName() + ".sha256")));
        assertEquals(recorded, PlotlyAsset.sha256(Files.readAllBytes(js)));
        assertTrue(Files.readString(js).contains("plotly.js (basic - minified) v" + PlotlyAsset.VERSION));
        assertTrue(Files.readString(VENDOR.resolve("README.md")).contains("plotly.js-basic-dist-min@" + PlotlyAsset.VERSION));
    }

    @Test
    void theJarsCopyIsVerifiedAndSafeToInlineInAScriptElement() throws Exception {
        String script = PlotlyAsset.script();
        assertTrue(script.length() > 500_000);
        assertTrue(!script.toLowerCase(java.util.Locale.ROOT).contains("</script"), "would end the inline script early");
    }

    @Test
    void aWrongChecksumIsRefused() {
        byte[] bytes = "not plotly".getBytes(StandardCharsets.UTF_8);
        String wrong = "0".repeat(64);
        var e = assertThrows(IllegalStateException.class, () -> PlotlyAsset.verify(bytes, wrong));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(PlotlyAsset.sha256(bytes)), e.getMessage());
        assertEquals(bytes, PlotlyAsset.verify(bytes, PlotlyAsset.sha256(bytes)));
        assertThrows(IllegalStateException.class, () -> PlotlyAsset.expectedSha256("garbage  plotly.min.js"));
    }
}
