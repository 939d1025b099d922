package org.hetsched.profiles.format;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects every problem of one input file so that they are reported together. Single-threaded;
 * one instance per file read.
 */
final class Problems {
    private final List<FormatProblem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new FormatProblem(path, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<FormatProblem> list() {
        return List.copyOf(problems);
    }

    /** One line per problem, each starting with the file, so every line can be read on its own. */
    static String message(String file, List<FormatProblem> problems) {
        return problems.stream().map(p -> file + ": " + p).collect(Collectors.joining("\n"));
    }
}
