package org.hetsched.reports.trace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.sweep.SimulationResult;
import org.junit.jupiter.api.Test;

/** The file's structure, read back as JSON: what Perfetto needs, checked without Perfetto. */
class ChromeTraceTest {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    @Test
    void oneCompleteEventPerTaskAtItsExactTimes() throws IOException {
        SimulationResult run = SmallRuns.prefill("in-order");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        Trace trace = run.trace();
        List<JsonNode> slices = events(file, "X");
        assertEquals(trace.graph().size(), slices.size());
        for (JsonNode x : slices) {
            int task = x.get("args").get("task").asInt();
            assertEquals(trace.startNs(task), ns(x.get("ts")), "start of task " + task);
            assertEquals(trace.endNs(task) - trace.startNs(task), ns(x.get("dur")), "duration of task " + task);
            assertEquals(ChromeTrace.tid(1, trace.processorOf(task)), x.get("tid").asInt());
            assertEquals(ChromeTrace.sliceName(trace.graph().task(task)), x.get("name").asText());
            assertEquals(trace.startNs(task), x.get("args").get("startNs").asLong());
            assertEquals(trace.endNs(task), x.get("args").get("endNs").asLong());
            assertEquals(trace.graph().task(task).ops().size(), x.get("args").get("ops").size());
        }
    }

    @Test
    void slicesAreNamedBySubgraphLayerAndChunkAndCarryOpsWithShapes() throws IOException {
        SimulationResult run = SmallRuns.prefill("in-order");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        JsonNode attention = events(file, "X").stream()
                .filter(x -> x.get("name").asText().equals("attention L5 c2")).findFirst().orElseThrow();
        JsonNode args = attention.get("args");
        assertEquals(2, args.get("chunk").asInt());
        assertEquals(5, args.get("layer").asInt());
        assertEquals("attention", args.get("subgraph").asText());
        assertEquals("ATTENTION", args.get("role").asText());
        assertTrue(args.get("ops").toString().contains("qk ATTENTION_SCORE b=16 m=32 k=128 n=96"), args.toString());
    }

    @Test
    void everySliceHasNonNegativeTimesAndNoTwoOverlapOnATrack() throws IOException {
        JsonNode file = write(List.of(SmallRuns.labelled("sim", SmallRuns.prefill("ooe")),
                SmallRuns.labelled("other", SmallRuns.prefill("heft"))));
        Map<String, List<long[]>> tracks = new TreeMap<>();
        for (JsonNode x : events(file, "X")) {
            long ts = ns(x.get("ts"));
            long dur = ns(x.get("dur"));
            assertTrue(ts >= 0 && dur >= 0, x.toString());
            tracks.computeIfAbsent(x.get("pid") + "/" + x.get("tid"), k -> new ArrayList<>()).add(new long[] {ts, ts + dur});
        }
        for (Map.Entry<String, List<long[]>> track : tracks.entrySet()) {
            List<long[]> spans = track.getValue();
            spans.sort(Comparator.comparingLong((long[] s) -> s[0]).thenComparingLong(s -> s[1]));
            for (int i = 1; i < spans.size(); i++) {
                assertTrue(spans.get(i)[0] >= spans.get(i - 1)[1], "overlap on track " + track.getKey() + " at "
                        + spans.get(i)[0] + " ns");
            }
        }
    }

    @Test
    void everyFlowStartHasExactlyOneFinishBoundToTheEnclosingSliceOfALaterTask() throws IOException {
        SimulationResult run = SmallRuns.prefill("in-order");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        Map<Long, JsonNode> starts = new HashMap<>();
        for (JsonNode s : events(file, "s")) assertEquals(null, starts.put(s.get("id").asLong(), s), "duplicate id");
        Map<Long, JsonNode> finishes = new HashMap<>();
        for (JsonNode f : events(file, "f")) {
            assertEquals(null, finishes.put(f.get("id").asLong(), f), "duplicate id");
            assertEquals("e", f.get("bp").asText());
        }
        assertFalse(starts.isEmpty());
        assertEquals(starts.keySet(), finishes.keySet());
        Trace trace = run.trace();
        for (Map.Entry<Long, JsonNode> start : starts.entrySet()) {
            int from = enclosingTask(trace, start.getValue());
            int to = enclosingTask(trace, finishes.get(start.getKey()));
            assertTrue(from >= 0 && to >= 0, "flow " + start.getKey() + " has an end outside every slice");
            assertTrue(trace.endNs(from) <= trace.startNs(to), "flow " + start.getKey() + " points back in time");
            assertTrue(contains(trace.graph().predecessors(to), from), "flow " + from + " -> " + to + " is no dependency");
        }
    }

