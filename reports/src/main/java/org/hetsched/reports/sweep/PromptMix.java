package org.hetsched.reports.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.IoFailure;
import org.hetsched.reports.Csv;

/**
 * A distribution of prompt lengths: tokens → weight (relative frequency). Immutable.
 *
 * @param weights prompt length in tokens → weight &gt; 0, ascending by length
 */
public record PromptMix(Map<Integer, Double> weights) {

    public PromptMix {
        if (weights.isEmpty()) throw new UserInputException("the prompt mix is empty");
        weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /** Equal weights on the given lengths. */
    public static PromptMix uniform(List<Integer> prompts) {
        Map<Integer, Double> w = new TreeMap<>();
        for (int p : prompts) {
            if (p <= 0) throw new UserInputException("prompt lengths must be > 0 tokens, got " + p);
            if (w.put(p, 1.0) != null) throw new UserInputException("prompt length " + p + " is listed twice");
        }
        return new PromptMix(w);
    }

    /**
     * Reads a CSV ({@link Csv}) of {@code promptTokens,weight} rows: a header row and rows whose
     * first cell starts with '#' (comments) are allowed; cells are stripped of spaces, and empty
     * cells at the end of a row (as spreadsheets export them) are ignored.
     *
     * @throws UserInputException naming the file and line of every bad entry
     */
    public static PromptMix read(Path file) {
        List<Csv.Row> rows;
        try {
            rows = Csv.read(Files.readString(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UserInputException("cannot read prompt distribution " + file + ": " + IoFailure.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": not CSV (" + e.getMessage() + ")", e);
        }
        Map<Integer, Double> w = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Csv.Row row : rows) {
            List<String> f = new ArrayList<>(row.cells().stream().map(String::strip).toList());
            while (!f.isEmpty() && f.get(f.size() - 1).isEmpty()) f.remove(f.size() - 1);
            String line = String.join(",", f);
            if (f.isEmpty() || f.get(0).startsWith("#") || (row.line() == 1 && line.equalsIgnoreCase("promptTokens,weight"))) continue;
            String where = file + ":" + row.line() + ": ";
            try {
                if (f.size() != 2) throw new NumberFormatException("expected 'promptTokens,weight'");
                int tokens = Integer.parseInt(f.get(0));
                double weight = Double.parseDouble(f.get(1));
                if (tokens <= 0) problems.add(where + "prompt length must be > 0, got " + tokens);
                else if (!(weight > 0) || Double.isInfinite(weight)) problems.add(where + "weight must be > 0, got " + f.get(1));
                else if (w.put(tokens, weight) != null) problems.add(where + "prompt length " + tokens + " is listed twice");
            } catch (NumberFormatException e) {
                problems.add(where + "'" + line + "' is not 'promptTokens,weight'");
            }
        }
        if (w.isEmpty() && problems.isEmpty()) problems.add(file + ": no prompt lengths");
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return new PromptMix(w);
    }

    public List<Integer> prompts() {
        return List.copyOf(weights.keySet());
    }

    /** Weights normalised to sum to 1, in {@link #prompts()} order. */
    public double[] probabilities() {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        return weights.values().stream().mapToDouble(v -> v / total).toArray();
    }
}
