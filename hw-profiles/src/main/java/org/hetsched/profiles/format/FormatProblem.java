package org.hetsched.profiles.format;

/**
 * One problem found in an input file.
 *
 * @param path    where: a JSON path such as {@code $.costs[2].points[0].latencyMs}, or
 *                {@code line 3, column 7} for a syntax error
 * @param message what is wrong, with the bad value and what would be accepted
 */
public record FormatProblem(String path, String message) {

    public FormatProblem {
        if (path == null || message == null) throw new IllegalArgumentException("problem path and message are required");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
