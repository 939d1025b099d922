package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;

/**
 * Reads generic task graph files (format: hw-profiles/README.md, "Task graph format"): processors
 * by name, tasks with a cost per processor (absent = not eligible), edges with a transfer cost paid
 * only when the two ends run on different processors. Every problem of a file is reported at once;
 * a cycle names its tasks. Stateless and thread-safe.
 */
public final class GraphReader {
    private GraphReader() {
    }

    /**
     * @throws GraphFormatException                               listing every problem of the content
     * @throws org.hetsched.core.graph.CyclicGraphException        if the edges form a cycle
     * @throws org.hetsched.core.UserInputException                if the file cannot be read
     */
    public static GraphFile read(Path file) {
        return parse(JsonSupport.readFile(file, "task graph"), file.toString());
    }

    /** Validates task graph JSON text; {@code file} is the name used in messages. */
    public static GraphFile parse(String json, String file) {
        Problems problems = new Problems();
        JsonNode root = JsonSupport.parse(json, problems);
        JsonObjectReader top = root == null ? null : JsonObjectReader.of(root, "$", problems);
        if (top == null) throw new GraphFormatException(file, problems.list());

        String format = top.string("format", false);
        if (format != null && !format.equals("hetsched-graph/1")) {
            problems.add(top.pathOf("format"), "unsupported format '" + format + "' (expected hetsched-graph/1)");
        }
        String name = top.string("name", true);
        String description = top.has("description") ? top.string("description", false) : "";
        String source = top.has("source") ? top.string("source", false) : "";
        String unit = top.string("costUnit", true);
        Double nsPerUnit = unit == null ? null : FileUnits.nsPer(unit);
        if (unit != null && nsPerUnit == null) {
            problems.add(top.pathOf("costUnit"), "unknown unit '" + unit + "' (expected ns, us, ms, s)");
        }
        // with the unit unknown (a problem already), times are checked as ns so that every other problem is still found
        String timeUnit = nsPerUnit == null ? "ns" : unit;

        List<Processor> processors = new ArrayList<>();
        Map<String, Integer> processorIds = new LinkedHashMap<>();
        List<JsonNode> processorNodes = top.array("processors", true, true);
        if (processorNodes != null) {
            for (int i = 0; i < processorNodes.size(); i++) {
                JsonObjectReader p = JsonObjectReader.of(processorNodes.get(i), "$.processors[" + i + "]", problems);
                if (p == null) continue;
                String processorName = p.string("name", true);
                ProcessorKind kind = p.has("kind")
                        ? p.enumValue("kind", false, "processor kind", List.of(ProcessorKind.values()))
                        : ProcessorKind.CPU;
                p.rejectUnknownKeys();
                if (processorName == null || kind == null) continue;
                if (processorIds.putIfAbsent(processorName, processors.size()) != null) {
                    problems.add(p.pathOf("name"), "duplicate processor name '" + processorName + "'");
                    continue;
                }
                processors.add(new Processor(processors.size(), processorName, kind, Set.of(DType.values())));
            }
        }

        GenericGraphBuilder builder = new GenericGraphBuilder(file);
        Map<String, long[]> durations = new LinkedHashMap<>();
        List<JsonNode> taskNodes = top.array("tasks", true, true);
        if (taskNodes != null) {
            for (int i = 0; i < taskNodes.size(); i++) {
                JsonObjectReader t = JsonObjectReader.of(taskNodes.get(i), "$.tasks[" + i + "]", problems);
                if (t == null) continue;
                String taskName = t.string("name", true);
                JsonObjectReader costs = t.object("costs", true);
                t.rejectUnknownKeys();
                if (costs == null || taskName == null) continue;
                long[] row = new long[processors.size()];
                Arrays.fill(row, -1);
                List<Placement> placements = new ArrayList<>();
                for (String processorName : costs.fieldNames()) {
                    Integer id = processorIds.get(processorName);
                    Double cost = costs.number(processorName, true, NumberRule.NON_NEGATIVE);
                    if (id == null) {
                        problems.add(costs.pathOf(processorName), "unknown processor '" + processorName
                                + "' (processors: " + String.join(", ", processorIds.keySet()) + ")");
                        continue;
                    }
                    Double costNs = cost == null ? null : FileUnits.timeNs(cost, timeUnit, costs.pathOf(processorName), problems);
                    if (costNs == null) continue;
                    row[id] = Math.round(costNs);
                    ProcessorKind kind = processors.get(id).kind();
                    if (placements.stream().noneMatch(pl -> pl.processorKind() == kind)) {
                        placements.add(new Placement(kind, DType.FP32, DType.FP32));
                    }
                }
                if (placements.isEmpty()) {
                    problems.add(t.pathOf("costs"), "the task has no cost on any processor, so it can run nowhere");
                    continue;
                }
                if (durations.putIfAbsent(taskName, row) != null) {
                    problems.add(t.pathOf("name"), "duplicate task name '" + taskName + "'");
                    continue;
                }
                builder.addTask(taskName, placements);
            }
        }

        Map<String, Long> transfers = new HashMap<>();
        List<JsonNode> edgeNodes = top.has("edges") ? top.array("edges", false, false) : List.of();
        if (edgeNodes != null) {
            for (int i = 0; i < edgeNodes.size(); i++) {
                JsonObjectReader e = JsonObjectReader.of(edgeNodes.get(i), "$.edges[" + i + "]", problems);
                if (e == null) continue;
                String from = e.string("from", true);
                String to = e.string("to", true);
                Double transfer = e.has("transfer") ? e.number("transfer", false, NumberRule.NON_NEGATIVE) : Double.valueOf(0);
                Double transferNs = transfer == null ? null : FileUnits.timeNs(transfer, timeUnit, e.pathOf("transfer"), problems);
                e.rejectUnknownKeys();
                if (from == null || to == null || transferNs == null) continue;
                boolean known = true;
                for (String end : List.of(from, to)) {
                    if (!durations.containsKey(end)) {
                        problems.add(e.path(), "unknown task '" + end + "'");
                        known = false;
                    }
                }
                if (!known) continue;
                if (transfers.putIfAbsent(GraphFile.edgeKey(from, to), Math.round(transferNs)) != null) {
                    problems.add(e.path(), "edge " + from + " -> " + to + " is given twice");
                    continue;
                }
                builder.addEdge(from, to);
            }
        }
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) throw new GraphFormatException(file, problems.list());
        return new GraphFile(description, source, builder.build(), new Platform(name, processors), durations, transfers);
    }
}
