package org.hetsched.core.engine;

import java.util.Arrays;

/**
 * A binary min-heap of (time, code) pairs in two primitive arrays; ties on time are broken by code,
 * so the order of events is deterministic. No allocation once grown. Single-threaded.
 */
final class EventQueue {
    private long[] times = new long[64];
    private long[] codes = new long[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    long peekTime() {
        return times[0];
    }

    long peekCode() {
        return codes[0];
    }

    void clear() {
        size = 0;
    }

    void push(long time, long code) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            codes = Arrays.copyOf(codes, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, code, times[parent], codes[parent])) break;
            times[i] = times[parent];
            codes[i] = codes[parent];
            i = parent;
        }
        times[i] = time;
        codes[i] = code;
    }

    /** Removes the smallest pair; read it with the peek methods first. */
    void pop() {
        long time = times[--size];
        long code = codes[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(times[right], codes[right], times[child], codes[child])) child = right;
            if (!less(times[child], codes[child], time, code)) break;
            times[i] = times[child];
            codes[i] = codes[child];
            i = child;
        }
        times[i] = time;
        codes[i] = code;
    }

    private static boolean less(long t1, long c1, long t2, long c2) {
        return t1 < t2 || (t1 == t2 && c1 < c2);
    }
}
