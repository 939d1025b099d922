package org.hetsched.scheduler.online;

import java.util.Arrays;
import org.hetsched.core.engine.LongPairMinHeap;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.platform.CostTable;

/**
 * StarPU's {@code dmda} (deque model data aware; {@code starpu-runtime/starpu:src/sched_policies/deque_modeling_policy_data_aware.c}):
 * place each task, as soon as it is pushed, on the processor where it is expected to complete
 * first, and keep one queue per processor. Only the completion-time part of StarPU's fitness is
 * modelled (its energy and power terms are not).
 *
 * <p><b>Rule.</b> When a task is first offered (its first {@link #onReady}, at its release), it is
 * assigned, among its eligible processors q, to the one with the earliest expected completion
 * max(available(q), {@link SchedulerView#readyAtNs readyAt}(task, q)) + duration(task, q), ties to
 * the lower processor id. available(q) is the expected end of q's running task (its start plus its
 * tabled duration; a one-time graph preparation the engine may add is not foreseen), or now if q
 * is idle, plus the durations of the tasks assigned to q and not started yet. The ready time
 * carries the data-aware part: it includes the sync of every crossing from a predecessor's
 * processor. The task then waits in q's queue, entered when it becomes ready there, and runs on q
 * only; a queue runs first-ready first, ties to the lower task id. A task eligible on one
 * processor only is placed there, so on such graphs this is {@link FifoPolicy}.
 *
 * <p><b>Cost.</b> The assignment is O(processors) once per task; queue operations O(log queue).
 * Memory O(tasks). Single-threaded; {@link #start} resets it for another run.
 */
public final class DmdaPolicy implements Policy {
    private LongPairMinHeap[] queues = new LongPairMinHeap[0];
    private int[] assigned = new int[0];
    private long[] pendingNs = new long[0];

    @Override
    public String name() {
        return "dmda";
    }

    @Override
    public String description() {
        return "StarPU dmda: place each ready task on the processor with the earliest expected completion, then FIFO";
    }

    @Override
    public void start(SchedulerView view) {
        int procs = view.costs().platform().size();
        if (queues.length != procs) {
            queues = new LongPairMinHeap[procs];
            for (int p = 0; p < procs; p++) queues[p] = new LongPairMinHeap();
        }
        for (LongPairMinHeap queue : queues) queue.clear();
        if (assigned.length != view.graph().size()) assigned = new int[view.graph().size()];
        Arrays.fill(assigned, -1);
        pendingNs = new long[procs];
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        if (assigned[task] < 0) assign(task, view);
        // the engine offers the task to each eligible processor once, when it may start there
        if (processor == assigned[task]) queues[processor].push(view.nowNs(), task);
    }

    @Override
    public int select(int processor, SchedulerView view) {
        LongPairMinHeap queue = queues[processor];
        if (queue.isEmpty()) return IDLE;
        int task = (int) queue.peekValue();
        queue.pop();
        pendingNs[processor] -= view.costs().durationNs(task, processor);
        return task;
    }

    private void assign(int task, SchedulerView view) {
        CostTable costs = view.costs();
        int best = -1;
        long bestEndNs = Long.MAX_VALUE;
        for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
            int q = Integer.numberOfTrailingZeros(mask);
            long endNs = Math.max(availableNs(q, view), view.readyAtNs(task, q)) + costs.durationNs(task, q);
            if (endNs < bestEndNs) {
                bestEndNs = endNs;
                best = q;
            }
        }
        assigned[task] = best;
        pendingNs[best] += costs.durationNs(task, best);
    }

    /** When processor q is expected to have run everything it holds. */
    private long availableNs(int q, SchedulerView view) {
        int running = view.runningTask(q);
        long freeNs = running < 0 ? view.nowNs()
                : Math.max(view.nowNs(), view.startNs(running) + view.costs().durationNs(running, q));
        return freeNs + pendingNs[q];
    }
}
