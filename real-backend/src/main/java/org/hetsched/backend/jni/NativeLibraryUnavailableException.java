package org.hetsched.backend.jni;

import org.hetsched.core.UserInputException;

/**
 * The native host library cannot be used here: the platform is not one it is built for, or the
 * jar was built without it (on a platform where the native step is skipped).
 *
 * <p>It is a {@link UserInputException} because the remedy lies with the user (choose another
 * backend or run on a supported machine), so the command line prints the message, not a trace.
 */
public final class NativeLibraryUnavailableException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public NativeLibraryUnavailableException(String message) {
        super(message);
    }

    public NativeLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
