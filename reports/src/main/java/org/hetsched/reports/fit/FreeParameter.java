package org.hetsched.reports.fit;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * One free value of a fit, written as {@code PATH=LO..HI} or {@code PATH=LO..HI~MEAN+-SD}: the
 * sourced number at {@link ProfilePaths path} PATH (or one value written to every path of
 * {@code PATH1,PATH2,...}, a linked parameter), searched in log space within [ln LO, ln HI]; an
 * optional prior adds {@code ((ln x − ln MEAN) / (SD / MEAN))²} to the objective (a log-normal
 * prior whose relative spread is SD / MEAN). Values are in the unit the field names (µs for
 * {@code ...Us}, MAC/s for {@code macsPerSecond}, ...).
 *
 * @param spec  the text as written, for messages and the fitted profile's provenance
 * @param paths the paths written with the one value, at least one
 * @param low   lower bound, &gt; 0
 * @param high  upper bound, &gt; low
 * @param priorMean prior mean, or {@code NaN} for none
 * @param priorSd   prior standard deviation, or {@code NaN} for none
 */
public record FreeParameter(String spec, List<String> paths, double low, double high, double priorMean, double priorSd) {

    public FreeParameter {
        paths = List.copyOf(paths);
    }

    /** The display name: the paths joined by {@code ,}. */
    public String name() {
        return String.join(",", paths);
    }

    public boolean hasPrior() {
        return !Double.isNaN(priorMean);
    }

    /** The prior's term for value {@code x} (0 without a prior). */
    public double priorTerm(double x) {
        if (!hasPrior()) return 0;
        double z = (Math.log(x) - Math.log(priorMean)) / (priorSd / priorMean);
        return z * z;
    }

    /**
     * Reads one spec; {@code where} names it in messages (e.g. "--free" or "file f, line 3").
     *
     * @throws UserInputException naming the spec and what is wrong with it
     */
    public static FreeParameter parse(String text, String where) {
        String spec = text.strip();
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) throw bad(spec, where, "expected PATH=LO..HI or PATH=LO..HI~MEAN+-SD");
        List<String> paths = new ArrayList<>();
        for (String p : spec.substring(0, eq).split(",", -1)) {
            if (p.isBlank()) throw bad(spec, where, "an empty path");
            paths.add(p.strip());
        }
        String range = spec.substring(eq + 1).strip();
        double mean = Double.NaN;
        double sd = Double.NaN;
        int tilde = range.indexOf('~');
        if (tilde >= 0) {
            String prior = range.substring(tilde + 1);
            range = range.substring(0, tilde);
            int pm = prior.indexOf("+-");
            if (pm < 0) throw bad(spec, where, "the prior must read ~MEAN+-SD");
            mean = number(prior.substring(0, pm), spec, where);
            sd = number(prior.substring(pm + 2), spec, where);
            if (!(mean > 0) || !(sd > 0)) throw bad(spec, where, "the prior's MEAN and SD must be > 0");
        }
        int dots = range.indexOf("..");
        if (dots < 0) throw bad(spec, where, "expected bounds LO..HI");
        double lo = number(range.substring(0, dots), spec, where);
        double hi = number(range.substring(dots + 2), spec, where);
        if (!(lo > 0) || !(hi > 0)) throw bad(spec, where, "bounds must be > 0 (the search is in log space)");
        if (lo >= hi) throw bad(spec, where, "LO must be < HI");
        return new FreeParameter(spec, paths, lo, hi, mean, sd);
    }

    private static double number(String text, String spec, String where) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, where, "'" + text.strip() + "' is not a number");
    }

    private static UserInputException bad(String spec, String where, String why) {
        return new UserInputException(where + ": free parameter '" + spec + "': " + why);
    }
}
