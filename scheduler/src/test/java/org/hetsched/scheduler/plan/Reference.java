package org.hetsched.scheduler.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * Straightforward reference versions of the ranks, the optimistic cost table and the list
 * schedulers, with every dependency materialised ({@link TaskGraph#predecessors}) and idle gaps
 * found by a linear scan: slow, but with nothing folded or indexed, so they check the fast ones.
 */
final class Reference {
    /** One dependency: {@code edge} is the explicit edge id, or -1 for an edge implied by the K/V rule. */
    record Dep(int task, int edge) {
    }

    final CostTable costs;
    final TaskGraph graph;
    final MeanCosts mean;
    final int n;
    final int procs;
    final List<List<Dep>> preds = new ArrayList<>();
    final List<List<Dep>> succs = new ArrayList<>();

    Reference(CostTable costs) {
        this.costs = costs;
        this.graph = costs.graph();
        this.mean = new MeanCosts(costs);
        this.n = graph.size();
        this.procs = costs.platform().size();
        for (int t = 0; t < n; t++) {
            preds.add(new ArrayList<>());
            succs.add(new ArrayList<>());
        }
        for (int t = 0; t < n; t++) {
            List<Integer> explicit = new ArrayList<>();
            for (int k = 0; k < graph.explicitPredecessorCount(t); k++) {
                int p = graph.explicitPredecessor(t, k);
                explicit.add(p);
                add(p, t, graph.explicitPredecessorEdge(t, k));
            }
            for (int p : graph.predecessors(t)) {
                if (!explicit.contains(p)) add(p, t, -1);
            }
        }
    }

    private void add(int from, int to, int edge) {
        preds.get(to).add(new Dep(from, edge));
        succs.get(from).add(new Dep(to, edge));
    }

    double meanCross(int from, int to, int edge) {
        return edge >= 0 ? mean.edgeNs(edge, from, to) : mean.kvNs(costs.eligibleMask(from), costs.eligibleMask(to));
    }

    long cross(int edge, int p, int q) {
        return p == q ? 0 : edge >= 0 ? costs.crossNs(edge, p, q) : costs.syncNs(p, q);
    }

    double[] upward() {
        double[] rank = new double[n];
        for (int t = n - 1; t >= 0; t--) {
            double tail = 0;
            for (Dep s : succs.get(t)) tail = Math.max(tail, meanCross(t, s.task(), s.edge()) + rank[s.task()]);
            rank[t] = mean.durationNs(t) + tail;
        }
        return rank;
    }

    double[] downward() {
        double[] rank = new double[n];
        for (int t = 0; t < n; t++) {
            for (Dep p : preds.get(t)) {
                rank[t] = Math.max(rank[t], rank[p.task()] + mean.durationNs(p.task()) + meanCross(p.task(), t, p.edge()));
            }
        }
        return rank;
    }

    double[] oct() {
        double[] oct = new double[n * procs];
        Arrays.fill(oct, Double.NaN);
        for (int t = n - 1; t >= 0; t--) {
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                double worst = 0;
                for (Dep s : succs.get(t)) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int q = 0; q < procs; q++) {
                        if (!costs.eligible(s.task(), q)) continue;
                        double c = q == p ? 0 : meanCross(t, s.task(), s.edge());
                        best = Math.min(best, oct[s.task() * procs + q] + costs.durationNs(s.task(), q) + c);
                    }
                    worst = Math.max(worst, best);
                }
                oct[t * procs + p] = worst;
            }
        }
        return oct;
    }

    /** A schedule under construction, with a linear scan of each processor's reservations. */
    final class Schedule {
        final int[] processorOf = new int[n];
        final long[] start = new long[n];
        final long[] end = new long[n];
        final List<List<long[]>> busy = new ArrayList<>();

        Schedule() {
            Arrays.fill(processorOf, -1);
            for (int p = 0; p < procs; p++) busy.add(new ArrayList<>());
        }

        boolean ready(int t) {
            return processorOf[t] < 0 && preds.get(t).stream().allMatch(d -> processorOf[d.task()] >= 0);
        }

        long startOn(int t, int p) {
            long at = 0;
            for (Dep d : preds.get(t)) at = Math.max(at, end[d.task()] + cross(d.edge(), processorOf[d.task()], p));
            long duration = costs.durationNs(t, p);
            for (long[] b : busy.get(p)) {
                if (b[1] <= at) continue;
                if (at + duration <= b[0]) return at;
                at = Math.max(at, b[1]);
            }
            return at;
        }

        int earliestFinish(int t) {
            int best = -1;
            long bestFinish = Long.MAX_VALUE;
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                long finish = startOn(t, p) + costs.durationNs(t, p);
                if (finish < bestFinish) {
                    bestFinish = finish;
                    best = p;
                }
            }
            return best;
        }

        void place(int t, int p) {
            long s = startOn(t, p);
            processorOf[t] = p;
            start[t] = s;
            end[t] = s + costs.durationNs(t, p);
            if (end[t] > s) {
                busy.get(p).add(new long[] {s, end[t]});
                busy.get(p).sort((a, b) -> Long.compare(a[0], b[0]));
            }
        }

        SchedulePlan plan() {
            List<List<Integer>> order = new ArrayList<>();
            for (int p = 0; p < procs; p++) order.add(new ArrayList<>());
            Integer[] ids = new Integer[n];
            for (int t = 0; t < n; t++) ids[t] = t;
            Arrays.sort(ids, (a, b) -> start[a] != start[b] ? Long.compare(start[a], start[b])
                    : end[a] != end[b] ? Long.compare(end[a], end[b]) : Integer.compare(a, b));
            for (int t : ids) order.get(processorOf[t]).add(t);
            return SchedulePlan.of(order);
        }

        /** The ready task of highest priority key, ties to the lower id; -1 when none is left. */
        int next(long[] key) {
            int best = -1;
            for (int t = 0; t < n; t++) {
                if (ready(t) && (best < 0 || key[t] > key[best])) best = t;
            }
            return best;
        }
    }

    SchedulePlan heft() {
        Schedule s = new Schedule();
        for (int t : Priorities.byDecreasing(upward())) s.place(t, s.earliestFinish(t));
        return s.plan();
    }

    SchedulePlan cpop() {
        double[] up = upward();
        double[] down = downward();
        long[] key = new long[n];
        double critical = 0;
        for (int t = 0; t < n; t++) critical = Math.max(critical, up[t] + down[t]);
        boolean[] onPath = new boolean[n];
        for (int t = 0; t < n; t++) {
            key[t] = Priorities.key(up[t] + down[t]);
            onPath[t] = Math.abs(up[t] + down[t] - critical) <= CpopPlanner.CRITICAL_EPSILON * critical;
        }
        int pathProcessor = -1;
        long bestSum = Long.MAX_VALUE;
        for (int p = 0; p < procs; p++) {
            long sum = 0;
            boolean all = true;
            for (int t = 0; t < n; t++) {
                if (!onPath[t]) continue;
                all &= costs.eligible(t, p);
                sum += Math.max(0, costs.durationNs(t, p));
            }
            if (all && sum < bestSum) {
                bestSum = sum;
                pathProcessor = p;
            }
        }
        Schedule s = new Schedule();
        for (int t = s.next(key); t >= 0; t = s.next(key)) {
            s.place(t, onPath[t] && pathProcessor >= 0 ? pathProcessor : s.earliestFinish(t));
        }
        return s.plan();
    }

    SchedulePlan peft() {
        double[] oct = oct();
        long[] key = new long[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            int count = 0;
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                sum += oct[t * procs + p];
                count++;
            }
            key[t] = Priorities.key(sum / count);
        }
        Schedule s = new Schedule();
        for (int t = s.next(key); t >= 0; t = s.next(key)) {
            int best = -1;
            long bestKey = Long.MAX_VALUE;
            for (int p = 0; p < procs; p++) {
                if (!costs.eligible(t, p)) continue;
                long k = Priorities.key(s.startOn(t, p) + costs.durationNs(t, p) + oct[t * procs + p]);
                if (k < bestKey) {
                    bestKey = k;
                    best = p;
                }
            }
            s.place(t, best);
        }
        return s.plan();
    }
}
