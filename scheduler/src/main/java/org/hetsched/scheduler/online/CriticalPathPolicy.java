package org.hetsched.scheduler.online;

import org.hetsched.core.engine.SchedulerView;
import org.hetsched.scheduler.plan.Ranks;

/**
 * Dynamic list scheduling by upward rank: each idle processor runs the task offered to it with the
 * highest {@link Ranks#upwardNs upward rank} (HEFT's priority, Topcuoglu et al., IEEE TPDS 2002), i.e.
 * the one heading the longest remaining path at mean costs, K/V-rule successors included. Unlike
 * HEFT it does not plan placements ahead: a task eligible on several processors runs on whichever
 * of them picks it first. Ties go to the lower task id.
 *
 * <p><b>Cost.</b> {@link #start} computes the ranks in O((tasks + explicit edges) · processors²);
 * each offer and decision is a heap operation, O(log ready). Memory O(tasks). Single-threaded;
 * {@code start} resets it for another run.
 */
public final class CriticalPathPolicy extends KeyedReadyPolicy {
    private double[] rankNs = new double[0];

    @Override
    public String name() {
        return "critical-path";
    }

    @Override
    public String description() {
        return "dynamic list scheduling: each idle processor runs its ready task with the highest upward rank (HEFT's priority)";
    }

    @Override
    void prepare(SchedulerView view) {
        rankNs = Ranks.upwardNs(view.costs());
    }

    @Override
    long key(int task, int processor, SchedulerView view) {
        // ranks are >= 0, and the bits of non-negative doubles order as the doubles do
        return -Double.doubleToLongBits(rankNs[task]);
    }
}
