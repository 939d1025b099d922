package org.hetsched.core.engine;

import java.util.Arrays;

/**
 * A binary min-heap of (key, value) pairs of longs, ordered by key and then value, so equal keys
 * come out in a deterministic order. Held in two primitive arrays: no allocation once grown, which
 * is why the engine's event queue and the policies' ready queues use it instead of a
 * {@code PriorityQueue} of boxed objects. Single-threaded.
 */
public final class LongPairMinHeap {
    private long[] keys = new long[64];
    private long[] values = new long[64];
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The smallest key; undefined when empty. */
    public long peekKey() {
        return keys[0];
    }

    /** The value paired with the smallest key; undefined when empty. */
    public long peekValue() {
        return values[0];
    }

    public void clear() {
        size = 0;
    }

    public void push(long key, long value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, value, keys[parent], values[parent])) break;
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes the smallest pair; read it with the peek methods first. */
    public void pop() {
        long key = keys[--size];
        long value = values[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(keys[right], values[right], keys[child], values[child])) child = right;
            if (!less(keys[child], values[child], key, value)) break;
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        keys[i] = key;
        values[i] = value;
    }

    private static boolean less(long k1, long v1, long k2, long v2) {
        return k1 < k2 || (k1 == k2 && v1 < v2);
    }
}
