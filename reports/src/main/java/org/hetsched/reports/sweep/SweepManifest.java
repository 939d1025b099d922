package org.hetsched.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * sweep.json: which sweep a results folder belongs to and which slice of it it holds, with the
 * key of every point of the whole sweep in canonical order, so shards can be merged (and checked
 * for completeness) without the original configuration.
 *
 * @param name        the sweep's name
 * @param fingerprint {@link SweepConfig#fingerprint()}
 * @param shard       the slice this folder holds
 * @param order       every point's key, whole sweep, canonical order
 * @param resultsSha256 the SHA-256 (hex) of the folder's results.csv as written, so that a results
 *                    file changed afterwards is never merged or reused as if it were computed;
 *                    {@code null} before the results are known
 */
public record SweepManifest(String name, String fingerprint, Shard shard, List<String> order, String resultsSha256) {
    public static final String FILE = "sweep.json";
    /** Version 2 added {@code resultsSha256}; a folder of version 1 is refused (rerun its shard). */
    private static final String FORMAT = "hetsched-sweep/2";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepManifest {
        order = List.copyOf(order);
    }

    public static SweepManifest of(SweepConfig config, Shard shard) {
        return new SweepManifest(config.name(), config.fingerprint(), shard,
                config.points().stream().map(SweepPoint::key).toList(), null);
    }

    /** This manifest for a folder whose results.csv has the SHA-256 {@code sha256}. */
    public SweepManifest withResults(String sha256) {
        return new SweepManifest(name, fingerprint, shard, order, sha256);
    }

    public void write(OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        if (resultsSha256 == null) throw new IllegalStateException("a sweep manifest is written with its results' digest");
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("fingerprint", fingerprint);
        root.put("shard", shard.toString());
        root.put("resultsSha256", resultsSha256);
        ArrayNode points = root.putArray("points");
        order.forEach(points::add);
        MAPPER.writeValue(out, root);
    }

    /** @throws UserInputException if the file is missing or not a sweep manifest */
    public static SweepManifest read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !root.path("format").asText().startsWith("hetsched-sweep/")) {
                throw new UserInputException(file + ": not a hetsched sweep manifest");
            }
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new UserInputException(file + ": written by an earlier hetsched (" + root.path("format").asText()
                        + ", without a digest of its results); rerun that sweep or shard");
            }
            String sha = root.path("resultsSha256").asText();
            if (!sha.matches("[0-9a-f]{64}")) throw new UserInputException(file + ": $.resultsSha256 is not a SHA-256 digest");
            List<String> order = new ArrayList<>();
            root.path("points").forEach(p -> order.add(p.asText()));
            return new SweepManifest(root.path("name").asText(), root.path("fingerprint").asText(),
                    Shard.parse(root.path("shard").asText()), order, sha);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
