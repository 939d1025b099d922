package org.hetsched.reports.sweep.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.sweep.Shard;

/**
 * job.json: what a Slurm job folder runs, fixed when the folder is written. Shard {@code i} of
 * {@link #shards()} always means the same points, so a resubmitted task computes exactly what the
 * first attempt would have. Immutable.
 *
 * @param sweep       the sweep's name
 * @param jobName     the name both of the job's Slurm jobs carry (the merge job's ends in {@code -merge})
 * @param config      the sweep configuration, absolute
 * @param fingerprint the configuration's fingerprint when the job was written
 * @param points      points in the whole sweep
 * @param groups      workload groups in the sweep (a shard takes whole groups)
 * @param shards      tasks in the array, ≥ 1
 * @param maxParallel at most this many tasks run at once; 0 for no limit
 * @param sbatch      extra options for both sbatch calls
 * @param java        the java the tasks run (unless HETSCHED_JAVA says otherwise at job time)
 * @param jar         the hetsched jar the tasks run, absolute
 * @param jarSha256   the jar's SHA-256 when the job was written
 */
public record SlurmJobSpec(String sweep, String jobName, Path config, String fingerprint, int points, int groups, int shards,
                           int maxParallel, SbatchOptions sbatch, String java, Path jar, String jarSha256) {
    public static final String FILE = "job.json";
    private static final String FORMAT = "hetsched-slurm-job/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SlurmJobSpec {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        if (maxParallel < 0) throw new IllegalArgumentException("maxParallel must be >= 0, got " + maxParallel);
    }

    /** Shard {@code index} of this job. */
    public Shard shard(int index) {
        return new Shard(index, shards);
    }

    public void write(OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("sweep", sweep);
        root.put("jobName", jobName);
        root.put("config", config.toString());
        root.put("fingerprint", fingerprint);
        root.put("points", points);
        root.put("groups", groups);
        root.put("shards", shards);
        root.put("maxParallel", maxParallel);
        ArrayNode options = root.putArray("sbatch");
        sbatch.words().forEach(options::add);
        root.put("java", java);
        root.put("jar", jar.toString());
        root.put("jarSha256", jarSha256);
        MAPPER.writeValue(out, root);
    }

    /** @throws UserInputException if {@code dir} holds no job or its job.json is not one */
    public static SlurmJobSpec read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new UserInputException(dir + " holds no Slurm job (no " + FILE + "); write one with: hetsched sweep CONFIG --slurm "
                    + dir);
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new UserInputException(file + ": not a hetsched Slurm job (format " + FORMAT + ")");
            }
            List<String> words = new ArrayList<>();
            root.path("sbatch").forEach(w -> words.add(w.asText()));
            int shards = root.path("shards").asInt(0);
            int maxParallel = root.path("maxParallel").asInt(-1);
            if (shards < 1 || maxParallel < 0) throw new UserInputException(file + ": $.shards or $.maxParallel is not a count");
            return new SlurmJobSpec(root.path("sweep").asText(), root.path("jobName").asText(), Path.of(root.path("config").asText()),
                    root.path("fingerprint").asText(), root.path("points").asInt(), root.path("groups").asInt(), shards, maxParallel,
                    new SbatchOptions(words), root.path("java").asText(), Path.of(root.path("jar").asText()),
                    root.path("jarSha256").asText());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
