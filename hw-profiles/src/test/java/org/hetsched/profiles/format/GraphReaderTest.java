package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.graph.CyclicGraphException;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.cost.GraphFileCostModel;
import org.junit.jupiter.api.Test;

class GraphReaderTest {
    private static final String TWO_TASKS = """
            {"name": "pair", "costUnit": "us",
             "processors": [{"name": "big"}, {"name": "npu", "kind": "NPU"}],
             "tasks": [{"name": "b", "costs": {"big": 3, "npu": 1.5}}, {"name": "a", "costs": {"big": 2}}],
             "edges": [{"from": "a", "to": "b", "transfer": 4}]}
            """;

    @Test
    void readsTasksCostsAndTransfersInNanoseconds() {
        GraphFile file = GraphReader.parse(TWO_TASKS, "pair.json");
        assertEquals(List.of("a", "b"), file.graph().tasks().stream().map(t -> t.subgraph().name()).toList());
        CostTable costs = CostTable.build(file.graph(), file.platform(), new GraphFileCostModel(file));
        assertEquals(2_000, costs.durationNs(0, 0));
        assertEquals(CostTable.INELIGIBLE, costs.durationNs(0, 1));
        assertEquals(1_500, costs.durationNs(1, 1));
        assertEquals(4_000, costs.crossNs(0, 0, 1));
        assertEquals(0, costs.crossNs(0, 0, 0));
    }

    @Test
    void theBundledTextbookExampleLoads() {
        GraphFile file = GraphReader.read(Path.of("../examples/graphs/topcuoglu-2002.json"));
        assertEquals(10, file.graph().size());
        assertEquals(15, file.graph().explicitEdgeCount());
        Task first = file.graph().task(0);
        assertEquals("T1", first.subgraph().name());
        assertEquals(3, file.platform().size());
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphReader.parse("""
                {"name": "bad", "costUnit": "minutes", "speed": 1,
                 "processors": [{"name": "p"}, {"name": "p"}],
                 "tasks": [{"name": "a", "costs": {"p": -1}}, {"name": "b", "costs": {"gpu": 2}}],
                 "edges": [{"from": "a", "to": "zz"}]}
                """, "bad.json"));
        String m = e.getMessage();
        for (String part : List.of("bad.json: ", "$.costUnit: unknown unit 'minutes'", "$.speed: unknown field",
                "$.processors[1].name: duplicate processor name 'p'", "$.tasks[0].costs.p: must be >= 0, got -1",
                "$.tasks[1].costs.gpu: unknown processor 'gpu'", "$.edges[0]: unknown task 'zz'")) {
            assertTrue(m.contains(part), "missing '" + part + "' in: " + m);
        }
        assertEquals(1, m.lines().count());
    }

    @Test
    void rejectsACycleNamingTheFileAndTasks() {
        CyclicGraphException e = assertThrows(CyclicGraphException.class, () -> GraphReader.parse("""
                {"name": "loop", "costUnit": "ms", "processors": [{"name": "p"}],
                 "tasks": [{"name": "a", "costs": {"p": 1}}, {"name": "b", "costs": {"p": 1}}],
                 "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
                """, "loop.json"));
        assertTrue(e.getMessage().contains("loop.json") && e.getMessage().contains("a -> b -> a"), e.getMessage());
    }

    @Test
    void rejectsMalformedJson() {
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphReader.parse("{\"name\": ", "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: "), e.getMessage());
    }

    @Test
    void costsAndTransfersBeyondTheEngineAreRefused() {
        String json = TWO_TASKS.replace("\"big\": 3,", "\"big\": 1e16,").replace("\"transfer\": 4", "\"transfer\": 1e300");
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphReader.parse(json, "pair.json"));
        assertEquals("pair.json: $.tasks[0].costs.big: 1.0E16 us is beyond the engine's limit of 9.223372036854776E15 us"
                + " = 9223372036854775807 ns (about 292 years); $.edges[0].transfer: 1.0E300 us is beyond the engine's limit of"
                + " 9.223372036854776E15 us = 9223372036854775807 ns (about 292 years)", e.getMessage());
    }
}
