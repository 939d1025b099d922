package org.hetsched.backend.replay;

/** A replay could not finish: a lane's task failed, or the plan's orders deadlock against the dependencies. */
public final class ReplayException extends IllegalStateException {
    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
