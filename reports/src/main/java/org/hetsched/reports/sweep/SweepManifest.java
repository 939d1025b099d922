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
 */
public record SweepManifest(String name, String fingerprint, Shard shard, List<String> order) {
    public static final String FILE = "sweep.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepManifest {
        order = List.copyOf(order);
    }

    public static SweepManifest of(SweepConfig config, Shard shard) {
        return new SweepManifest(config.name(), config.fingerprint(), shard,
                config.points().stream().map(SweepPoint::key).toList());
    }

    public void write(OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "hetsched-sweep/1");
        root.put("name", name);
        root.put("fingerprint", fingerprint);
        root.put("shard", shard.toString());
        ArrayNode points = root.putArray("points");
        order.forEach(points::add);
        MAPPER.writeValue(out, root);
    }

    /** @throws UserInputException if the file is missing or not a sweep manifest */
    public static SweepManifest read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !"hetsched-sweep/1".equals(root.path("format").asText())) {
                throw new UserInputException(file + ": not a hetsched sweep manifest");
            }
            List<String> order = new ArrayList<>();
            root.path("points").forEach(p -> order.add(p.asText()));
            return new SweepManifest(root.path("name").asText(), root.path("fingerprint").asText(),
                    Shard.parse(root.path("shard").asText()), order);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
