package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Font;
import org.junit.jupiter.api.Test;

/** Axis labels: Greek and real sub- and superscripts, the same text in the PNG/SVG and the interactive plot. */
class MarkupTest {

    @Test
    void plainTextUsesUnicodeScriptsWhereTheyExist() {
        assertEquals("κ₀ ⟨x²⟩(κ) / ωₓ⁴", Markup.plain("κ<sub>0</sub> ⟨x<sup>2</sup>⟩(κ) / ω<sub>x</sub><sup>4</sup>"));
        assertEquals("A_g ω⁴", Markup.plain("A<sub>g</sub> ω<sup>4</sup>"), "no subscript g in Unicode");
        assertEquals("h^(2/3)", Markup.plain("h<sup>2/3</sup>"));
    }

    @Test
    void attributedLabelsCarryTheScriptsAndReadBackAsMarkup() {
        String m = "ln(κ<sub>0</sub><sup>1/2</sup> h<sup>2/3</sup> J A<sub>g</sub>)";
        var as = Markup.attributed(m, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        assertEquals(m, Markup.of(as));
    }
}
