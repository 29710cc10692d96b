package org.khgps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one figure registry against the page's template and docs/report.md's table of plots. */
class FiguresTest {

    private static final Path REPORT_DOC = Path.of("../../docs/report.md");

    @Test
    void docsReportMdListsEveryFigureOfTheRegistryAndNoOther() throws Exception {
        String doc = Files.readString(REPORT_DOC);
        String table = doc.substring(doc.indexOf("## The plots"), doc.indexOf("\nConventions"));
        List<String> documented = new ArrayList<>();
        for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            Matcher m = Pattern.compile("`([^`]+)`").matcher(row.split(" \\| ")[0]);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        List<String> registered = Figures.ALL.stream().map(Figures.Figure::name).toList();
        assertEquals(new TreeSet<>(registered), new TreeSet<>(documented), "docs/report.md, \"The plots\"");
        assertEquals(registered.size(), documented.size(), "each once");
    }

    @Test
    void everySectionHasOnePlaceOnThePageAndEveryFigureASection() {
        String page = Template.resource("report.html");
        for (Figures.Section s : Figures.Section.values()) {
            assertEquals(1, page.split(Pattern.quote("{{figures " + s + "}}"), -1).length - 1, s.toString());
            assertTrue(Figures.ALL.stream().anyMatch(f -> f.section() == s), s + " has figures");
        }
        assertEquals(Figures.ALL.size(), Figures.ALL.stream().map(Figures.Figure::name).distinct().count(), "names unique");
        // the page's order is the registry's
        List<Figures.Section> order = Figures.ALL.stream().map(Figures.Figure::section).distinct().toList();
        assertEquals(Arrays.stream(Figures.Section.values()).sorted((a, b) -> page.indexOf("{{figures " + a + "}}")
                - page.indexOf("{{figures " + b + "}}")).toList(), order);
    }

    @Test
    void aTemplateTagWithoutAValueIsABugNotAnEmptyString() {
        assertEquals("a b\nc\n", Template.render("{{x}} {{y}}\n{{#f}}\nc\n{{/f}}\n{{#g}}\nd\n{{/g}}\n",
                Map.of("x", "a", "y", "b", "f", true, "g", false)));
        assertEquals("rows\nend\n", Template.render("{{rows}}\nend\n", Map.of("rows", "rows\n")), "a tag alone on its line");
        assertThrows(IllegalStateException.class, () -> Template.render("{{x}}", Map.of()));
        assertThrows(IllegalStateException.class, () -> Template.render("{{#f}}x{{/f}}", Map.of("f", "yes")));
        String tags = Pattern.compile("\\{\\{[#/]?([\\w ]+)}}").matcher(Template.resource("report.html")).results()
                .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new)).toString();
        assertTrue(tags.contains("figures DOS") && tags.contains("points_rows"), tags);
    }
}
