package org.hetsched.profiles.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;

/** The simplest overlapping schedule, for sanity runs: each idle processor runs its lowest-id ready task. */
final class LowestIdFirstPolicy implements Policy {
    private final List<TreeSet<Integer>> offered = new ArrayList<>();

    @Override
    public String name() {
        return "lowest-id-first";
    }

    @Override
    public String description() {
        return "each idle processor runs the ready task with the lowest id";
    }

    @Override
    public void start(SchedulerView view) {
        offered.clear();
        for (int p = 0; p < view.costs().platform().size(); p++) offered.add(new TreeSet<>());
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        offered.get(processor).add(task);
    }

    @Override
    public int select(int processor, SchedulerView view) {
        TreeSet<Integer> tasks = offered.get(processor);
        while (!tasks.isEmpty()) {
            int task = tasks.pollFirst();
            if (!view.isDispatched(task)) return task;
        }
        return IDLE;
    }
}
