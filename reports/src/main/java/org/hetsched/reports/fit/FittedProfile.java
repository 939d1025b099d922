package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.reports.reproduce.TargetReader;

/**
 * The base profile with the fitted values written in. Each fitted number gets its own new source,
 * {@code fitted-<targets name>/<path>}, whose text says it was fitted, by which version, when, to
 * which targets (file name and SHA-256), with which free parameters and bounds, how well
 * (objective, median |error|, leave-one-out median |error|), and what the base value and its
 * source were. Every other number stays as the base wrote it.
 */
public final class FittedProfile {
    private FittedProfile() {
    }

    /**
     * The fitted profile's JSON text, read back by the profile reader (an invalid result is a bug and throws).
     *
     * @param objective the fit's objective (its base profile, parameters and targets)
     * @param result    a converged fit
     * @param name      the new profile's name, or {@code null} to keep the base's
     * @param version   hetsched's version, for the provenance
     * @param when      the time of the fit
     */
    public static String text(FitObjective objective, ProfileFit.Result result, String name, String version, Instant when) {
        if (!result.converged()) throw new IllegalStateException("a fit that did not converge writes no profile");
        ObjectNode root = objective.withValues(result.fitted());
        ObjectNode base = objective.withValues(objective.baseValues());
        ProfilePaths basePaths = ProfilePaths.of(base);
        ProfilePaths paths = ProfilePaths.of(root);
        String targets = objective.targets().file();
        String targetsName = Path.of(targets).getFileName().toString().replaceFirst("\\.csv$", "");
        String free = objective.parameters().stream().map(p -> p.name() + " in " + FitProblems.num(p.low()) + ".." + FitProblems.num(p.high())
                + (p.hasPrior() ? " prior " + FitProblems.num(p.priorMean()) + "+-" + FitProblems.num(p.priorSd()) : ""))
                .collect(Collectors.joining("; "));
        String loo = Double.isNaN(result.leaveOneOutMedian()) ? "not computed"
                : String.format(Locale.ROOT, "%.1f%%", 100 * result.leaveOneOutMedian());
        String common = String.format(Locale.ROOT, "Fitted. hetsched profile fit %s on %s, to targets %s (sha256 %s), free parameters %s, "
                        + "objective %.6g, median |error| %.1f%%, LOO median |error| %s", version, when, Path.of(targets).getFileName(),
                sha256(targets), free, result.objective(), 100 * result.after().medianAbsoluteError().orElse(Double.NaN), loo);
        for (FreeParameter p : objective.parameters()) {
            for (String path : p.paths()) {
                ObjectNode old = (ObjectNode) basePaths.node(path);
                String id = "fitted-" + targetsName + "/" + path;
                ProfileJson.putSource(root, id, common + "; base value " + old.get("value").asText() + " from " + old.get("source").asText());
                ((ObjectNode) paths.node(path)).put("source", id);
            }
        }
        if (name != null) ProfileJson.setName(root, name);
        String text = ProfileJson.toText(root);
        ProfileReader.parse(text, "the fitted profile");
        return text;
    }

    /** SHA-256 (hex) of the targets file's bytes, or of the built-in set's. */
    static String sha256(String targets) {
        try {
            byte[] bytes;
            if (targets.equals(TargetReader.BUILT_IN)) {
                try (InputStream in = TargetReader.class.getResourceAsStream(TargetReader.BUILT_IN + ".csv")) {
                    bytes = in.readAllBytes();
                }
            } else {
                bytes = Files.readAllBytes(Path.of(targets));
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UserInputException("cannot read targets " + targets + " again to hash it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The parameters' specs, for messages. */
    static String specs(List<FreeParameter> parameters) {
        return parameters.stream().map(FreeParameter::spec).collect(Collectors.joining(", "));
    }
}
