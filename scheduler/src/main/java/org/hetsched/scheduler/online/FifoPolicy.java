package org.hetsched.scheduler.online;

import org.hetsched.core.engine.SchedulerView;

/** Earliest-ready first on each processor; ties by task id. */
public final class FifoPolicy extends KeyedReadyPolicy {

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "earliest-ready first on each processor, ties by (chunk, subgraph)";
    }

    @Override
    long key(int task, int processor, SchedulerView view) {
        return view.nowNs(); // offered at the instant it became ready here
    }
}
