package org.hetsched.scheduler.online;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;

/**
 * Shared plumbing of policies that keep one ready heap per processor and run its smallest
 * (key, task id): subclasses only say what the key is. Ties are broken by task id.
 */
abstract class KeyedReadyPolicy implements Policy {
    private ReadyHeap[] heaps = new ReadyHeap[0];

    /** The priority of {@code task} on {@code processor} at the moment it becomes ready; smaller runs first. */
    abstract long key(int task, int processor, SchedulerView view);

    @Override
    public final void start(SchedulerView view) {
        int processors = view.costs().platform().size();
        if (heaps.length != processors) {
            heaps = new ReadyHeap[processors];
            for (int p = 0; p < processors; p++) heaps[p] = new ReadyHeap();
        }
        for (ReadyHeap heap : heaps) heap.clear();
    }

    @Override
    public final void onReady(int task, int processor, SchedulerView view) {
        heaps[processor].push(key(task, processor, view), task);
    }

    @Override
    public final int select(int processor, SchedulerView view) {
        ReadyHeap heap = heaps[processor];
        while (!heap.isEmpty()) {
            int task = heap.pop();
            if (!view.isDispatched(task)) return task; // else another processor took it
        }
        return IDLE;
    }
}
