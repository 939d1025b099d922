package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.TestPlans;
import org.junit.jupiter.api.Test;

class GenericGraphBuilderTest {
    private static final List<Placement> CPU = List.of(TestPlans.CPU);

    @Test
    void renumbersIntoATopologicalOrder() {
        TaskGraph g = new GenericGraphBuilder("g").addTask("c", CPU).addTask("a", CPU).addTask("b", CPU)
                .addEdge("a", "b").addEdge("b", "c").build();
        assertEquals(List.of("a", "b", "c"), g.tasks().stream().map(t -> t.subgraph().name()).toList());
        assertArrayEquals(new int[] {1}, g.predecessors(2));
        assertEquals(2, g.explicitEdgeCount());
        assertEquals(null, g.kvRule());
    }

    @Test
    void tiesKeepTheOrderTasksWereAdded() {
        TaskGraph g = new GenericGraphBuilder("g").addTask("x", CPU).addTask("y", CPU).addTask("z", CPU).build();
        assertEquals(List.of("x", "y", "z"), g.tasks().stream().map(t -> t.subgraph().name()).toList());
    }

    @Test
    void rejectsACycleNamingItsTasks() {
        CyclicGraphException e = assertThrows(CyclicGraphException.class, () -> new GenericGraphBuilder("dag.json")
                .addTask("a", CPU).addTask("b", CPU).addTask("c", CPU).addTask("d", CPU)
                .addEdge("a", "b").addEdge("b", "c").addEdge("c", "b").addEdge("c", "d").build());
        assertEquals(List.of("b", "c"), e.cycle());
        assertTrue(e.getMessage().startsWith("dag.json: ") && e.getMessage().contains("b -> c -> b"), e.getMessage());
    }

    @Test
    void rejectsASelfLoop() {
        CyclicGraphException e = assertThrows(CyclicGraphException.class,
                () -> new GenericGraphBuilder("g").addTask("a", CPU).addEdge("a", "a").build());
        assertEquals(List.of("a"), e.cycle());
    }

    @Test
    void rejectsUnknownTasksDuplicatesAndEmptyGraphs() {
        assertThrows(UserInputException.class, () -> new GenericGraphBuilder("g").addTask("a", CPU).addEdge("a", "zz"));
        assertThrows(UserInputException.class, () -> new GenericGraphBuilder("g").addTask("a", CPU).addTask("a", CPU));
        assertThrows(UserInputException.class, () -> new GenericGraphBuilder("g").addTask("a", CPU).addTask("b", CPU)
                .addEdge("a", "b").addEdge("a", "b"));
        assertThrows(UserInputException.class, () -> new GenericGraphBuilder("g").build());
        assertThrows(UserInputException.class, () -> new GenericGraphBuilder("g").addTask("a", List.of()));
    }
}
