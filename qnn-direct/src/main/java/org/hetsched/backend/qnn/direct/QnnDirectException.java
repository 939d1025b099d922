package org.hetsched.backend.qnn.direct;

/**
 * A QNN C API call failed, or the backend library could not be loaded or is not a QNN backend. The
 * message names the call, the QNN error code with its component (e.g. {@code graph error 6004}), the
 * backend's own description where it has one, and the backend's recent warning and error log lines.
 */
public final class QnnDirectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QnnDirectException(String message) {
        super(message);
    }
}
