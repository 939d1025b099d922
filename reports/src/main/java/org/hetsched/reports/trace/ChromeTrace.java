package org.hetsched.reports.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.hetsched.core.Units;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;

/**
 * Writes runs as a Chrome trace-event JSON file (the "JSON Object Format" of the Trace Event
 * Format) that opens in Perfetto and in chrome://tracing. The layout, specified in
 * reports/README.md:
 *
 * <ul>
 *   <li>one process per run, pid = 1 + the run's index; its {@code process_name} reads
 *       "label: model on device, policy" and its args name model, device, policy, graph and cost
 *       model (they are repeated under {@code otherData.runs});</li>
 *   <li>one thread per processor, tid = pid·1000 + processor id, named after the processor and
 *       sorted by id, so tids are stable and never shared between runs;</li>
 *   <li>one complete event ({@code "ph":"X"}) per task, named e.g. "attention L5 c2", with
 *       {@code ts}/{@code dur} in µs as exact decimals (ns precision) and the task's chunk, layer,
 *       subgraph, role, processor, ops and start/end in ns as args;</li>
 *   <li>a flow arrow ({@code "ph":"s"} then {@code "ph":"f"} with {@code "bp":"e"}, ids unique
 *       in the file) for every explicit edge, and for the K/V rule only from the producers of the
 *       immediately previous chunk (k = i − 1) to each attention task. The rule itself means
 *       "every earlier chunk"; drawing all of it would be chunks² arrows per layer (millions for a
 *       long prompt) and would bury the schedule, while the k = i − 1 arrows, chained, still
 *       connect every chunk to every later one.</li>
 * </ul>
 *
 * <p>Arrow ends sit at the middle of their slices, so each binds to its own slice even where
 * slices on a track touch. A slice never overlaps another on its track because the engine runs
 * one task at a time per processor. Streams: memory does not grow with the trace. Stateless; safe
 * to call from several threads at once.
 */
public final class ChromeTrace {
    /** The {@code otherData.format} value: the version of this layout. */
    public static final String FORMAT = "hetsched-chrome-trace/1";
    /** Category of every flow event (explicit edges and K/V arrows alike). */
    public static final String FLOW_CATEGORY = "dependency";
    /** Flow name of the arrows that stand for explicit edges. */
    public static final String EDGE_FLOW = "dependency";
    /** Flow name of the arrows that stand for the K/V rule (previous chunk only). */
    public static final String KV_FLOW = "kv";
    /** tid = pid · this + processor id; it bounds processors per run and runs per file. */
    static final int TID_STRIDE = 1000;
    /** The most runs one file can hold (the tid numbering bounds it). */
    public static final int MAX_RUNS = TID_STRIDE - 1;

    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ChromeTrace() {
    }

    /** Writes one run; see {@link #write(List, OutputStream)}. */
    public static void write(LabelledTrace run, OutputStream out) throws IOException {
        write(List.of(run), out);
    }

