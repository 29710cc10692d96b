package org.khgps.io;

/** Input the user can fix (a wrong file, a bad parameter): the tools exit with code 2 on it. */
public class BadInputException extends Exception {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
