package org.hetsched.scheduler.plan;

import java.util.Arrays;

/**
 * The idle time of one processor in a schedule under construction, for insertion-based list
 * scheduling: where is the earliest idle gap, at or after a ready time, that holds a duration
 * (Topcuoglu et al. 2002, §4.1: a task may be inserted between two already scheduled ones).
 *
 * <p>Holds the gaps [start, end) between reservations (the last one open-ended) in a treap keyed by
 * start, each node keeping the longest gap of its subtree, so {@link #earliestStartNs} and
 * {@link #reserve} take O(log gaps) expected time instead of a scan of the timeline. The treap's
 * priorities come from a fixed-seed generator, so behaviour is deterministic. O(reservations)
 * memory; single-threaded.
 */
public final class IdleSlots {
    private static final int NIL = -1;
    private static final long OPEN = Long.MAX_VALUE;

    private long[] start = new long[16];
    private long[] end = new long[16];
    private long[] longest = new long[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int[] priority = new int[16];
    private int nodes;
    private int free = NIL;
    private int root = NIL;
    private long random;
    private long busyUntil;
    /** The two results of {@link #split}, in fields so that splitting allocates nothing. */
    private int low;
    private int high;

    /** A processor idle from time 0 on. */
    public IdleSlots() {
        clear();
    }

    /** Forgets every reservation. */
    public void clear() {
        nodes = 0;
        free = NIL;
        random = 0x9E3779B97F4A7C15L; // fixed seed: same inputs, same treap shape
        root = newNode(0, OPEN);
        busyUntil = 0;
    }

    /** The end of the last reservation (0 when there is none). */
    public long busyUntilNs() {
        return busyUntil;
    }

    /**
     * The earliest start ≥ {@code readyNs} at which {@code durationNs} fits in idle time. A zero
     * duration fits anywhere in an idle gap, both ends included (so at the start of a reservation
     * that follows a gap, but not between two reservations that touch).
     *
     * @throws IllegalArgumentException if a time is negative
     */
    public long earliestStartNs(long readyNs, long durationNs) {
        if (readyNs < 0 || durationNs < 0) {
            throw new IllegalArgumentException("ready time and duration must be >= 0, got " + readyNs + " and " + durationNs);
        }
        int around = floor(readyNs);
        if (around != NIL && (end[around] == OPEN || end[around] - readyNs >= durationNs)) return readyNs;
        int later = firstFitAfter(root, readyNs, durationNs);
        if (later == NIL) throw new IllegalStateException("no gap after " + readyNs + " ns: the open gap is missing");
        return start[later];
    }

    /**
     * Marks [{@code startNs}, {@code startNs + durationNs}) busy; a zero duration reserves nothing.
     *
     * @throws IllegalArgumentException if the interval is not inside one idle gap
     */
    public void reserve(long startNs, long durationNs) {
        if (durationNs < 0 || startNs < 0) {
            throw new IllegalArgumentException("start and duration must be >= 0, got " + startNs + " and " + durationNs);
        }
        if (durationNs == 0) return;
        int gap = floor(startNs);
        long finish = startNs + durationNs;
        if (gap == NIL || (end[gap] != OPEN && end[gap] < finish)) {
            throw new IllegalArgumentException("[" + startNs + ", " + finish + ") ns is not inside an idle gap");
        }
        long gapStart = start[gap];
        long gapEnd = end[gap];
        remove(gapStart);
        if (startNs > gapStart) insert(newNode(gapStart, startNs));
        if (gapEnd == OPEN || gapEnd > finish) insert(newNode(finish, gapEnd));
        busyUntil = Math.max(busyUntil, finish);
    }

    private static long length(long gapStart, long gapEnd) {
        return gapEnd == OPEN ? OPEN : gapEnd - gapStart;
    }

    /** The gap with the largest start ≤ {@code t}, or NIL. */
    private int floor(long t) {
        int best = NIL;
        for (int x = root; x != NIL; ) {
            if (start[x] <= t) {
                best = x;
                x = right[x];
            } else {
                x = left[x];
            }
        }
        return best;
    }

    /**
     * The gap with the smallest start &gt; {@code t} and room for {@code duration}, or NIL. Only the
     * boundary path can fail, so this is O(depth).
     */
    private int firstFitAfter(int x, long t, long duration) {
        if (x == NIL || longest[x] < duration) return NIL;
        if (start[x] <= t) return firstFitAfter(right[x], t, duration);
        int inLeft = firstFitAfter(left[x], t, duration);
        if (inLeft != NIL) return inLeft;
        if (length(start[x], end[x]) >= duration) return x;
        return firstFitAfter(right[x], t, duration);
    }

    private void insert(int node) {
        split(root, start[node]);
        int after = high;
        root = merge(merge(low, node), after);
    }

    private void remove(long key) {
        split(root, key);
        int before = low;
        split(high, key + 1);
        int gone = low;
        left[gone] = free; // recycle: the free list threads through left
        free = gone;
        root = merge(before, high);
    }

    /** Splits the subtree at {@code x} into {@link #low} (starts &lt; key) and {@link #high} (starts ≥ key). */
    private void split(int x, long key) {
        if (x == NIL) {
            low = NIL;
            high = NIL;
        } else if (start[x] < key) {
            split(right[x], key);
            right[x] = low;
            pull(x);
            low = x;
        } else {
            split(left[x], key);
            left[x] = high;
            pull(x);
            high = x;
        }
    }

    private int merge(int a, int b) {
        if (a == NIL) return b;
        if (b == NIL) return a;
        if (priority[a] > priority[b]) {
            right[a] = merge(right[a], b);
            pull(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        pull(b);
        return b;
    }

    private void pull(int x) {
        long best = length(start[x], end[x]);
        if (left[x] != NIL) best = Math.max(best, longest[left[x]]);
        if (right[x] != NIL) best = Math.max(best, longest[right[x]]);
        longest[x] = best;
    }

    private int newNode(long gapStart, long gapEnd) {
        int x;
        if (free != NIL) {
            x = free;
            free = left[x];
        } else {
            if (nodes == start.length) grow();
            x = nodes++;
        }
        start[x] = gapStart;
        end[x] = gapEnd;
        longest[x] = length(gapStart, gapEnd);
        left[x] = NIL;
        right[x] = NIL;
        priority[x] = nextPriority();
        return x;
    }

    private void grow() {
        int size = start.length * 2;
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        longest = Arrays.copyOf(longest, size);
        left = Arrays.copyOf(left, size);
        right = Arrays.copyOf(right, size);
        priority = Arrays.copyOf(priority, size);
    }

    /** SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): cheap, well-mixed, reproducible. */
    private int nextPriority() {
        long z = (random += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }
}
