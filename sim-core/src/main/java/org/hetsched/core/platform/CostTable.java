package org.hetsched.core.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;

/**
 * Every cost a run needs, computed once: per task and processor a duration (or ineligible), the
 * sync matrix, and graph preparation per static graph. Tasks of equal shape and placement share
 * one row, so pricing is O(distinct shapes × processors) cost-model calls.
 *
 * <p>Immutable and safe to share between threads; memory O(tasks + rows × processors).
 */
public final class CostTable {
    /** Marks a (task, processor) pair on which the task may not run. */
    public static final long INELIGIBLE = -1;

    private final TaskGraph graph;
    private final Platform platform;
    private final String costModelName;
    private final int processors;
    private final int[] rowOfTask;
    private final long[] durationNs;
    private final int[] eligibleMask;
    private final TaskCost[] costs;
    private final long[] syncNs;
    private final long[] transferNs;
    private final long[] preparationNs;
    /** What {@link #adjusted} applied, in order; identity is what tells two apart. */
    private final List<DurationAdjustment> adjustments;

    private CostTable(TaskGraph graph, Platform platform, String costModelName, int[] rowOfTask, List<TaskCost> rowCosts,
                      long[] syncNs, long[] transferNs, long[] preparationNs, List<DurationAdjustment> adjustments) {
        this.graph = graph;
        this.platform = platform;
        this.costModelName = costModelName;
        this.processors = platform.size();
        this.rowOfTask = rowOfTask;
        this.costs = rowCosts.toArray(new TaskCost[0]);
        this.durationNs = new long[costs.length];
        for (int i = 0; i < costs.length; i++) durationNs[i] = costs[i].supported() ? costs[i].durationNs() : INELIGIBLE;
        this.eligibleMask = new int[costs.length / processors];
        for (int row = 0; row < eligibleMask.length; row++) {
            for (int p = 0; p < processors; p++) {
                if (durationNs[row * processors + p] >= 0) eligibleMask[row] |= 1 << p;
            }
        }
        this.syncNs = syncNs;
        this.transferNs = transferNs;
        this.preparationNs = preparationNs;
        this.adjustments = List.copyOf(adjustments);
    }

