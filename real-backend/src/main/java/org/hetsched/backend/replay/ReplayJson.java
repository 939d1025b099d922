package org.hetsched.backend.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceRow;

/**
 * The JSON a child replay hands back: {@code {"format", "graph", "policy", "rows": [[task, processor,
 * startNs, endNs], ...], "events": {type, value, unit, label, children}}}. Stateless.
 */
final class ReplayJson {
    static final String FORMAT = "hetsched-replay/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplayJson() {
    }

    static String write(ReplayResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("graph", result.trace().graph().name());
        root.put("policy", result.trace().policy());
        ArrayNode rows = root.putArray("rows");
        for (TraceRow r : result.trace().rows()) {
            rows.addArray().add(r.task()).add(r.processor()).add(r.startNs()).add(r.endNs());
        }
        root.set("events", event(result.events()));
        return root.toString();
    }

    /**
     * Reads {@link #write}'s output back over {@code graph} and {@code lanes}.
     *
     * @throws IllegalStateException if the JSON is not such a replay of that graph
     */
    static ReplayResult read(String json, TaskGraph graph, Platform lanes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("child replay wrote malformed JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalStateException("child replay output is not " + FORMAT);
        }
        if (!graph.name().equals(root.path("graph").asText())) {
            throw new IllegalStateException("child replayed graph " + root.path("graph").asText() + ", expected " + graph.name());
        }
        JsonNode rows = root.path("rows");
        int n = graph.size();
        if (rows.size() != n) throw new IllegalStateException("child replay has " + rows.size() + " rows, graph has " + n + " tasks");
        int[] processorOf = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        for (JsonNode row : rows) {
            int t = row.get(0).asInt();
            processorOf[t] = row.get(1).asInt();
            start[t] = row.get(2).asLong();
            end[t] = row.get(3).asLong();
        }
        Trace trace = new Trace(ReplayCosts.table(graph, lanes), root.path("policy").asText(), processorOf, start, end);
        return new ReplayResult(trace, event(root.path("events")));
    }

    private static ObjectNode event(ProfilingEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", e.type().name());
        node.put("value", e.value());
        node.put("unit", e.unit().name());
        node.put("label", e.label());
        ArrayNode children = node.putArray("children");
        for (ProfilingEvent c : e.children()) children.add(event(c));
        return node;
    }

    private static ProfilingEvent event(JsonNode node) {
        List<ProfilingEvent> children = new ArrayList<>();
        for (JsonNode c : node.path("children")) children.add(event(c));
        return new ProfilingEvent(ProfilingEvent.Type.valueOf(node.path("type").asText()), node.path("value").asLong(),
                ProfilingEvent.Unit.valueOf(node.path("unit").asText()), node.path("label").asText(), children);
    }
}
