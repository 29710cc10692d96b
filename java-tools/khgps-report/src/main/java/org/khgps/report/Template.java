package org.khgps.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's text lives in template resources (org/khgps/report/*.html): {@code {{name}}} stands
 * for a value, {@code {{#flag}}...{{/flag}}} for a part shown only when the flag is true. A line
 * that holds one tag alone stands for the tag's content without a line of its own (so a value
 * that is rows of a table, or a part of the page, ends its own lines).
 */
final class Template {

    private static final Pattern ALONE = Pattern.compile("(?m)^(\\{\\{[#/]?[\\w ]+}})\\n");
    private static final Pattern PART = Pattern.compile("(?s)\\{\\{#([\\w ]+)}}(.*?)\\{\\{/\\1}}");
    private static final Pattern TAG = Pattern.compile("\\{\\{([\\w ]+)}}");

    private Template() {
    }

    /** The template resource {@code name} of this package. */
    static String resource(String name) {
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with its values: a Boolean for each part's flag, a String for each tag; none may be missing. */
    static String render(String template, Map<String, ?> values) {
        String text = ALONE.matcher(template).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        for (Matcher m = PART.matcher(text); m.find(); m = PART.matcher(text)) {
            Object flag = values.get(m.group(1));
            if (!(flag instanceof Boolean shown)) {
                throw new IllegalStateException("template part {{#" + m.group(1) + "}} has no flag");
            }
            text = text.substring(0, m.start()) + (shown ? m.group(2) : "") + text.substring(m.end());
        }
        return TAG.matcher(text).replaceAll(m -> {
            if (!(values.get(m.group(1)) instanceof String value)) {
                throw new IllegalStateException("template tag {{" + m.group(1) + "}} has no value");
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
