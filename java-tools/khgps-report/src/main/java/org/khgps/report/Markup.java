package org.khgps.report;

import java.awt.Font;
import java.awt.font.TextAttribute;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Plot text with sub- and superscripts written as {@code <sub>..</sub>} and {@code <sup>..</sup>}
 * (as plotly.js reads it): {@code "A<sub>g</sub> ω<sup>4</sup>"}. Greek letters are plain Unicode.
 */
final class Markup {

    /** A run of text and its position: 0 normal, 1 superscript, -1 subscript. */
    record Run(String text, int shift) {
    }

    private static final String SUP_FROM = "0123456789-+=()ni";
    private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁼⁽⁾ⁿⁱ";
    private static final String SUB_FROM = "0123456789-+=()aeoxhklmnpst";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₋₊₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ";

    private Markup() {
    }

    static List<Run> runs(String markup) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < markup.length()) {
            int sup = markup.indexOf("<sup>", i);
            int sub = markup.indexOf("<sub>", i);
            int next = sup < 0 ? sub : sub < 0 ? sup : Math.min(sup, sub);
            if (next < 0) {
                runs.add(new Run(markup.substring(i), 0));
                break;
            }
            if (next > i) {
                runs.add(new Run(markup.substring(i, next), 0));
            }
            boolean isSup = next == sup;
            String close = isSup ? "</sup>" : "</sub>";
            int end = markup.indexOf(close, next);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed " + (isSup ? "<sup>" : "<sub>") + " in " + markup);
            }
            runs.add(new Run(markup.substring(next + 5, end), isSup ? 1 : -1));
            i = end + close.length();
        }
        return runs;
    }

    /** The text for a place that takes no markup (legends, titles): Unicode sub/superscripts where they exist. */
    static String plain(String markup) {
        StringBuilder sb = new StringBuilder();
        for (Run r : runs(markup)) {
            if (r.shift() == 0) {
                sb.append(r.text());
                continue;
            }
            String mapped = map(r.text(), r.shift() > 0 ? SUP_FROM : SUB_FROM, r.shift() > 0 ? SUP_TO : SUB_TO);
            if (mapped != null) {
                sb.append(mapped);
            } else {
                String t = r.text().length() == 1 ? r.text() : "(" + r.text() + ")";
                sb.append(r.shift() > 0 ? "^" : "_").append(t);
            }
        }
        return sb.toString();
    }

    private static String map(String text, String from, String to) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            int k = from.indexOf(c);
            if (k < 0) {
                return null;
            }
            sb.append(to.charAt(k));
        }
        return sb.toString();
    }

    /** The text with real sub- and superscripts, for JFreeChart's attributed axis labels. */
    static AttributedString attributed(String markup, Font font) {
        StringBuilder text = new StringBuilder();
        List<int[]> shifts = new ArrayList<>();
        for (Run r : runs(markup)) {
            shifts.add(new int[] {text.length(), text.length() + r.text().length(), r.shift()});
            text.append(r.text());
        }
        AttributedString as = new AttributedString(text.toString());
        if (text.length() == 0) {
            return as;
        }
        as.addAttributes(font.getAttributes(), 0, text.length());
        for (int[] s : shifts) {
            if (s[2] != 0 && s[1] > s[0]) {
                as.addAttribute(TextAttribute.SUPERSCRIPT, s[2] > 0 ? TextAttribute.SUPERSCRIPT_SUPER
                        : TextAttribute.SUPERSCRIPT_SUB, s[0], s[1]);
            }
        }
        return as;
    }

    /** Back from an attributed label to markup (for the interactive plots). */
    static String of(AttributedString as) {
        AttributedCharacterIterator it = as.getIterator();
        StringBuilder sb = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; ) {
            int end = it.getRunLimit(TextAttribute.SUPERSCRIPT);
            Object s = it.getAttribute(TextAttribute.SUPERSCRIPT);
            StringBuilder run = new StringBuilder();
            for (; it.getIndex() < end; c = it.next()) {
                run.append(c);
            }
            if (TextAttribute.SUPERSCRIPT_SUPER.equals(s)) {
                sb.append("<sup>").append(run).append("</sup>");
            } else if (TextAttribute.SUPERSCRIPT_SUB.equals(s)) {
                sb.append("<sub>").append(run).append("</sub>");
            } else {
                sb.append(run);
            }
            c = it.current();
        }
        return sb.toString();
    }
}
