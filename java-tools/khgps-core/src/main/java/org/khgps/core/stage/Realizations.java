package org.khgps.core.stage;

import java.util.Arrays;

/** Sets of realization indices as people read them. */
public final class Realizations {

    private Realizations() {
    }

    /** "0-7", or "0-3,8-11" for realizations that are not contiguous; "none" for none. */
    public static String ranges(long[] realizations) {
        long[] sorted = realizations.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(sorted[i]);
            if (j > i) {
                sb.append('-').append(sorted[j]);
            }
            i = j + 1;
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
