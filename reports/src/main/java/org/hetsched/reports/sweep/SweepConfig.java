package org.hetsched.reports.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hetsched.scheduler.PolicyOptions;

/**
 * A sweep: the cross product models × devices × plans × prompt lengths × chunk sizes × policies ×
 * seeds, read from a YAML file by {@link SweepConfigReader}. Immutable.
 *
 * @param name                    the sweep's name (output folder, chart titles)
 * @param models                  catalog names or config.json paths
 * @param devices                 built-in profile names or paths
 * @param plans                   built-in plan names or paths
 * @param prompts                 prompt lengths in tokens
 * @param chunks                  chunk sizes in tokens
 * @param policies                policy names
 * @param seeds                   seeds (only the random policy uses them)
 * @param includeGraphPreparation charge graph preparation inside the makespan
 * @param options                 policy parameters (the seed is replaced per point)
 * @param baseDirectory           where relative paths among the names are resolved (the config
 *                                file's folder); not part of the {@link #fingerprint()}, so shards
 *                                run from different folders or machines still merge
 */
public record SweepConfig(String name, List<String> models, List<String> devices, List<String> plans,
                          List<Integer> prompts, List<Integer> chunks, List<String> policies, List<Long> seeds,
                          boolean includeGraphPreparation, PolicyOptions options, Path baseDirectory) {

    public SweepConfig {
        models = List.copyOf(models);
        devices = List.copyOf(devices);
        plans = List.copyOf(plans);
        prompts = List.copyOf(prompts);
        chunks = List.copyOf(chunks);
        policies = List.copyOf(policies);
        seeds = List.copyOf(seeds);
    }

    /**
     * Every point, in canonical order: model, then device, plan, prompt, chunk (together, the
     * workload group), then policy and seed. Results are always reported in this order.
     */
    public List<SweepPoint> points() {
        List<SweepPoint> points = new ArrayList<>();
        int group = 0;
        for (String model : models) {
            for (String device : devices) {
                for (String plan : plans) {
                    for (int prompt : prompts) {
                        for (int chunk : chunks) {
                            for (String policy : policies) {
                                for (long seed : seeds) {
                                    points.add(new SweepPoint(points.size(), group, model, device, plan, prompt, chunk,
                                            policy, seed));
                                }
                            }
                            group++;
                        }
                    }
                }
            }
        }
        return points;
    }

    /**
     * A model, device or plan as written in the config, resolved for loading: names that look like
     * paths (contain '/' or end in .json) are taken relative to {@link #baseDirectory()}.
     */
    public String resolve(String nameOrPath) {
        if (baseDirectory == null || !(nameOrPath.contains("/") || nameOrPath.endsWith(".json"))) return nameOrPath;
        Path path = Path.of(nameOrPath);
        return path.isAbsolute() ? nameOrPath : baseDirectory.resolve(path).normalize().toString();
    }

    /**
     * A digest of everything that determines the results, so shards of different sweeps are never
     * merged and a rerun never reuses rows computed from other inputs. A model, device or plan given
     * as a file counts by its content (SHA-256 of its bytes), not its location: editing the file
     * changes the fingerprint, while shards run from other folders or machines still merge.
     */
    public String fingerprint() {
        String canonical = String.join("\n", name, models.toString(), devices.toString(), plans.toString(),
                prompts.toString(), chunks.toString(), policies.toString(), seeds.toString(),
                Boolean.toString(includeGraphPreparation), Integer.toString(options.pipelineLagSubgraphs()),
                options.optimalTimeLimit().toString(), Integer.toString(options.optimalMaxTasks()));
        StringBuilder files = new StringBuilder();
        for (List<String> names : List.of(models, devices, plans)) {
            for (String entry : names) {
                String resolved = resolve(entry);
                if (entry.contains("/") || entry.endsWith(".json")) {
                    files.append('\n').append(entry).append('=').append(contentDigest(Path.of(resolved)));
                }
            }
        }
        return HexFormat.of().formatHex(sha256((canonical + files).getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    /** The file's SHA-256, or "unreadable" (resolving the sweep then reports why). */
    private static String contentDigest(Path file) {
        try {
            return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