    /**
     * Prices {@code graph} on {@code platform}.
     *
     * @throws NoEligibleProcessorException if some task can run on no processor of the platform
     * @throws IllegalStateException        if the cost model breaks its contract (negative sync)
     */
    public static CostTable build(TaskGraph graph, Platform platform, CostModel model) {
        int p = platform.size();
        if (p > Integer.SIZE - 1) throw new IllegalArgumentException("at most 31 processors, got " + p);
        Map<Long, Integer> rows = new HashMap<>();
        // placement lists are shared by every task of a template: identity is enough to tell them apart
        Map<List<Placement>, Integer> placementIds = new IdentityHashMap<>();
        List<TaskCost> rowCosts = new ArrayList<>();
        int[] rowOfTask = new int[graph.size()];
        long[] preparation = new long[graph.staticGraphCount() * p];
        boolean[] preparationSeen = new boolean[graph.staticGraphCount()];
        for (int t = 0; t < graph.size(); t++) {
            Task task = graph.task(t);
            int placementId = placementIds.computeIfAbsent(task.subgraph().placements(), k -> placementIds.size());
            // a shadowed subgraph may cost more than the same ops unshadowed (its static graph is split)
            long key = ((long) placementId << 32) | (task.subgraph().shadowed() ? 1L << 31 : 0L) | task.shapeClass();
            Integer row = rows.get(key);
            if (row == null) {
                row = rows.size();
                rows.put(key, row);
                boolean any = false;
                for (Processor proc : platform.processors()) {
                    TaskCost c = model.cost(task, proc);
                    if (c == null) throw new IllegalStateException(model.name() + " returned null for " + task.label());
                    rowCosts.add(c);
                    any |= c.supported();
                }
                if (!any) throw new NoEligibleProcessorException(task, platform);
            }
            rowOfTask[t] = row;
            if (!preparationSeen[task.staticGraph()]) {
                preparationSeen[task.staticGraph()] = true;
                for (Processor proc : platform.processors()) {
                    preparation[task.staticGraph() * p + proc.id()] = model.graphPreparationNs(task, proc);
                }
            }
        }
        long[] sync = new long[p * p];
        for (Processor from : platform.processors()) {
            for (Processor to : platform.processors()) {
                long ns = model.syncNs(from, to);
                if (ns < 0 || (from == to && ns != 0)) {
                    throw new IllegalStateException(model.name() + ": sync " + from.name() + "->" + to.name() + " = " + ns
                            + " ns breaks the contract (>= 0, and 0 on the same processor)");
                }
                sync[from.id() * p + to.id()] = ns;
            }
        }
        long[] transfer = new long[(int) graph.explicitEdgeCount()];
        for (int t = 0; t < graph.size(); t++) {
            for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                long ns = model.transferNs(graph.task(t), graph.task(graph.explicitSuccessor(t, k)));
                if (ns < 0) {
                    throw new IllegalStateException(model.name() + ": transfer " + graph.task(t).label() + " -> "
                            + graph.task(graph.explicitSuccessor(t, k)).label() + " = " + ns + " ns is negative");
                }
                transfer[graph.explicitSuccessorEdge(t, k)] = ns;
            }
        }
        return new CostTable(graph, platform, model.name(), rowOfTask, rowCosts, sync, transfer, preparation, List.of());
    }

    /**
     * This table with {@code adjustment} applied to every eligible duration (eligibility, syncs,
     * transfers and graph preparation unchanged; a cost keeps its basis and analytic ops).
     * O(rows × processors) calls; this table is not changed.
     *
     * @throws IllegalStateException if the adjustment returns a negative duration
     */
    public CostTable adjusted(DurationAdjustment adjustment) {
        if (adjustment == null) throw new IllegalArgumentException("adjustment is required");
        int rows = costs.length / processors;
        int[] firstTask = new int[rows];
        Arrays.fill(firstTask, -1);
        for (int t = 0; t < rowOfTask.length; t++) {
            if (firstTask[rowOfTask[t]] < 0) firstTask[rowOfTask[t]] = t;
        }
        List<TaskCost> rowCosts = new ArrayList<>(costs.length);
        for (int row = 0; row < rows; row++) {
            for (int p = 0; p < processors; p++) {
                TaskCost c = costs[row * processors + p];
                if (!c.supported() || firstTask[row] < 0) {
                    rowCosts.add(c);
                    continue;
                }
                Task task = graph.task(firstTask[row]);
                long ns = adjustment.adjustedNs(task, platform.processor(p), c.durationNs());
                if (ns < 0) {
                    throw new IllegalStateException("duration adjustment " + adjustment + " gave " + ns + " ns for "
                            + task.label() + " on " + platform.processor(p).name() + " (tabled " + c.durationNs() + " ns)");
                }
                rowCosts.add(ns == c.durationNs() ? c : new TaskCost(ns, c.basis(), c.analyticOps()));
            }
        }
        List<DurationAdjustment> applied = new ArrayList<>(adjustments);
        applied.add(adjustment);
        return new CostTable(graph, platform, costModelName, rowOfTask, rowCosts, syncNs, transferNs, preparationNs, applied);
    }

    /** Whether {@link #adjusted} applied this very adjustment (by identity) to this table or the one it came from. */
    public boolean adjustedBy(DurationAdjustment adjustment) {
        for (DurationAdjustment a : adjustments) {
            if (a == adjustment) return true;
        }
        return false;
    }

    public TaskGraph graph() {
        return graph;
    }

    public Platform platform() {
        return platform;
    }

    public String costModelName() {
        return costModelName;
    }

    /** Duration of {@code task} on processor {@code processor}, or {@link #INELIGIBLE}. */
    public long durationNs(int task, int processor) {
        return durationNs[rowOfTask[task] * processors + processor];
    }

    /** Bit p is set when {@code task} may run on processor p. */
    public int eligibleMask(int task) {
        return eligibleMask[rowOfTask[task]];
    }

    public boolean eligible(int task, int processor) {
        return durationNs(task, processor) >= 0;
    }

    /** The full cost record (basis, analytic ops) of {@code task} on {@code processor}. */
    public TaskCost cost(int task, int processor) {
        return costs[rowOfTask[task] * processors + processor];
    }

    /** Sync delay from processor {@code from} to processor {@code to}. */
    public long syncNs(int from, int to) {
        return syncNs[from * processors + to];
    }

    /** Data movement on explicit edge {@code edge} when its ends run on different processors. */
    public long transferNs(int edge) {
        return transferNs[edge];
    }

    /**
     * Delay between the end of an explicit edge's producer on {@code from} and the earliest start of
     * its consumer on {@code to}: 0 on the same processor, else sync plus the edge's transfer.
     */
    public long crossNs(int edge, int from, int to) {
        return from == to ? 0 : syncNs[from * processors + to] + transferNs[edge];
    }

    /** One-time preparation of static graph {@code staticGraph} on {@code processor}. */
    public long graphPreparationNs(int staticGraph, int processor) {
        return preparationNs[staticGraph * processors + processor];
    }

    /** The smallest duration of {@code task} over the processors it may run on. */
    public long cheapestNs(int task) {
        long best = Long.MAX_VALUE;
        int base = rowOfTask[task] * processors;
        for (int p = 0; p < processors; p++) {
            long d = durationNs[base + p];
            if (d >= 0 && d < best) best = d;
        }
        return best;
    }
}