    @Test
    void flowsAreTheExplicitEdgesPlusOnlyThePreviousChunksKvProducers() throws IOException {
        SimulationResult run = SmallRuns.prefill("in-order");
        TaskGraph graph = run.trace().graph();
        long kvArrows = SmallRuns.expectedFlows(graph) - graph.explicitEdgeCount();
        assertTrue(kvArrows > 0);
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        List<JsonNode> starts = events(file, "s");
        assertEquals(graph.explicitEdgeCount() + kvArrows, starts.size());
        assertEquals(kvArrows, starts.stream().filter(s -> s.get("name").asText().equals(ChromeTrace.KV_FLOW)).count());
        // with 4 chunks the full rule would need more: Σ producers · chunks·(chunks−1)/2
        assertTrue(starts.size() < graph.dependencyCount());
    }

    @Test
    void processAndThreadsAreNamedAfterTheRunAndItsProcessors() throws IOException {
        SimulationResult run = SmallRuns.prefill("in-order");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        Map<Integer, String> threads = new TreeMap<>();
        String process = null;
        for (JsonNode m : events(file, "M")) {
            if (m.get("name").asText().equals("thread_name")) threads.put(m.get("tid").asInt(), m.get("args").get("name").asText());
            if (m.get("name").asText().equals("process_name")) process = m.get("args").get("name").asText();
        }
        assertEquals("sim: qwen1.5-1.8b on sd8gen3, in-order", process);
        Map<Integer, String> expected = new TreeMap<>();
        for (Processor p : run.trace().platform().processors()) expected.put(ChromeTrace.tid(1, p.id()), p.name());
        assertEquals(expected, threads);
        JsonNode meta = file.get("otherData");
        assertEquals(ChromeTrace.FORMAT, meta.get("format").asText());
        assertEquals("sd8gen3", meta.get("runs").get(0).get("device").asText());
        assertEquals("in-order", meta.get("runs").get(0).get("policy").asText());
    }

    @Test
    void twoRunsShareAFileWithDistinctPidsAndTids() throws IOException {
        SimulationResult a = SmallRuns.prefill("in-order");
        SimulationResult b = SmallRuns.prefill("ooe");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", a), SmallRuns.labelled("measured", b)));
        List<JsonNode> slices = events(file, "X");
        assertEquals(a.trace().graph().size() + b.trace().graph().size(), slices.size());
        Set<Integer> pids = new HashSet<>();
        Map<Integer, Integer> pidOfTid = new HashMap<>();
        for (JsonNode x : slices) {
            pids.add(x.get("pid").asInt());
            Integer before = pidOfTid.put(x.get("tid").asInt(), x.get("pid").asInt());
            assertTrue(before == null || before == x.get("pid").asInt(), "tid shared between processes");
        }
        assertEquals(Set.of(1, 2), pids);
        Set<Long> ids = new HashSet<>();
        for (JsonNode s : events(file, "s")) assertTrue(ids.add(s.get("id").asLong()), "flow id reused across runs");
    }

    @Test
    void aGenericGraphKeepsItsTaskNamesAndHasOnlyExplicitEdges() throws IOException {
        SimulationResult run = SmallRuns.graphFile("heft");
        JsonNode file = write(List.of(SmallRuns.labelled("sim", run)));
        Set<String> names = new HashSet<>();
        for (JsonNode x : events(file, "X")) names.add(x.get("name").asText());
        assertEquals(Set.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"), names);
        assertEquals(run.trace().graph().explicitEdgeCount(), events(file, "s").size());
    }

    @Test
    void leavesTheStreamOpen() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertDoesNotThrow(() -> ChromeTrace.write(SmallRuns.labelled("sim", SmallRuns.graphFile("heft")), out));
        assertFalse(closed[0]);
        assertTrue(bytes.size() > 0);
    }

    @Test
    void rejectsAnEmptyListOfRuns() {
        assertThrows(IllegalArgumentException.class, () -> ChromeTrace.write(List.of(), new ByteArrayOutputStream()));
    }

    @Test
    void rejectsARunWithoutNames() {
        Trace trace = SmallRuns.graphFile("heft").trace();
        assertThrows(IllegalArgumentException.class, () -> new LabelledTrace(" ", trace, "m", "d"));
        assertThrows(IllegalArgumentException.class, () -> new LabelledTrace("sim", trace, null, "d"));
    }

    static JsonNode write(List<LabelledTrace> runs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(runs, out);
        return MAPPER.readTree(out.toByteArray());
    }

    static List<JsonNode> events(JsonNode file, String phase) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : file.get("traceEvents")) {
            if (e.get("ph").asText().equals(phase)) out.add(e);
        }
        return out;
    }

    /** µs as written (an exact decimal) back to ns. */
    static long ns(JsonNode micros) {
        return micros.decimalValue().multiply(THOUSAND).longValueExact();
    }

    /** The task whose slice on the event's track holds the event's time, or -1. */
    private static int enclosingTask(Trace trace, JsonNode event) {
        long ts = ns(event.get("ts"));
        int tid = event.get("tid").asInt();
        for (int t = 0; t < trace.graph().size(); t++) {
            if (ChromeTrace.tid(1, trace.processorOf(t)) == tid && trace.startNs(t) <= ts && ts <= trace.endNs(t)) return t;
        }
        return -1;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) return true;
        }
        return false;
    }
}
