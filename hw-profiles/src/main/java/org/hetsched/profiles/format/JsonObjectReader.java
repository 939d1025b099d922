package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object, recording a problem (with its JSON path) for every missing,
 * mistyped or out-of-range value instead of stopping at the first. Every accessor names a key the
 * object may have, so {@link #rejectUnknownKeys()} afterwards reports typos. Single-threaded.
 *
 * <p>Accessors return {@code null} when the value is absent or bad; the problem is already
 * recorded, so callers only decide whether they can go on.
 */
public final class JsonObjectReader {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> allowed = new LinkedHashSet<>();

    private JsonObjectReader(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader over {@code node}, or {@code null} (with a problem) if it is not a JSON object. */
    public static JsonObjectReader of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path, "expected an object, got " + JsonSupport.describe(node));
            return null;
        }
        return new JsonObjectReader(node, path, problems);
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path + "." + key;
    }

    /** The raw value, or {@code null} when absent (a problem if {@code required}). */
    public JsonNode raw(String key, boolean required) {
        allowed.add(key);
        JsonNode value = node.get(key);
        if (value == null && required) problems.add(pathOf(key), "missing required field");
        return value;
    }

    public boolean has(String key) {
        return node.has(key);
    }

    public String string(String key, boolean required) {
        JsonNode value = raw(key, required);
        return value == null ? null : string(value, pathOf(key), problems);
    }

    public Double number(String key, boolean required, NumberRule rule) {
        JsonNode value = raw(key, required);
        return value == null ? null : number(value, pathOf(key), rule, problems);
    }

    public Integer integer(String key, boolean required, int min) {
        JsonNode value = raw(key, required);
        return value == null ? null : integer(value, pathOf(key), min, problems);
    }

    public <E extends Enum<E>> E enumValue(String key, boolean required, String what, List<E> accepted) {
        JsonNode value = raw(key, required);
        return value == null ? null : enumValue(value, pathOf(key), what, accepted, problems);
    }

    /** The elements of an array field, or {@code null} (with a problem) if it is not an array. */
    public List<JsonNode> array(String key, boolean required, boolean nonEmpty) {
        JsonNode value = raw(key, required);
        if (value == null) return null;
        if (!value.isArray()) {
            problems.add(pathOf(key), "expected an array, got " + JsonSupport.describe(value));
            return null;
        }
        if (nonEmpty && value.isEmpty()) {
            problems.add(pathOf(key), "must not be empty");
            return null;
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    public JsonObjectReader object(String key, boolean required) {
        JsonNode value = raw(key, required);
        return value == null ? null : of(value, pathOf(key), problems);
    }

    /** Field names of this object, in file order (for map-like objects such as {@code sources}). */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    /** Reports every key that no accessor asked for; call after all accessors. */
    public void rejectUnknownKeys() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(pathOf(key), "unknown field (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    public static String string(JsonNode value, String path, Problems problems) {
        if (!value.isTextual()) {
            problems.add(path, "expected a string, got " + JsonSupport.describe(value));
            return null;
        }
        if (value.asText().isBlank()) {
            problems.add(path, "must not be empty");
            return null;
        }
        return value.asText();
    }

    public static Double number(JsonNode value, String path, NumberRule rule, Problems problems) {
        if (!value.isNumber()) {
            problems.add(path, "expected a number, got " + JsonSupport.describe(value));
            return null;
        }
        double d = value.asDouble();
        if (!Double.isFinite(d)) {
            problems.add(path, "must be a finite number, got " + value.asText());
            return null;
        }
        if (!rule.accepts(d)) {
            problems.add(path, rule.expectation() + ", got " + value.asText());
            return null;
        }
        return d;
    }

    public static Integer integer(JsonNode value, String path, int min, Problems problems) {
        if (!value.isIntegralNumber()) {
            problems.add(path, "expected an integer, got " + JsonSupport.describe(value));
            return null;
        }
        if (!value.canConvertToInt()) {
            problems.add(path, "must be at most " + Integer.MAX_VALUE + ", got " + value.asText());
            return null;
        }
        if (value.asInt() < min) {
            problems.add(path, "must be >= " + min + ", got " + value.asText());
            return null;
        }
        return value.asInt();
    }

    static <E extends Enum<E>> E enumValue(JsonNode value, String path, String what, List<E> accepted, Problems problems) {
        String text = string(value, path, problems);
        if (text == null) return null;
        for (E e : accepted) {
            if (e.name().equals(text)) return e;
        }
        problems.add(path, "unknown " + what + " '" + text + "' (expected "
                + accepted.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
        return null;
    }

    /** All constants of an enum, for {@link #enumValue}. */
    static <E extends Enum<E>> List<E> all(Class<E> type) {
        return Arrays.asList(type.getEnumConstants());
    }
}
