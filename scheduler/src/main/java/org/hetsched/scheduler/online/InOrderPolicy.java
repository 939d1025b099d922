package org.hetsched.scheduler.online;

import org.hetsched.core.engine.SchedulerView;

/**
 * Naive overlap: every processor runs its ready subgraphs in (chunk, subgraph) order, which is
 * task-id order in a prefill graph. The baseline llm.npu starts from (arXiv 2407.05858, §3.4).
 */
public final class InOrderPolicy extends KeyedReadyPolicy {

    @Override
    public String name() {
        return "in-order";
    }

    @Override
    public String description() {
        return "naive overlap: each processor runs its ready subgraphs in (chunk, subgraph) order";
    }

    @Override
    long key(int task, int processor, SchedulerView view) {
        return task;
    }
}
