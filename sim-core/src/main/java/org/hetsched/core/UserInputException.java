package org.hetsched.core;

/**
 * Base type of every error caused by what a user supplied: a file, a flag, a name, a value.
 *
 * <p>The command line maps this type (and its subclasses) to one line on stderr and exit code 2.
 * The message must say what is wrong, where (file, field path, flag) and, where it helps, what
 * would be accepted. Anything else that escapes is a bug.
 */
public class UserInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
