package org.hetsched.core.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * Checks a trace against its graph and costs: every task ran once on a processor it is eligible
 * on, for at least its tabled duration; no two tasks overlap on a processor; no task started
 * before every predecessor (explicit or by the K/V rule) ended plus the sync of the crossing.
 *
 * <p>O(tasks · processors + explicit edges) time, including the K/V rule, so it can check
 * 100K-task traces. Stateless; safe to share.
 */
public final class TraceValidator {
    private static final int MAX_REPORTED = 20;

    private TraceValidator() {
    }

    /** Every violation found, at most {@value #MAX_REPORTED}; empty when the trace is valid. */
    public static List<String> violations(Trace trace) {
        List<String> out = new ArrayList<>();
        CostTable costs = trace.costs();
        TaskGraph graph = trace.graph();
        int n = graph.size();
        int procs = trace.platform().size();
        for (int t = 0; t < n && out.size() < MAX_REPORTED; t++) {
            int p = trace.processorOf(t);
            long need = costs.durationNs(t, p);
            if (need < 0) {
                out.add("task " + graph.task(t).label() + " ran on " + name(trace, p) + " where it is not eligible");
            } else if (trace.endNs(t) - trace.startNs(t) < need) {
                out.add("task " + graph.task(t).label() + " ran " + (trace.endNs(t) - trace.startNs(t))
                        + " ns, less than its " + need + " ns");
            }
            for (int k = 0, m = graph.explicitPredecessorCount(t); k < m; k++) {
                checkEdge(trace, graph.explicitPredecessor(t, k), graph.explicitPredecessorEdge(t, k), t, out);
            }
        }
        checkKvRule(trace, out);
        checkOverlap(trace, procs, out);
        return out.size() > MAX_REPORTED ? out.subList(0, MAX_REPORTED) : out;
    }

    /**
     * @throws IllegalStateException listing the violations, if there are any
     */
    public static void validate(Trace trace) {
        List<String> v = violations(trace);
        if (!v.isEmpty()) {
            throw new IllegalStateException("invalid schedule from policy " + trace.policy() + ": " + String.join("; ", v));
        }
    }

    private static void checkEdge(Trace trace, int pred, int edge, int task, List<String> out) {
        long earliest = trace.endNs(pred) + trace.costs().crossNs(edge, trace.processorOf(pred), trace.processorOf(task));
        if (trace.startNs(task) < earliest) {
            out.add("task " + trace.graph().task(task).label() + " started at " + trace.startNs(task)
                    + " ns, before its predecessor " + trace.graph().task(pred).label() + " allows (" + earliest + " ns)");
        }
    }

    /** The consumer of chunk i may start only after all producers of chunks below i, plus sync. */
    private static void checkKvRule(Trace trace, List<String> out) {
        TaskGraph graph = trace.graph();
        KvRule kv = graph.kvRule();
        if (kv == null) return;
        int procs = trace.platform().size();
        int chunks = graph.chunks();
        for (int g = 0; g < kv.groupCount() && out.size() <= MAX_REPORTED; g++) {
            long[] prefixEnd = new long[procs];
            Arrays.fill(prefixEnd, Long.MIN_VALUE);
            for (int i = 0; i < chunks; i++) {
                int consumer = kv.consumer(g, i);
                int cp = trace.processorOf(consumer);
                for (int q = 0; q < procs; q++) {
                    if (prefixEnd[q] == Long.MIN_VALUE) continue;
                    long earliest = prefixEnd[q] + trace.costs().syncNs(q, cp);
                    if (trace.startNs(consumer) < earliest) {
                        out.add("task " + graph.task(consumer).label() + " started at " + trace.startNs(consumer)
                                + " ns, before the K/V of every earlier chunk was ready (" + earliest + " ns)");
                    }
                }
                for (int k = 0, m = kv.producersPerChunk(g); k < m; k++) {
                    int producer = kv.producer(g, i, k);
                    int q = trace.processorOf(producer);
                    prefixEnd[q] = Math.max(prefixEnd[q], trace.endNs(producer));
                }
            }
        }
    }

    private static void checkOverlap(Trace trace, int procs, List<String> out) {
        int n = trace.graph().size();
        Integer[] order = new Integer[n];
        for (int t = 0; t < n; t++) order[t] = t;
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(trace.processorOf(a), trace.processorOf(b));
            return c != 0 ? c : Long.compare(trace.startNs(a), trace.startNs(b));
        });
        for (int k = 1; k < n && out.size() <= MAX_REPORTED; k++) {
            int prev = order[k - 1];
            int cur = order[k];
            if (trace.processorOf(prev) == trace.processorOf(cur) && trace.startNs(cur) < trace.endNs(prev)) {
                out.add("tasks " + trace.graph().task(prev).label() + " and " + trace.graph().task(cur).label()
                        + " overlap on " + name(trace, trace.processorOf(cur)));
            }
        }
    }

    private static String name(Trace trace, int p) {
        return trace.platform().processor(p).name();
    }
}
