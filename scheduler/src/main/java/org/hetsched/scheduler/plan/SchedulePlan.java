package org.hetsched.scheduler.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A static schedule: the task order of every processor (which also fixes each task's processor).
 * Start times are not part of a plan: the engine (or the real backend) starts each task as soon as
 * it is ready and its processor has finished the previous one.
 *
 * <p>Immutable (arrays are copied in and out).
 */
public final class SchedulePlan {
    private final int[][] order;

    /** @param order per processor id, the tasks it runs in that order */
    public SchedulePlan(int[][] order) {
        this.order = new int[order.length][];
        for (int p = 0; p < order.length; p++) this.order[p] = order[p].clone();
    }

    /** Builds a plan from per-processor lists. */
    public static SchedulePlan of(List<List<Integer>> order) {
        int[][] arrays = new int[order.size()][];
        for (int p = 0; p < arrays.length; p++) arrays[p] = order.get(p).stream().mapToInt(Integer::intValue).toArray();
        return new SchedulePlan(arrays);
    }

    /** Builds a plan from a processor and a start time per task: each processor runs its tasks by start, then id. */
    public static SchedulePlan fromStarts(int processors, int[] processorOf, long[] startNs) {
        List<List<Integer>> order = new ArrayList<>();
        for (int p = 0; p < processors; p++) order.add(new ArrayList<>());
        Integer[] tasks = new Integer[processorOf.length];
        for (int t = 0; t < tasks.length; t++) tasks[t] = t;
        Arrays.sort(tasks, (a, b) -> startNs[a] != startNs[b] ? Long.compare(startNs[a], startNs[b]) : Integer.compare(a, b));
        for (int t : tasks) order.get(processorOf[t]).add(t);
        return of(order);
    }

    /**
     * Builds a plan from a schedule: each processor runs its tasks by (start, end, id). Ordering by
     * end before id keeps a zero-duration task ahead of a task that starts at the same instant and
     * may depend on it, so for a valid schedule with topological ids the orders are a linear
     * extension of the dependencies and a replay starts no task later than scheduled.
     */
    public static SchedulePlan fromSchedule(int processors, int[] processorOf, long[] startNs, long[] endNs) {
        int n = processorOf.length;
        int[] count = new int[processors];
        for (int t = 0; t < n; t++) count[processorOf[t]]++;
        Integer[] tasks = new Integer[n];
        for (int t = 0; t < n; t++) tasks[t] = t;
        Arrays.sort(tasks, (a, b) -> startNs[a] != startNs[b] ? Long.compare(startNs[a], startNs[b])
                : endNs[a] != endNs[b] ? Long.compare(endNs[a], endNs[b]) : Integer.compare(a, b));
        int[][] order = new int[processors][];
        for (int p = 0; p < processors; p++) order[p] = new int[count[p]];
        int[] fill = new int[processors];
        for (int t : tasks) order[processorOf[t]][fill[processorOf[t]]++] = t;
        return new SchedulePlan(order);
    }

    public int processors() {
        return order.length;
    }

    /** The tasks of processor {@code p} in order. */
    public int[] order(int p) {
        return order[p].clone();
    }

    int orderLength(int p) {
        return order[p].length;
    }

    int taskAt(int p, int position) {
        return order[p][position];
    }
}
