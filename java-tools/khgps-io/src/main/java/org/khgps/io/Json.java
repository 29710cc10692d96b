package org.khgps.io;

/** The little JSON the tools write (sorted keys, no dependency). */
public final class Json {

    private Json() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A number as JSON; NaN and infinities, which JSON lacks, become null. */
    public static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
