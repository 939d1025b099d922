package org.hetsched.backend.qnn;

/**
 * QNN refused or failed a model: the session could not be created (QNN could not finalise the
 * graph) or a run failed. Carries the model's name and ONNX Runtime's message.
 */
public final class QnnSessionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public QnnSessionException(String message, Throwable cause) {
        super(message, cause);
    }

    public QnnSessionException(String message) {
        super(message);
    }
}
