package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.reproduce.Target;
import org.hetsched.reports.reproduce.TargetSet;

/**
 * The checks a fit makes before it simulates anything: every path exists in the base profile and
 * is a sourced number, no path is free twice, each parameter's bounds hold its base value, and
 * there are at least as many weighted targets as free parameters. (The targets file's own checks,
 * such as an unknown model or a prompt beyond the model's context, are its reader's.)
 */
public final class FitProblems {
    private FitProblems() {
    }

    /**
     * Checks {@code parameters} against {@code base} and {@code targets}.
     *
     * @throws UserInputException listing every problem found, one per line
     */
    public static void check(TargetSet targets, ObjectNode base, String device, List<FreeParameter> parameters) {
        List<String> problems = new ArrayList<>();
        ProfilePaths paths = ProfilePaths.of(base);
        Set<String> seen = new HashSet<>();
        for (FreeParameter p : parameters) {
            for (String path : p.paths()) {
                if (!seen.add(path)) {
                    problems.add("free parameter path '" + path + "' is given more than once");
                    continue;
                }
                JsonNode node = paths.node(path);
                if (node == null) {
                    problems.add("device " + device + " has no '" + path + "'; close matches: "
                            + String.join(", ", paths.closeMatches(path, 3)));
                    continue;
                }
                if (!ProfilePaths.isSourcedNumber(node)) {
                    problems.add("'" + path + "' in device " + device + " is not a sourced number ({\"value\": x, \"source\": id})");
                    continue;
                }
                double v = node.get("value").asDouble();
                if (v < p.low() || v > p.high()) {
                    problems.add(String.format(Locale.ROOT, "free parameter '%s': bounds %s..%s exclude the base value %s of %s",
                            p.spec(), num(p.low()), num(p.high()), num(v), path));
                }
            }
        }
        long weighted = targets.targets().stream().filter(FitProblems::weighted).count();
        if (weighted < parameters.size()) {
            problems.add("targets " + targets.file() + " have " + weighted + " weighted targets, fewer than the " + parameters.size()
                    + " free parameters");
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("\n", problems));
    }

    static boolean weighted(Target t) {
        return t.weight() > 0 && t.published() != null;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
