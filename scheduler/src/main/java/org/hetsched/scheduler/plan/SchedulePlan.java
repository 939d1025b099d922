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
