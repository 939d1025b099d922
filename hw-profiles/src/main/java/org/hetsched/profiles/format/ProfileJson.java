package org.hetsched.profiles.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.platform.Processor;

/**
 * Writes device profiles ({@value ProfileValidator#FORMAT}, see hw-profiles/README.md) as Jackson trees: the one
 * place outside the reader ({@link ProfileValidator}) that knows the field names. Every writer of a
 * profile (calibration, the QNN import, the merge of new points into a base) builds its tree
 * through these methods, so the fields appear in the order the format documents. Stateless.
 */
public final class ProfileJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ProfileJson() {
    }

    /** A new profile: {@code format}, {@code name}, {@code description}, {@code measuredOn}, then an empty {@code sources}. */
    public static ObjectNode newProfile(String name, String description, MeasuredOn measuredOn) {
        ObjectNode root = JSON.objectNode();
        root.put("format", ProfileValidator.FORMAT);
        root.put("name", name);
        root.put("description", description);
        root.set(MeasuredOn.FIELD, measuredOn.toJson());
        root.putObject("sources");
        return root;
    }

    /** Renames the profile. */
    public static void setName(ObjectNode root, String name) {
        root.put("name", name);
    }

    /** The profile's description, "" if it has none. */
    public static String description(ObjectNode root) {
        return root.path("description").asText();
    }

    /** Replaces the profile's description. */
    public static void setDescription(ObjectNode root, String description) {
        root.put("description", description);
    }

    /** Drops the profile's {@code measuredOn}: it no longer describes where every number was measured. */
    public static void removeMeasuredOn(ObjectNode root) {
        root.remove(MeasuredOn.FIELD);
    }

    /** Adds (or replaces) source {@code id} with {@code text}. */
    public static void putSource(ObjectNode root, String id, String text) {
        ObjectNode sources = root.has("sources") ? (ObjectNode) root.get("sources") : root.putObject("sources");
        sources.put(id, text);
    }

    /** Appends {@code processor} to {@code processors}: name, kind, dtypes (sorted), and its dispatch overhead. */
    public static void addProcessor(ObjectNode root, Processor processor, double dispatchOverheadUs, String source) {
        ObjectNode node = array(root, "processors").addObject();
        node.put("name", processor.name());
        node.put("kind", processor.kind().name());
        ArrayNode dtypes = node.putArray("dtypes");
        processor.dtypes().stream().sorted().forEach(d -> dtypes.add(d.name()));
        sourced(node, "dispatchOverheadUs", dispatchOverheadUs, source);
    }

    /** The {@code costs} entry of (processor, kind, dtype), or {@code null} if the profile has none. */
    public static ObjectNode findCostEntry(ObjectNode root, String processor, OpKind kind, DType dtype) {
        for (JsonNode e : array(root, "costs")) {
            if (e.path("processor").asText().equals(processor) && e.path("kind").asText().equals(kind.name())
                    && e.path("dtype").asText().equals(dtype.name())) {
                return (ObjectNode) e;
            }
        }
        return null;
    }

    /** Appends a {@code costs} entry of (processor, kind, dtype) with source {@code source} and no points yet. */
    public static ObjectNode addCostEntry(ObjectNode root, String processor, OpKind kind, DType dtype, String source) {
        ObjectNode entry = array(root, "costs").addObject();
        entry.put("processor", processor);
        entry.put("kind", kind.name());
        entry.put("dtype", dtype.name());
        entry.put("source", source);
        entry.putArray("points");
        return entry;
    }

    /** The source id of a {@code costs} entry. */
    public static String entrySource(ObjectNode entry) {
        return entry.path("source").asText();
    }

    /** The points of a {@code costs} entry. */
    public static ArrayNode points(ObjectNode entry) {
        return (ArrayNode) entry.get("points");
    }

    /** One point as read back: its shape, latency and source (the entry's when it names none). */
    public record PointView(int batch, int m, int k, int n, double latencyMs, String latencyText, String source) {
    }

    /** A point of {@link #points} as written ({@code batch} defaults to 1, {@code source} to {@code entrySource}). */
    public static PointView point(JsonNode point, String entrySource) {
        return new PointView(point.path("batch").asInt(1), point.path("m").asInt(), point.path("k").asInt(), point.path("n").asInt(),
                point.path("latencyMs").asDouble(), point.path("latencyMs").asText(), point.path("source").asText(entrySource));
    }

    /** Appends a point: {@code batch}, {@code m}, {@code k}, {@code n}, {@code latencyMs}, {@code source}. */
    public static void addPoint(ArrayNode points, int batch, int m, int k, int n, double latencyMs, String source) {
        ObjectNode point = points.addObject();
        point.put("batch", batch);
        point.put("m", m);
        point.put("k", k);
        point.put("n", n);
        point.put("latencyMs", latencyMs);
        point.put("source", source);
    }

    /**
     * Appends an {@code analytic} entry of (processor, dtype): a matmul roofline (fixed µs, MAC/s,
     * bytes/s) and an element-wise one (fixed µs, bytes/s), each number with its source.
     */
    public static void addAnalytic(ObjectNode root, String processor, DType dtype, double matmulFixedUs, double macsPerSecond,
                                   double bytesPerSecond, String matmulSource, double elementwiseFixedUs, String elementwiseSource) {
        ObjectNode node = array(root, "analytic").addObject();
        node.put("processor", processor);
        node.put("dtype", dtype.name());
        ObjectNode matmul = node.putObject("matmul");
        sourced(matmul, "fixedUs", matmulFixedUs, matmulSource);
        sourced(matmul, "macsPerSecond", macsPerSecond, matmulSource);
        sourced(matmul, "bytesPerSecond", bytesPerSecond, elementwiseSource);
        ObjectNode elementwise = node.putObject("elementwise");
        sourced(elementwise, "fixedUs", elementwiseFixedUs, elementwiseSource);
        sourced(elementwise, "bytesPerSecond", bytesPerSecond, elementwiseSource);
    }

    /** Appends a {@code sync} entry: a hand-off from one processor to another costs {@code latencyUs}. */
    public static void addSync(ObjectNode root, String from, String to, double latencyUs, String source) {
        ObjectNode node = array(root, "sync").addObject();
        node.put("from", from);
        node.put("to", to);
        sourced(node, "latencyUs", latencyUs, source);
    }

    /** Sets {@code processor}'s one-time preparation per static graph, replacing an entry it had. */
    public static void setGraphPreparation(ObjectNode root, String processor, double perGraphMs, String source) {
        ArrayNode list = array(root, "graphPreparation");
        ObjectNode entry = null;
        for (JsonNode e : list) {
            if (e.path("processor").asText().equals(processor)) entry = (ObjectNode) e;
        }
        if (entry == null) {
            entry = list.addObject();
            entry.put("processor", processor);
        }
        ObjectNode value = entry.putObject("perGraphMs");
        value.put("value", perGraphMs);
        value.put("source", source);
    }

    /** Writes the profile as indented JSON to {@code out}, which stays open. */
    public static void write(OutputStream out, ObjectNode root) throws IOException {
        INDENTED.writeValue(out, root);
    }

    /** The profile as indented JSON text ending in a newline. */
    public static String toText(ObjectNode root) {
        try {
            return INDENTED.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise profile " + root.path("name").asText(), e);
        }
    }

    private static ArrayNode array(ObjectNode root, String field) {
        return root.has(field) ? (ArrayNode) root.get(field) : root.putArray(field);
    }

    /** {@code parent.field = {value, source}}; a number that is not finite and ≥ 0 is a bug of the caller. */
    private static void sourced(ObjectNode parent, String field, double value, String source) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalStateException(field + " = " + value + " (source " + source + ") is not a finite number >= 0");
        }
        ObjectNode node = parent.putObject(field);
        node.put("value", value);
        node.put("source", source);
    }
}
