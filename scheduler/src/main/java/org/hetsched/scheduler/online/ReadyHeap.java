package org.hetsched.scheduler.online;

import java.util.Arrays;

/**
 * Ready tasks of one processor, smallest (key, task id) first, in primitive arrays. A task handed
 * to several processors' heaps stays in the others until popped there; callers skip it then.
 * Single-threaded; no allocation once grown.
 */
final class ReadyHeap {
    private long[] keys = new long[32];
    private int[] tasks = new int[32];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    int peekTask() {
        return tasks[0];
    }

    void push(long key, int task) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            tasks = Arrays.copyOf(tasks, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, task, keys[parent], tasks[parent])) break;
            keys[i] = keys[parent];
            tasks[i] = tasks[parent];
            i = parent;
        }
        keys[i] = key;
        tasks[i] = task;
    }

    /** Removes and returns the smallest task. */
    int pop() {
        int top = tasks[0];
        long key = keys[--size];
        int task = tasks[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(keys[right], tasks[right], keys[child], tasks[child])) child = right;
            if (!less(keys[child], tasks[child], key, task)) break;
            keys[i] = keys[child];
            tasks[i] = tasks[child];
            i = child;
        }
        keys[i] = key;
        tasks[i] = task;
        return top;
    }

    private static boolean less(long k1, int t1, long k2, int t2) {
        return k1 < k2 || (k1 == k2 && t1 < t2);
    }
}
