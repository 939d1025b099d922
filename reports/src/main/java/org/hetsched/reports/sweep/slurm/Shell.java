package org.hetsched.reports.sweep.slurm;

/** Quoting for the scripts a job writes. Stateless. */
final class Shell {
    private Shell() {
    }

    /** {@code text} as one POSIX shell word: single-quoted, with each ' written as '\''. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
