package org.hetsched.reports.sweep.slurm;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;

/**
 * Extra options for both of a job's {@code sbatch} calls (partition, account, time limit, cores per
 * task), as the user gave them in one string. They are split on white space and written into the
 * submit script one shell word each, quoted, so nothing in them is run by a shell; characters a
 * shell would treat specially are refused rather than guessed at, and so are the options hetsched
 * sets itself. Immutable.
 *
 * @param words the options, one word each
 */
public record SbatchOptions(List<String> words) {
    public static final SbatchOptions NONE = new SbatchOptions(List.of());

    /** Options hetsched sets on every submission: the array, the logs, the dependency, the output format. */
    private static final Set<String> RESERVED_SHORT = Set.of("-a", "-o", "-e", "-d", "-J", "-W");
    private static final Set<String> RESERVED_LONG = Set.of("--array", "--output", "--error", "--dependency", "--job-name",
            "--parsable", "--wrap", "--kill-on-invalid-dep", "--wait", "--test-only");
    private static final String SPECIAL = "'\"`$\\;&|<>(){}*?!#~";

    public SbatchOptions {
        words = List.copyOf(words);
    }

    /**
     * @throws UserInputException naming the character or option that cannot be passed on
     */
    public static SbatchOptions parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        for (char c : text.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0 || Character.isISOControl(c) && !Character.isWhitespace(c) || c == '\n' || c == '\r') {
                throw new UserInputException("--sbatch: '" + text + "' holds " + describe(c) + ", which hetsched does not pass to "
                        + "a shell; give plain options, e.g. --sbatch \"--partition=short --time=00:30:00\"");
            }
        }
        List<String> words = Arrays.stream(text.trim().split("\\s+")).toList();
        if (!words.get(0).startsWith("-")) {
            throw new UserInputException("--sbatch: '" + text + "' must start with an option (e.g. --partition=short), not '"
                    + words.get(0) + "'");
        }
        for (String word : words) {
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            // sbatch takes a long option by any unambiguous prefix (--arr=0-3) and a short one with its value attached (-a0-3)
            boolean reserved = option.startsWith("--")
                    ? option.length() > 2 && RESERVED_LONG.stream().anyMatch(r -> r.startsWith(option))
                    : option.length() >= 2 && RESERVED_SHORT.contains(option.substring(0, 2));
            if (reserved) {
                throw new UserInputException("--sbatch: " + option + " is set by hetsched for every job it writes (the array, "
                        + "logs, dependency and job name); leave it out");
            }
        }
        return new SbatchOptions(words);
    }

    /** The options as shell words, each single-quoted, separated by spaces; empty for none. */
    public String shellWords() {
        return String.join(" ", words.stream().map(Shell::quote).toList());
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }

    private static String describe(char c) {
        return c == '\n' || c == '\r' ? "a line break" : "'" + c + "'";
    }
}
