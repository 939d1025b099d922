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
     * Reads a CSV of {@code promptTokens,weight} lines (a header line and '#' comments allowed).
     *
     * @throws UserInputException naming the file and line of every bad entry
     */
    public static PromptMix read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read prompt distribution " + file + ": " + IoFailure.reason(e), e);
        }
        Map<Integer, Double> w = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase("promptTokens,weight"))) continue;
            String[] f = line.split(",");
            String where = file + ":" + (i + 1) + ": ";
            try {
                if (f.length != 2) throw new NumberFormatException("expected 'promptTokens,weight'");
                int tokens = Integer.parseInt(f[0].strip());
                double weight = Double.parseDouble(f[1].strip());
                if (tokens <= 0) problems.add(where + "prompt length must be > 0, got " + tokens);
                else if (!(weight > 0) || Double.isInfinite(weight)) problems.add(where + "weight must be > 0, got " + f[1].strip());
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
