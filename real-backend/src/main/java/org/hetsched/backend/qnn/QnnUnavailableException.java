package org.hetsched.backend.qnn;

import org.hetsched.core.UserInputException;

/**
 * The QNN runtime cannot be used: no package directory configured, a library missing, the plugin
 * not loadable on this platform. A {@link UserInputException} because the remedy lies with the user
 * (install the package, point {@value QnnRuntime#DIR_ENV} at it), so the command line prints the
 * message, which says how, not a stack trace.
 */
public final class QnnUnavailableException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public QnnUnavailableException(String message) {
        super(message);
    }

    public QnnUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
