package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.hetsched.core.UserInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.reproduce.TargetReader;
import org.hetsched.reports.reproduce.TargetSet;
import org.hetsched.reports.sweep.SweepProgress;

/**
 * A profile fit as a user asks for it ({@code hetsched profile fit}): the base device, the targets,
 * the free parameters' specs ({@code --free} texts and an optional file of them) and the settings.
 *
 * @param device   base profile name or path
 * @param targets  targets file or built-in set name
 * @param free     specs given one by one
 * @param freeFile a file of specs (one per line, {@code #} comments), or {@code null}
 * @param settings how to fit
 * @param threads  threads that run an evaluation's simulations (the result does not depend on it)
 */
public record FitRequest(String device, String targets, List<String> free, Path freeFile, ProfileFit.Settings settings, int threads) {

    public FitRequest {
        free = List.copyOf(free);
    }

    /** What {@link #run} hands back: the objective (base profile, parameters) and the converged result. */
    public record Outcome(FitObjective objective, ProfileFit.Result result) {
    }

    /**
     * Checks everything, then fits.
     *
     * @throws UserInputException every problem found before any simulation, one per line; or, after
     *                            the fit, "did not converge after N evaluations; best objective X"
     */
    public Outcome run(SweepProgress progress) {
        List<String> problems = new ArrayList<>();
        if (settings.maxEvaluations() < 1) problems.add("--max-evaluations must be >= 1, got " + settings.maxEvaluations());
        if (settings.bootstrap() < 0) problems.add("--bootstrap must be >= 0, got " + settings.bootstrap());
        if (settings.restarts() < 0) problems.add("--restarts must be >= 0, got " + settings.restarts());
        List<FreeParameter> parameters = new ArrayList<>();
        for (String s : free) collect(problems, () -> parameters.add(FreeParameter.parse(s, "--free")));
        if (freeFile != null) {
            try {
                List<String> lines = Files.readAllLines(freeFile, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty() || line.startsWith("#")) continue;
                    String where = freeFile + ", line " + (i + 1);
                    collect(problems, () -> parameters.add(FreeParameter.parse(line, where)));
                }
            } catch (IOException e) {
                problems.add("cannot read --free-file " + freeFile + ": " + e.getMessage());
            }
        }
        if (parameters.isEmpty() && problems.isEmpty()) problems.add("no free parameter: give at least one --free PATH=LO..HI");
        TargetSet set = collect(problems, () -> TargetReader.read(targets));
        ObjectNode base = collect(problems, () -> baseJson(device));
        if (set != null && base != null) collect(problems, () -> {
            FitProblems.check(set, base, device, parameters);
            return null;
        });
        if (!problems.isEmpty()) throw new UserInputException(String.join("\n", problems));

        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "profile-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            FitObjective objective = new FitObjective(set, device, base, parameters, executor);
            ProfileFit.Result result = ProfileFit.run(objective, settings, progress);
            if (!result.converged()) {
                throw new UserInputException(String.format(Locale.ROOT, "did not converge after %d evaluations; best objective %.6g"
                        + " (raise --max-evaluations; nothing written)", result.evaluations(), result.objective()));
            }
            return new Outcome(objective, result);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The base profile's JSON tree, exactly as written (checked by the profile reader). */
    private static ObjectNode baseJson(String device) {
        String text = ProfileCatalog.builtIn().json(device);
        try {
            return (ObjectNode) new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a profile the reader accepted is not JSON: " + device, e);
        }
    }

    private static <T> T collect(List<String> problems, Supplier<T> step) {
        try {
            return step.get();
        } catch (UserInputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
