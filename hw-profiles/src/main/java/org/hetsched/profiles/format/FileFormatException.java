package org.hetsched.profiles.format;

import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * A file that cannot be used. The message names the file once, then every problem with its JSON
 * path, on one line; {@link #problems()} has them one by one.
 */
public class FileFormatException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<FormatProblem> problems;

    /**
     * @param file     the file as the user named it (or a built-in's resource name)
     * @param problems every problem found, at least one
     */
    protected FileFormatException(String file, List<FormatProblem> problems) {
        super(Problems.message(file, problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a format exception needs at least one problem");
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public final String file() {
        return file;
    }

    /** Every problem found, in file order. */
    public final List<FormatProblem> problems() {
        return problems;
    }
}
