package org.hetsched.backend.replay;

import java.util.List;

/**
 * The child JVM of an isolated replay failed: it exited non-zero or was killed by a signal. A
 * native crash is caught by the JVM's own signal handler, which writes a crash report and exits
 * (code 1 without a core dump, 134 with one); {@link #nativeCrash()} then names the signal from
 * the report. The parent is unaffected.
 */
public final class ReplayProcessException extends IllegalStateException {
    private final int exitCode;
    private final List<String> stderrTail;
    private final String nativeCrash;

    /**
     * @param nativeCrash the JVM crash report's signal line (e.g. "SIGSEGV (0xb) at pc=..."), or
     *                    null if the child did not crash in native code
     */
    public ReplayProcessException(int exitCode, String nativeCrash, List<String> stderrTail) {
        super("the replay child process " + (nativeCrash != null ? "crashed in native code (" + nativeCrash + ") and "
                : "") + describe(exitCode) + "; last lines of its output:\n  " + String.join("\n  ", stderrTail));
        this.exitCode = exitCode;
        this.nativeCrash = nativeCrash;
        this.stderrTail = List.copyOf(stderrTail);
    }

    /** The crash report's signal line if the child crashed in native code, else null. */
    public String nativeCrash() {
        return nativeCrash;
    }

    /** The exit status; above 128 it is 128 + the signal number. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the child was ended by a signal rather than exiting. */
    public boolean killedBySignal() {
        return exitCode > 128;
    }

    public List<String> stderrTail() {
        return stderrTail;
    }

    static String describe(int exitCode) {
        if (exitCode > 128) {
            int signal = exitCode - 128;
            String name = switch (signal) {
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "was killed by " + name + " (exit code " + exitCode + ")";
        }
        return exitCode == 2 ? "rejected the request (exit code 2)" : "failed with exit code " + exitCode;
    }
}
