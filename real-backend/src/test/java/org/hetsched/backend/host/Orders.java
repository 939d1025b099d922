package org.hetsched.backend.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.SchedulePlan;

/** Task orders for tests: linear extensions of a graph's dependencies (explicit edges and the K/V rule), and plans from them. */
final class Orders {
    private Orders() {
    }

    /** Tasks by id: chunk-major, the graph's own topological order. */
    static int[] byId(TaskGraph graph) {
        int[] order = new int[graph.size()];
        for (int t = 0; t < order.length; t++) order[t] = t;
        return order;
    }

    /** A uniformly chosen ready task at every step (Kahn's algorithm with a seeded choice). */
    static int[] randomLinearExtension(TaskGraph graph, long seed) {
        Random random = new Random(seed);
        int n = graph.size();
        int[][] preds = new int[n][];
        for (int t = 0; t < n; t++) preds[t] = graph.predecessors(t); // explicit and K/V-implied
        boolean[] done = new boolean[n];
        int[] order = new int[n];
        for (int step = 0; step < n; step++) {
            List<Integer> ready = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                if (!done[t] && Arrays.stream(preds[t]).allMatch(p -> done[p])) ready.add(t);
            }
            int pick = ready.get(random.nextInt(ready.size()));
            done[pick] = true;
            order[step] = pick;
        }
        return order;
    }

    /** The projection of a linear extension onto lanes: each task on its first eligible lane, in extension order. */
    static SchedulePlan plan(TaskGraph graph, Platform lanes, int[] extension) {
        int[][] order = new int[lanes.size()][];
        List<List<Integer>> perLane = new ArrayList<>();
        for (int p = 0; p < lanes.size(); p++) perLane.add(new ArrayList<>());
        for (int t : extension) perLane.get(firstLane(graph, lanes, t)).add(t);
        for (int p = 0; p < order.length; p++) order[p] = perLane.get(p).stream().mapToInt(Integer::intValue).toArray();
        return new SchedulePlan(order);
    }

    static int firstLane(TaskGraph graph, Platform lanes, int task) {
        for (Processor p : lanes.processors()) {
            if (Eligibility.reason(graph.task(task), p) == null) return p.id();
        }
        throw new IllegalStateException("no lane runs " + graph.task(task).label());
    }

    static SchedulePlan heft(TaskGraph graph, Platform lanes) {
        return new HeftPlanner().plan(CostTable.build(graph, lanes, new SimpleCostModel(1_000)));
    }
}
