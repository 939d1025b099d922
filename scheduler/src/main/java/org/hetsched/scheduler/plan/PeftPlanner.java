package org.hetsched.scheduler.plan;

import org.hetsched.core.engine.LongPairMinHeap;
import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.platform.CostTable;

/**
 * PEFT, Predict Earliest Finish Time (Arabnejad, Barbosa, "List scheduling algorithm for
 * heterogeneous systems by an optimistic cost table", IEEE TPDS 25(3), 2014, §4).
 *
 * <p>How the parts fit: the {@link OptimisticCostTable} gives OCT(t, p), the optimistic remaining
 * path after t if t runs on p, and rank_oct(t), its mean over t's processors. Ready tasks (all
 * predecessors placed, the K/V rule included) are taken by decreasing rank_oct, ties to the lower
 * id; each goes to the eligible processor minimising O_EFT(t, p) = EFT(t, p) + OCT(t, p), with EFT
 * insertion-based ({@link ListSchedule}), ties to the lower processor id. Looking ahead through OCT
 * is what distinguishes PEFT from HEFT; the paper gives both as O(tasks² · processors) for dense
 * graphs. Here: O(tasks · log tasks + (tasks · processors) · (processors · log chunks + log tasks)),
 * the K/V rule folded as in {@link Ranks}.
 *
 * <p>O(tasks · processors) memory. Stateless between calls; not for concurrent use.
 */
public final class PeftPlanner implements StaticPlanner {

    @Override
    public String name() {
        return "peft";
    }

    @Override
    public String description() {
        return "PEFT: optimistic-cost-table rank, min predicted finish with insertion (Arabnejad, Barbosa, IEEE TPDS 2014)";
    }

    @Override
    public SchedulePlan plan(CostTable costs) {
        OptimisticCostTable oct = OptimisticCostTable.of(costs);
        ListSchedule schedule = new ListSchedule(costs);
        ReadyTracker ready = new ReadyTracker(costs.graph());
        LongPairMinHeap queue = new LongPairMinHeap(); // min-heap on −rank_oct, then id
        ready.forEachSource(t -> queue.push(-Priorities.key(oct.rankNs(t)), t));
        while (!queue.isEmpty()) {
            int task = (int) queue.peekValue();
            queue.pop();
            int best = -1;
            long bestStart = 0;
            long bestKey = Long.MAX_VALUE;
            for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
                int p = Integer.numberOfTrailingZeros(mask);
                long start = schedule.insertionStartNs(task, p);
                long key = Priorities.key(start + costs.durationNs(task, p) + oct.ns(task, p));
                if (key < bestKey) {
                    bestKey = key;
                    best = p;
                    bestStart = start;
                }
            }
            schedule.place(task, best, bestStart);
            ready.finished(task, t -> queue.push(-Priorities.key(oct.rankNs(t)), t));
        }
        return schedule.toPlan();
    }
}
