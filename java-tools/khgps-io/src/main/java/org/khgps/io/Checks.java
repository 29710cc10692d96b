package org.khgps.io;

import java.nio.file.Path;

/** Shape and value checks on what a stage file holds, with messages naming file and dataset. */
public final class Checks {

    private Checks() {
    }

    static void rows(Path path, String name, double[][] data, int rows, int cols) throws BadInputException {
        if (data.length != rows) {
            throw new BadInputException("dataset '" + name + "' of " + path + " has " + data.length
                    + " rows, expected " + rows);
        }
        for (double[] row : data) {
            if (row.length != cols) {
                throw new BadInputException("dataset '" + name + "' of " + path + " has rows of length "
                        + row.length + ", expected N = " + cols);
            }
            finite(path, name, row);
        }
    }

    /** kappa_i = kappa0 u_i with u_i in [0, 1): anything outside [0, kappa0] was not made by sample. */
    static void kappa(Path path, double[][] kappa, double kappa0) throws BadInputException {
        for (int r = 0; r < kappa.length; r++) {
            for (int i = 0; i < kappa[r].length; i++) {
                double k = kappa[r][i];
                if (!(k >= 0 && k <= kappa0)) {
                    throw new BadInputException("dataset 'kappa' of " + path + " holds kappa = " + k + " (row " + r
                            + ", oscillator " + i + "), outside [0, kappa0 = " + kappa0 + "]: the file was not made by "
                            + "khgps sample or was altered since");
                }
            }
        }
    }

    static void length(Path path, String name, int actual, int expected) throws BadInputException {
        if (actual != expected) {
            throw new BadInputException("dataset '" + name + "' of " + path + " has length " + actual
                    + ", expected " + expected);
        }
    }

    static void finite(Path path, String name, double[] values) throws BadInputException {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new BadInputException("dataset '" + name + "' of " + path + " holds a non-finite value " + v);
            }
        }
    }

    /** "0-7", or "0-3,8-11" for realizations that are not contiguous; "none" for none. */
    public static String ranges(long[] realizations) {
        long[] sorted = realizations.clone();
        java.util.Arrays.sort(sorted);
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
