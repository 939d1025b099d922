package org.hetsched.artefacts.qnn;

import java.nio.file.Path;
import org.hetsched.core.UserInputException;

/** A QNN profiling CSV is malformed; the message names the file and line. */
public final class QnnProfileException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public QnnProfileException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }
}
