package org.hetsched.scheduler.online;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.platform.CostTable;

/**
 * Naive overlap read strictly: every processor runs its subgraphs in the one fixed (chunk,
 * subgraph) order, which is task-id order in a prefill graph, and waits for the next one in that
 * order to become ready instead of skipping ahead to a later ready one. This is the other reading
 * of "run subgraphs in chunk order on each processor" (arXiv 2407.05858, §3.4, Fig. 13), beside
 * {@link InOrderPolicy}, which takes the earliest of the subgraphs that are ready.
 *
 * <p><b>Rule.</b> The next task of processor p is the undispatched task with the smallest id that
 * p may run. An idle p runs it if it has been offered to p (it is ready there), and otherwise stays
 * idle. A task several processors may run is in each of their orders until one dispatches it.
 *
 * <p><b>Progress.</b> Task ids are a topological order ({@code TaskGraph}), so the undispatched
 * task with the smallest id overall has all its predecessors dispatched; it is the next task of
 * every processor that may run it, and it runs as soon as it is ready and one of them is idle.
 * Under llm.npu's partition this rule leaves little overlap: the CPU waits for the NPU to finish a
 * layer of the chunk it is on before it may start anything else.
 *
 * <p><b>Cost.</b> Per processor, a cursor over its tasks in id order only moves forward, so a run
 * costs O(tasks · processors) in all; {@code onReady} is O(1). Memory O(tasks · processors).
 * Single-threaded; {@link #start} resets it for another run.
 */
public final class StrictInOrderPolicy implements Policy {
    /** Per processor, the ids of the tasks it may run, ascending. */
    private int[][] order = new int[0][];
    private int[] cursor = new int[0];
    /** Per task, the processors it has been offered to (bit p). */
    private int[] offeredMask = new int[0];

    @Override
    public String name() {
        return "in-order-strict";
    }

    @Override
    public String description() {
        return "naive overlap, strict reading: each processor runs its subgraphs in (chunk, subgraph) order and waits for"
                + " the next one";
    }

    @Override
    public void start(SchedulerView view) {
        CostTable costs = view.costs();
        int n = costs.graph().size();
        int procs = costs.platform().size();
        int[] counts = new int[procs];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < procs; p++) if (costs.eligible(t, p)) counts[p]++;
        }
        order = new int[procs][];
        for (int p = 0; p < procs; p++) order[p] = new int[counts[p]];
        int[] filled = new int[procs];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < procs; p++) if (costs.eligible(t, p)) order[p][filled[p]++] = t;
        }
        cursor = new int[procs];
        offeredMask = new int[n];
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        offeredMask[task] |= 1 << processor;
    }

    @Override
    public int select(int processor, SchedulerView view) {
        int[] mine = order[processor];
        int at = cursor[processor];
        while (at < mine.length && view.isDispatched(mine[at])) at++;
        cursor[processor] = at;
        if (at == mine.length) return IDLE;
        int next = mine[at];
        return (offeredMask[next] & (1 << processor)) != 0 ? next : IDLE;
    }
}
