package org.hetsched.profiles.format;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects every problem of one input file so that they are reported together. Single-threaded;
 * one instance per file read.
 */
public final class Problems {
    private final List<FormatProblem> problems = new ArrayList<>();

    public void add(String path, String message) {
        problems.add(new FormatProblem(path, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<FormatProblem> list() {
        return List.copyOf(problems);
    }

    /**
     * Every problem on one line (the command line prints one line per error), the file named once:
     * {@code file: $.a: first problem; $.b: second problem}.
     */
    static String message(String file, List<FormatProblem> problems) {
        return file + ": " + problems.stream().map(FormatProblem::toString).collect(Collectors.joining("; "));
    }
}
