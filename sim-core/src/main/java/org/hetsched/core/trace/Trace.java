package org.hetsched.core.trace;

import java.util.AbstractList;
import java.util.List;
import java.util.OptionalDouble;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;

/**
 * Per task: the processor it ran on, its start and end. Written by the simulator and by the real
 * backend alike, so the two can be compared row by row.
 *
 * <p>Immutable (arrays are copied in); O(tasks) memory; safe to share between threads.
 */
public final class Trace {
    private final CostTable costs;
    private final String policy;
    private final int[] processorOf;
    private final long[] startNs;
    private final long[] endNs;
    private final long makespanNs;
    private final long policyTimeNs;
    private final int decisions;
    private final List<RunTotal> totals;

    /** A trace without policy timing. */
    public Trace(CostTable costs, String policy, int[] processorOf, long[] startNs, long[] endNs) {
        this(costs, policy, processorOf, startNs, endNs, -1, 0);
    }

    /**
     * @param policyTimeNs time spent inside the policy's calls, or -1 if not measured
     * @param decisions    dispatches the policy made (tasks it handed to a processor)
     * @throws IllegalArgumentException if a task has no processor or ends before it starts
     */
    public Trace(CostTable costs, String policy, int[] processorOf, long[] startNs, long[] endNs, long policyTimeNs,
                 int decisions) {
        this(costs, policy, processorOf, startNs, endNs, policyTimeNs, decisions, List.of());
    }

    /**
     * @param policyTimeNs time spent inside the policy's calls, or -1 if not measured
     * @param decisions    dispatches the policy made (tasks it handed to a processor)
     * @param totals       what the run's engine effects accounted (e.g. energy), in their order
     * @throws IllegalArgumentException if a task has no processor or ends before it starts, or two
     *                                  totals share a quantity
     */
    public Trace(CostTable costs, String policy, int[] processorOf, long[] startNs, long[] endNs, long policyTimeNs,
                 int decisions, List<RunTotal> totals) {
        int n = costs.graph().size();
        if (processorOf.length != n || startNs.length != n || endNs.length != n) {
            throw new IllegalArgumentException("trace arrays must have one entry per task (" + n + ")");
        }
        this.costs = costs;
        this.policy = policy;
        this.processorOf = processorOf.clone();
        this.startNs = startNs.clone();
        this.endNs = endNs.clone();
        long makespan = 0;
        for (int t = 0; t < n; t++) {
            if (processorOf[t] < 0 || processorOf[t] >= costs.platform().size()) {
                throw new IllegalArgumentException("task " + t + " has no valid processor (" + processorOf[t] + ")");
            }
            if (endNs[t] < startNs[t] || startNs[t] < 0) {
                throw new IllegalArgumentException("task " + t + " runs from " + startNs[t] + " to " + endNs[t] + " ns");
            }
            makespan = Math.max(makespan, endNs[t]);
        }
        this.makespanNs = makespan;
        this.policyTimeNs = policyTimeNs;
        this.decisions = decisions;
        this.totals = List.copyOf(totals);
        for (int i = 0; i < this.totals.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.totals.get(i).quantity().equals(this.totals.get(j).quantity())) {
                    throw new IllegalArgumentException("two run totals are both " + this.totals.get(i).quantity());
                }
            }
        }
    }

    /** What the run's engine effects accounted, in their order; empty when none did. */
    public List<RunTotal> totals() {
        return totals;
    }

    /** The total of {@code quantity} (e.g. {@link RunTotal#ENERGY_J}), or empty when no effect accounted it. */
    public OptionalDouble total(String quantity) {
        for (RunTotal t : totals) {
            if (t.quantity().equals(quantity)) return OptionalDouble.of(t.value());
        }
        return OptionalDouble.empty();
    }

    /** Time spent inside the policy (planning included), or -1 if it was not measured. */
    public long policyTimeNs() {
        return policyTimeNs;
    }

    /** Dispatches the policy made. */
    public int decisions() {
        return decisions;
    }

    /** Mean policy time per dispatch, or -1 if not measured. */
    public double policyNsPerDecision() {
        return policyTimeNs < 0 || decisions == 0 ? -1 : (double) policyTimeNs / decisions;
    }

    public TaskGraph graph() {
        return costs.graph();
    }

    public Platform platform() {
        return costs.platform();
    }

    /** The costs the run was priced with. */
    public CostTable costs() {
        return costs;
    }

    /** Name of the policy that chose the schedule. */
    public String policy() {
        return policy;
    }

    /** Time from the first start (0) to the last end. */
    public long makespanNs() {
        return makespanNs;
    }

    public int processorOf(int task) {
        return processorOf[task];
    }

    public long startNs(int task) {
        return startNs[task];
    }

    public long endNs(int task) {
        return endNs[task];
    }

    /** The rows in task-id order, as a read-only view (rows are made on access). */
    public List<TraceRow> rows() {
        return new AbstractList<>() {
            @Override
            public TraceRow get(int task) {
                return new TraceRow(task, processorOf[task], startNs[task], endNs[task]);
            }

            @Override
            public int size() {
                return processorOf.length;
            }
        };
    }
}
