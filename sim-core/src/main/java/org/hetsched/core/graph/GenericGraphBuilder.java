package org.hetsched.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Builds a task graph that did not come from a partition plan (e.g. a benchmark DAG from the
 * scheduling literature): named tasks, explicit edges, no K/V rule. Tasks are renumbered into a
 * topological order, ties broken by the order they were added, so ids stay deterministic.
 *
 * <p>Single-threaded; one builder per graph.
 */
public final class GenericGraphBuilder {
    private final String name;
    private final List<String> names = new ArrayList<>();
    private final List<List<Placement>> placements = new ArrayList<>();
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<int[]> edges = new ArrayList<>();

    /** @param name the graph's name, also used in error messages (e.g. the file it came from) */
    public GenericGraphBuilder(String name) {
        this.name = name;
    }

    /**
     * Adds a task.
     *
     * @param placements the processor kinds it may run on (the cost model decides per processor)
     * @throws UserInputException if the name is taken or there is no placement
     */
    public GenericGraphBuilder addTask(String taskName, List<Placement> placements) {
        if (indexByName.putIfAbsent(taskName, names.size()) != null) {
            throw new UserInputException(name + ": duplicate task name '" + taskName + "'");
        }
        if (placements.isEmpty()) throw new UserInputException(name + ": task '" + taskName + "' can run nowhere");
        names.add(taskName);
        this.placements.add(List.copyOf(placements));
        return this;
    }

    /**
     * Adds the dependency {@code from → to}.
     *
     * @throws UserInputException if a task is unknown or the edge is given twice
     */
    public GenericGraphBuilder addEdge(String from, String to) {
        Integer f = indexByName.get(from);
        Integer t = indexByName.get(to);
        if (f == null || t == null) {
            throw new UserInputException(name + ": edge " + from + " -> " + to + " names an unknown task '"
                    + (f == null ? from : to) + "'");
        }
        for (int[] e : edges) {
            if (e[0] == f && e[1] == t) throw new UserInputException(name + ": edge " + from + " -> " + to + " is given twice");
        }
        edges.add(new int[] {f, t});
        return this;
    }

    /**
     * @return the graph, whose task {@code id} has name {@code graph.task(id).subgraph().name()}
     * @throws CyclicGraphException if the edges form a cycle (a self-loop included)
     * @throws UserInputException   if there is no task
     */
    public TaskGraph build() {
        if (names.isEmpty()) throw new UserInputException(name + ": the graph has no task");
        Graph<Integer, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        for (int i = 0; i < names.size(); i++) g.addVertex(i);
        for (int[] e : edges) g.addEdge(e[0], e[1]);
        CycleDetector<Integer, DefaultEdge> cycles = new CycleDetector<>(g);
        if (cycles.detectCycles()) throw new CyclicGraphException(name, oneCycle(g, cycles));

        int[] newId = new int[names.size()];
        List<Integer> order = new ArrayList<>();
        new TopologicalOrderIterator<>(g, Comparator.<Integer>naturalOrder()).forEachRemaining(order::add);
        for (int id = 0; id < order.size(); id++) newId[order.get(id)] = id;

        List<Task> tasks = new ArrayList<>();
        List<List<Integer>> preds = new ArrayList<>();
        for (int id = 0; id < order.size(); id++) {
            int original = order.get(id);
            Subgraph subgraph = new Subgraph(id, names.get(original), SubgraphRole.GENERIC, -1, placements.get(original));
            tasks.add(new Task(id, 0, subgraph, List.of(), id, id));
            preds.add(new ArrayList<>());
        }
        for (int[] e : edges) preds.get(newId[e[1]]).add(newId[e[0]]);
        int[][] explicit = new int[tasks.size()][];
        for (int id = 0; id < tasks.size(); id++) {
            explicit[id] = preds.get(id).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new TaskGraph(name, tasks, List.of(), 1, 0, 0, 0, explicit, null, null);
    }

    /** The tasks of one cycle, for the message: a shortest cycle through the smallest task on any cycle. */
    private List<String> oneCycle(Graph<Integer, DefaultEdge> g, CycleDetector<Integer, DefaultEdge> cycles) {
        int start = cycles.findCycles().stream().min(Integer::compare).orElseThrow();
        Map<Integer, Integer> parent = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        int last = -1;
        while (!queue.isEmpty() && last < 0) {
            int from = queue.poll();
            for (int to : g.outgoingEdgesOf(from).stream().map(g::getEdgeTarget).sorted().toList()) {
                if (to == start) {
                    last = from;
                    break;
                }
                if (parent.putIfAbsent(to, from) == null) queue.add(to);
            }
        }
        List<String> cycle = new ArrayList<>();
        for (int v = last; v != start; v = parent.get(v)) cycle.add(0, names.get(v));
        cycle.add(0, names.get(start));
        return cycle;
    }
}
