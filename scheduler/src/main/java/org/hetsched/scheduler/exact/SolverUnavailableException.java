package org.hetsched.scheduler.exact;

import org.hetsched.core.UserInputException;

/**
 * OR-Tools' native library cannot be loaded on this machine. A user-input error rather than a bug:
 * the user asked for the exact solver on a platform OR-Tools ships no library for (it has them for
 * Linux and macOS on x86-64 and aarch64, and Windows on x86-64); the remedy is another policy.
 */
public final class SolverUnavailableException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public SolverUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
