package org.khgps.io;

/**
 * A stage file that was intact when written and is not any more (truncated, a dataset failing
 * its checksum): not the study point's fault, so the tools exit with their own code (5) and the
 * pipeline stops naming the file and the recovery, instead of reporting the point as failed.
 */
public class DamagedFileException extends BadInputException {

    public DamagedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
