package org.hetsched.cli;

/** Exit codes of every command (listed in README.md). */
final class ExitCodes {
    static final int OK = 0;
    /** Something broke inside hetsched: a bug, to be reported. */
    static final int INTERNAL_ERROR = 1;
    /** The user's input (flag, file, name, value) is wrong; the message says what and where. */
    static final int USER_ERROR = 2;

    private ExitCodes() {
    }
}
