package org.hetsched.scheduler.online;

import org.hetsched.core.engine.LongPairMinHeap;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;

/**
 * Shared plumbing of policies that keep one ready heap per processor (a task offered to several
 * processors sits in each of their heaps until one runs it) and run its smallest
 * (key, task id): subclasses only say what the key is. Ties are broken by task id.
 */
abstract class KeyedReadyPolicy implements Policy {
    private LongPairMinHeap[] heaps = new LongPairMinHeap[0];

    /** The priority of {@code task} on {@code processor} at the moment it becomes ready; smaller runs first. */
    abstract long key(int task, int processor, SchedulerView view);

    /** Called at the end of {@link #start}, for a subclass that precomputes its keys; does nothing by default. */
    void prepare(SchedulerView view) {
    }

    @Override
    public final void start(SchedulerView view) {
        int processors = view.costs().platform().size();
        if (heaps.length != processors) {
            heaps = new LongPairMinHeap[processors];
            for (int p = 0; p < processors; p++) heaps[p] = new LongPairMinHeap();
        }
        for (LongPairMinHeap heap : heaps) heap.clear();
        prepare(view);
    }

    @Override
    public final void onReady(int task, int processor, SchedulerView view) {
        heaps[processor].push(key(task, processor, view), task);
    }

    @Override
    public final int select(int processor, SchedulerView view) {
        LongPairMinHeap heap = heaps[processor];
        while (!heap.isEmpty()) {
            int task = (int) heap.peekValue();
            heap.pop();
            if (!view.isDispatched(task)) return task; // else another processor took it
        }
        return IDLE;
    }
}
