package org.hetsched.backend.jni;

/**
 * A kernel was called with inconsistent shapes, unusable buffers or invalid scalars. The message
 * names the kernel and lists every problem with the shapes involved. Thrown before any native
 * code runs, so a rejected call has no effect.
 */
public final class KernelArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KernelArgumentException(String message) {
        super(message);
    }
}
