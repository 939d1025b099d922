package org.hetsched.backend.jni;

/**
 * Keeps native code off standard output. The QNN and ONNX Runtime libraries print to file
 * descriptor 1 through C stdio (e.g. a {@code # LIBNATIVE: ...} line), beneath
 * {@link System#out}, and would corrupt a command's machine-readable stdout. While a
 * {@link #toStderr()} scope is open, fd 1 points at fd 2; closing the last open scope flushes
 * what the native code buffered (to stderr) and restores fd 1.
 *
 * <p>Process-wide: Java's own {@code System.out} also goes to stderr meanwhile, so only the
 * native calls belong inside a scope. Thread-safe and nestable: scopes opened by several threads
 * share one redirection, undone when the last closes. Where the native library cannot load
 * (platforms other than {@value NativeLibrary#SUPPORTED_PLATFORM}) scopes change nothing.
 */
public final class NativeStdout {
    private static final Object LOCK = new Object();
    private static int open;
    private static int saved = -1;

    private NativeStdout() {
    }

    /** An open scope; {@link #close()} ends it (idempotent). */
    public static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (closed) return;
                closed = true;
                if (--open == 0 && saved >= 0) {
                    int fd = saved;
                    saved = -1;
                    int errno = restoreNative(fd);
                    if (errno != 0) throw new IllegalStateException("cannot restore standard output (errno " + errno + ")");
                }
            }
        }
    }

    /** Opens a scope in which fd 1 points at stderr. */
    public static Scope toStderr() {
        synchronized (LOCK) {
            if (open == 0 && available()) {
                System.out.flush();
                int fd = redirectNative();
                if (fd < 0) throw new IllegalStateException("cannot point standard output at stderr (errno " + (-fd) + ")");
                saved = fd;
            }
            open++;
            return new Scope();
        }
    }

    /** Whether a scope is open now. */
    public static boolean redirected() {
        synchronized (LOCK) {
            return saved >= 0;
        }
    }

    private static boolean available() {
        try {
            NativeLibrary.load();
            return true;
        } catch (NativeLibraryUnavailableException e) {
            return false;
        }
    }

    private static native int redirectNative();

    private static native int restoreNative(int saved);
}
