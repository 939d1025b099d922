package org.hetsched.scheduler.plan;

import java.util.Arrays;

/**
 * Prefix maxima over a fixed range of indices whose values only rise: a Fenwick tree (Fenwick,
 * "A new data structure for cumulative frequency tables", Software: Practice and Experience 24(3),
 * 1994) with max instead of sum. List schedulers place K/V producers in priority order, not chunk
 * order, yet must ask "latest producer end over chunks below i": O(log size) for both.
 *
 * <p>O(size) memory; single-threaded.
 */
final class PrefixMax {
    /** The maximum of an empty prefix. */
    static final long NONE = Long.MIN_VALUE;

    private final long[] tree;

    PrefixMax(int size) {
        tree = new long[size + 1];
        Arrays.fill(tree, NONE);
    }

    /** Raises the value at {@code index} to at least {@code value}. */
    void raise(int index, long value) {
        for (int i = index + 1; i < tree.length; i += i & -i) {
            if (value > tree[i]) tree[i] = value;
        }
    }

    /** The maximum over indices below {@code count}, or {@link #NONE}. */
    long maxBelow(int count) {
        long best = NONE;
        for (int i = count; i > 0; i -= i & -i) {
            if (tree[i] > best) best = tree[i];
        }
        return best;
    }
}
