package org.hetsched.cli;

import java.io.PrintWriter;
import org.hetsched.reports.sweep.SweepProgress;

/** A one-line progress bar redrawn with carriage returns; for terminals only (callers check). Thread-safe. */
final class ProgressBar implements SweepProgress {
    private static final int WIDTH = 40;
    private final PrintWriter err;
    private int shownPercent = -1;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent == shownPercent && done != total) return; // redraw only when it changes
        shownPercent = percent;
        int filled = WIDTH * percent / 100;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " points");
        if (done == total) err.println();
        err.flush();
    }

    /** A bar when stderr is a terminal, else nothing: logs and pipes get no control characters. */
    static SweepProgress forTerminal(PrintWriter err) {
        return System.console() != null ? new ProgressBar(err) : SweepProgress.NONE;
    }
}
