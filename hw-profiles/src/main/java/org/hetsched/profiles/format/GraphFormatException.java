package org.hetsched.profiles.format;

import java.util.List;

/**
 * A task graph file that cannot be used: malformed JSON, a missing, unknown or mistyped field, a
 * negative cost, an unknown processor or task. The message names the file and then every problem
 * with its JSON path, on one line. (A cycle is a {@link org.hetsched.core.graph.CyclicGraphException}.)
 */
public final class GraphFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public GraphFormatException(String file, List<FormatProblem> problems) {
        super(file, problems);
    }
}
