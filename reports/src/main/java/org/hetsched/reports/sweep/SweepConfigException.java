package org.hetsched.reports.sweep;

import java.util.List;
import org.hetsched.profiles.format.FileFormatException;
import org.hetsched.profiles.format.FormatProblem;

/** A sweep configuration that cannot run; the message names the file and every problem with its key path. */
public final class SweepConfigException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public SweepConfigException(String file, List<FormatProblem> problems) {
        super(file, problems);
    }
}