    /**
     * Writes the runs into one file, in order (the first is pid 1). The stream is flushed, not
     * closed.
     *
     * @throws IllegalArgumentException if there is no run, more than {@value #MAX_RUNS} runs, or
     *                                  a platform with {@value #TID_STRIDE} or more processors
     */
    public static void write(List<LabelledTrace> runs, OutputStream out) throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("no run to write");
        if (runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException(runs.size() + " runs in one trace file; at most " + MAX_RUNS);
        }
        for (LabelledTrace run : runs) {
            if (run.trace().platform().size() >= TID_STRIDE) {
                throw new IllegalArgumentException("run '" + run.label() + "' has " + run.trace().platform().size()
                        + " processors; at most " + (TID_STRIDE - 1) + " fit the tid numbering");
            }
        }
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            // traceEvents first: streaming readers (Perfetto's among them) look for it before anything else
            g.writeArrayFieldStart("traceEvents");
            long[] nextFlowId = {1};
            for (int r = 0; r < runs.size(); r++) {
                writeRun(g, runs.get(r), r + 1, nextFlowId);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("otherData");
            g.writeStringField("format", FORMAT);
            g.writeArrayFieldStart("runs");
            for (int r = 0; r < runs.size(); r++) {
                g.writeStartObject();
                g.writeNumberField("pid", r + 1);
                writeRunFields(g, runs.get(r));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** The slice name of a task: "attention L5 c2", "embed c0"; a generic task keeps its own name. */
    public static String sliceName(Task task) {
        if (task.subgraph().role() == SubgraphRole.GENERIC) return task.subgraph().name();
        return task.subgraph().name() + (task.layer() >= 0 ? " L" + task.layer() : "") + " c" + task.chunk();
    }

    /** tid of processor {@code processorId} in the process {@code pid}. */
    public static int tid(int pid, int processorId) {
        return pid * TID_STRIDE + processorId;
    }

    private static void writeRun(JsonGenerator g, LabelledTrace run, int pid, long[] nextFlowId) throws IOException {
        Trace trace = run.trace();
        metadata(g, "process_name", pid, pid);
        g.writeStringField("name", run.processName());
        writeRunFields(g, run);
        endMetadata(g);
        metadata(g, "process_sort_index", pid, pid);
        g.writeNumberField("sort_index", pid);
        endMetadata(g);
        for (Processor p : trace.platform().processors()) {
            metadata(g, "thread_name", pid, tid(pid, p.id()));
            g.writeStringField("name", p.name());
            endMetadata(g);
            metadata(g, "thread_sort_index", pid, tid(pid, p.id()));
            g.writeNumberField("sort_index", p.id());
            endMetadata(g);
        }
        TaskGraph graph = trace.graph();
        for (int t = 0; t < graph.size(); t++) writeSlice(g, trace, pid, t);
        KvRule kv = graph.kvRule();
        for (int t = 0; t < graph.size(); t++) {
            for (int k = 0, n = graph.explicitPredecessorCount(t); k < n; k++) {
                writeFlow(g, trace, pid, EDGE_FLOW, graph.explicitPredecessor(t, k), t, nextFlowId[0]++);
            }
            int chunk = graph.task(t).chunk();
            if (kv != null && kv.consumerGroup(t) >= 0 && chunk > 0) {
                int group = kv.consumerGroup(t);
                for (int k = 0, n = kv.producersPerChunk(group); k < n; k++) {
                    writeFlow(g, trace, pid, KV_FLOW, kv.producer(group, chunk - 1, k), t, nextFlowId[0]++);
                }
            }
        }
    }

    private static void writeRunFields(JsonGenerator g, LabelledTrace run) throws IOException {
        Trace trace = run.trace();
        g.writeStringField("label", run.label());
        g.writeStringField("model", run.model());
        g.writeStringField("device", run.device());
        g.writeStringField("policy", trace.policy());
        g.writeStringField("graph", trace.graph().name());
        g.writeStringField("costModel", trace.costs().costModelName());
        g.writeNumberField("tasks", trace.graph().size());
        g.writeNumberField("makespanNs", trace.makespanNs());
    }

    private static void writeSlice(JsonGenerator g, Trace trace, int pid, int t) throws IOException {
        Task task = trace.graph().task(t);
        long startNs = trace.startNs(t);
        long endNs = trace.endNs(t);
        g.writeStartObject();
        g.writeStringField("name", sliceName(task));
        g.writeStringField("cat", task.subgraph().role().name().toLowerCase(Locale.ROOT));
        g.writeStringField("ph", "X");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid(pid, trace.processorOf(t)));
        g.writeFieldName("ts");
        g.writeNumber(Units.nsToMicrosText(startNs));
        g.writeFieldName("dur");
        g.writeNumber(Units.nsToMicrosText(endNs - startNs));
        g.writeObjectFieldStart("args");
        g.writeNumberField("task", t);
        g.writeNumberField("chunk", task.chunk());
        g.writeNumberField("layer", task.layer());
        g.writeStringField("subgraph", task.subgraph().name());
        g.writeStringField("role", task.subgraph().role().name());
        g.writeStringField("processor", trace.platform().processor(trace.processorOf(t)).name());
        g.writeArrayFieldStart("ops");
        for (Op op : task.ops()) g.writeString(opText(op));
        g.writeEndArray();
        g.writeNumberField("startNs", startNs);
        g.writeNumberField("endNs", endNs);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** "q_proj LINEAR b=1 m=256 k=2048 n=2048": the op in the batch × (m×k · k×n) form of {@link Op}. */
    static String opText(Op op) {
        return op.label() + " " + op.kind() + " b=" + op.batch() + " m=" + op.m() + " k=" + op.k() + " n=" + op.n();
    }

    private static void writeFlow(JsonGenerator g, Trace trace, int pid, String name, int from, int to, long id)
            throws IOException {
        flowEvent(g, "s", name, pid, tid(pid, trace.processorOf(from)), middleNs(trace, from), id);
        flowEvent(g, "f", name, pid, tid(pid, trace.processorOf(to)), middleNs(trace, to), id);
    }

    private static void flowEvent(JsonGenerator g, String phase, String name, int pid, int tid, long tsNs, long id)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", FLOW_CATEGORY);
        g.writeStringField("ph", phase);
        g.writeNumberField("id", id);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(Units.nsToMicrosText(tsNs));
        // "e": bind to the enclosing slice rather than to the next one that starts
        if (phase.equals("f")) g.writeStringField("bp", "e");
        g.writeEndObject();
    }

    /** Strictly inside the slice when it lasts 2 ns or more, so an arrow end never binds to a touching neighbour. */
    private static long middleNs(Trace trace, int t) {
        return trace.startNs(t) + (trace.endNs(t) - trace.startNs(t)) / 2;
    }

    private static void metadata(JsonGenerator g, String name, int pid, int tid) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
    }

    private static void endMetadata(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndObject();
    }
}
