package org.hetsched.profiles.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;

/**
 * Writes new measured points into the JSON tree of a device profile (format: hw-profiles/README.md),
 * leaving every other number as it was written. Stateless.
 *
 * <p>A new point replaces a point of the same (batch, m, k, n) in its (processor, kind, dtype)
 * entry. Within one (batch, k, n) of an entry, latency may not fall as m grows (format rule 11): a
 * point of the base that would break that against a new point (a smaller m with a larger latency,
 * or a larger m with a smaller one) is dropped, so the new measurements win over older numbers of
 * the same shape family. The new points must already be non-decreasing in m among themselves.
 */
public final class ProfileMerge {
    private ProfileMerge() {
    }

    /** A point to write; {@code latencyMs} > 0. */
    public record NewPoint(OpKind kind, DType dtype, int batch, int m, int k, int n, double latencyMs) {
        String shape() {
            return batch + "x(" + m + "x" + k + " . " + k + "x" + n + ")";
        }
    }

    /**
     * What the merge took out of the base.
     *
     * @param replaced base points of the same shape as a new one, "KIND/DTYPE shape: latency ms (source)"
     * @param dropped  base points dropped to keep latency non-decreasing in m, same form
     */
    public record Outcome(List<String> replaced, List<String> dropped) {
        public Outcome {
            replaced = List.copyOf(replaced);
            dropped = List.copyOf(dropped);
        }
    }

    /** Adds {@code points} for {@code processor} to {@code root}'s {@code costs}, each with source {@code sourceId}. */
    public static Outcome addPoints(ObjectNode root, String processor, List<NewPoint> points, String sourceId) {
        ArrayNode costs = root.has("costs") ? (ArrayNode) root.get("costs") : root.putArray("costs");
        Map<String, List<NewPoint>> byEntry = new LinkedHashMap<>();
        for (NewPoint p : points) byEntry.computeIfAbsent(p.kind() + "/" + p.dtype(), k -> new ArrayList<>()).add(p);
        List<String> replaced = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (List<NewPoint> group : byEntry.values()) {
            NewPoint first = group.get(0);
            ObjectNode entry = findEntry(costs, processor, first.kind(), first.dtype());
            if (entry == null) {
                entry = costs.addObject();
                entry.put("processor", processor);
                entry.put("kind", first.kind().name());
                entry.put("dtype", first.dtype().name());
                entry.put("source", sourceId);
                entry.putArray("points");
            }
            String entrySource = entry.path("source").asText();
            ArrayNode existing = (ArrayNode) entry.get("points");
            for (Iterator<JsonNode> it = existing.elements(); it.hasNext(); ) {
                JsonNode old = it.next();
                int batch = old.path("batch").asInt(1);
                int m = old.path("m").asInt();
                int k = old.path("k").asInt();
                int n = old.path("n").asInt();
                double latencyMs = old.path("latencyMs").asDouble();
                String what = first.kind() + "/" + first.dtype() + " " + new NewPoint(first.kind(), first.dtype(), batch, m, k, n, latencyMs).shape()
                        + ": " + old.path("latencyMs").asText() + " ms (source " + old.path("source").asText(entrySource) + ")";
                boolean same = false;
                boolean conflict = false;
                for (NewPoint p : group) {
                    if (p.batch() != batch || p.k() != k || p.n() != n) continue;
                    if (p.m() == m) same = true;
                    if ((p.m() < m && p.latencyMs() > latencyMs) || (p.m() > m && p.latencyMs() < latencyMs)) conflict = true;
                }
                if (same) {
                    replaced.add(what);
                    it.remove();
                } else if (conflict) {
                    dropped.add(what);
                    it.remove();
                }
            }
            for (NewPoint p : group) {
                ObjectNode point = existing.addObject();
                point.put("batch", p.batch());
                point.put("m", p.m());
                point.put("k", p.k());
                point.put("n", p.n());
                point.put("latencyMs", p.latencyMs());
                point.put("source", sourceId);
            }
        }
        return new Outcome(replaced, dropped);
    }

    /** Sets {@code processor}'s one-time preparation per static graph, replacing an entry it had. */
    public static void setGraphPreparation(ObjectNode root, String processor, double perGraphMs, String sourceId) {
        ArrayNode list = root.has("graphPreparation") ? (ArrayNode) root.get("graphPreparation") : root.putArray("graphPreparation");
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
        value.put("source", sourceId);
    }

    private static ObjectNode findEntry(ArrayNode costs, String processor, OpKind kind, DType dtype) {
        for (JsonNode e : costs) {
            if (e.path("processor").asText().equals(processor) && e.path("kind").asText().equals(kind.name())
                    && e.path("dtype").asText().equals(dtype.name())) {
                return (ObjectNode) e;
            }
        }
        return null;
    }
}
