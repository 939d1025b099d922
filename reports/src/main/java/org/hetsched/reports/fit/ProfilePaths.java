package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable paths to the nodes of a profile's JSON tree, found generically, so that a field added
 * to the format later is addressable without code here. An object's field is {@code .field}; an
 * array's element is {@code [KEY]}, where KEY is built from the element's own text fields: its
 * {@code name}; else {@code victim<-aggressor} (a contention entry); else {@code from->to}; else
 * its {@code processor}, {@code kind} and {@code dtype} (those it has) joined by {@code /}; else its
 * index. So
 * {@code processors[npu].dispatchOverheadUs}, {@code analytic[npu/INT8].matmul.macsPerSecond},
 * {@code sync[cpu->npu].latencyUs}, {@code graphPreparation[npu].perGraphMs}. A <em>sourced
 * number</em> is an object {@code {"value": number, "source": text}}; only those can be fitted.
 */
public final class ProfilePaths {
    private static final String VALUE = "value";
    private static final String SOURCE = "source";

    private final Map<String, JsonNode> nodes = new LinkedHashMap<>();

    private ProfilePaths(ObjectNode root) {
        walk("", root);
    }

    /** Every node of {@code root} by its path, in document order. */
    public static ProfilePaths of(ObjectNode root) {
        return new ProfilePaths(root);
    }

    /** The node at {@code path}, or {@code null} if the tree has none there. */
    public JsonNode node(String path) {
        return nodes.get(path);
    }

    /** Whether {@code node} is a sourced number ({@code {"value": number, "source": text}}). */
    public static boolean isSourcedNumber(JsonNode node) {
        return node != null && node.isObject() && node.path(VALUE).isNumber() && node.path(SOURCE).isTextual();
    }

    /** The paths of every sourced number, in document order. */
    public List<String> sourcedNumbers() {
        return nodes.entrySet().stream().filter(e -> isSourcedNumber(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** Up to {@code limit} sourced-number paths closest to {@code path} (edit distance, then document order). */
    public List<String> closeMatches(String path, int limit) {
        List<String> all = new ArrayList<>(sourcedNumbers());
        all.sort(Comparator.comparingInt(p -> distance(p, path)));
        return all.subList(0, Math.min(limit, all.size()));
    }

    private void walk(String path, JsonNode node) {
        if (!path.isEmpty()) nodes.put(path, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String key = key(node.get(i), i);
                String child = path + "[" + key + "]";
                // two elements with one key (not a valid profile) stay reachable by index
                walk(nodes.containsKey(child) ? path + "[" + i + "]" : child, node.get(i));
            }
        }
    }

    /** The element's key, as the class comment describes. */
    static String key(JsonNode element, int index) {
        if (element.path("name").isTextual()) return element.get("name").asText();
        if (element.path("victim").isTextual() && element.path("aggressor").isTextual()) {
            return element.get("victim").asText() + "<-" + element.get("aggressor").asText();
        }
        if (element.path("from").isTextual() && element.path("to").isTextual()) {
            return element.get("from").asText() + "->" + element.get("to").asText();
        }
        List<String> parts = new ArrayList<>();
        for (String f : List.of("processor", "kind", "dtype")) {
            if (element.path(f).isTextual()) parts.add(element.get(f).asText());
        }
        return parts.isEmpty() ? Integer.toString(index) : String.join("/", parts);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
