package org.hetsched.scheduler.plan;

import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * HEFT, Heterogeneous Earliest Finish Time (Topcuoglu, Hariri, Wu, "Performance-effective and
 * low-complexity task scheduling for heterogeneous computing", IEEE TPDS 13(3), 2002, §4.1).
 *
 * <p>How the parts fit: {@link Ranks#upwardNs} orders the tasks by decreasing rank_u (ties to the
 * lower id; this order is topological); {@link ListSchedule} gives each task's data-ready time on
 * every processor (predecessors' ends plus cross costs, the K/V rule included) and, through
 * {@link IdleSlots}, the earliest idle gap that holds it; the task goes to the processor where it
 * finishes first (ties to the lower processor id). Ineligible processors are never candidates.
 *
 * <p>O(tasks · log tasks + (tasks · processors) · (processors · log chunks + log tasks)) time,
 * O(tasks · processors) memory. Stateless between calls; one instance may plan many graphs, though
 * not from several threads at once.
 */
public final class HeftPlanner implements StaticPlanner {

    @Override
    public String name() {
        return "heft";
    }

    @Override
    public String description() {
        return "HEFT: upward-rank order, earliest finish with insertion (Topcuoglu, Hariri, Wu, IEEE TPDS 2002)";
    }

    @Override
    public SchedulePlan plan(CostTable costs) {
        TaskGraph graph = costs.graph();
        ListSchedule schedule = new ListSchedule(costs);
        ReadyTracker ready = new ReadyTracker(graph);
        for (int task : Priorities.byDecreasing(Ranks.upwardNs(costs))) {
            if (!ready.isReady(task)) {
                // rank_u never increases along an edge, so this is a bug, not an input problem
                throw new IllegalStateException("rank order reached " + graph.task(task).label()
                        + " before all its predecessors");
            }
            int processor = schedule.earliestFinishProcessor(task);
            schedule.place(task, processor, schedule.insertionStartNs(task, processor));
            ready.finished(task, t -> { });
        }
        return schedule.toPlan();
    }
}
