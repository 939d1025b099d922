package org.hetsched.backend.replay;

import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/** Whether a plan's per-lane orders can run to the end against the graph's dependencies. Stateless. */
final class Dependencies {
    private Dependencies() {
    }

    /**
     * Why the per-lane orders cannot all run to the end, found by replaying them without executing
     * anything (each lane runs its next task whenever it is ready), or {@code null} when they can.
     * A plan whose orders are a linear extension of the dependencies always can; any other
     * deadlocks for real, so the replay refuses it up front instead of hanging.
     */
    static String deadlock(TaskGraph graph, int[][] order, Platform lanes) {
        ReadyTracker state = new ReadyTracker(graph);
        int[] next = new int[order.length];
        int left = 0;
        for (int[] o : order) left += o.length;
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int p = 0; p < order.length; p++) {
                while (next[p] < order[p].length && state.isReady(order[p][next[p]])) {
                    state.finished(order[p][next[p]++], t -> { });
                    left--;
                    progress = true;
                }
            }
        }
        if (left == 0) return null;
        for (int p = 0; p < order.length; p++) {
            if (next[p] < order[p].length) {
                return "the plan's orders deadlock: lane " + lanes.processor(p).name() + " waits for " + graph.task(order[p][next[p]]).label()
                        + " after " + next[p] + " of its " + order[p].length + " tasks, and the predecessors it needs are"
                        + " planned behind tasks that wait themselves (the per-lane orders are not a linear extension of"
                        + " the dependencies)";
            }
        }
        throw new AssertionError("unreachable: tasks left but every lane at its end");
    }
}
