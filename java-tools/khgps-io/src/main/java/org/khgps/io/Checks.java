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

    /** The shape [rows, cols] of a dataset whose values may be NaN or negative (codes, distances). */
    static void shape(Path path, String name, Object[] data, int rows, int cols) throws BadInputException {
        if (data.length != rows) {
            throw new BadInputException("dataset '" + name + "' of " + path + " has " + data.length
                    + " rows, expected " + rows);
        }
        for (Object row : data) {
            if (java.lang.reflect.Array.getLength(row) != cols) {
                throw new BadInputException("dataset '" + name + "' of " + path + " has rows of length "
                        + java.lang.reflect.Array.getLength(row) + ", expected " + cols);
            }
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

    /** {@link org.khgps.core.stage.Realizations#ranges}. */
    public static String ranges(long[] realizations) {
        return org.khgps.core.stage.Realizations.ranges(realizations);
    }
}
