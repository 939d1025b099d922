package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;

class PipelinePolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new PipelinePolicy();
    }

    private static CostTable prefill(int layers, PartitionPlan plan, int chunks, Set<Integer> shadow, long syncNs) {
        return CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(layers), plan, 32 * chunks, 32,
                shadow)), TestPlatforms.phone(), new SimpleCostModel(syncNs));
    }

    /**
     * One layer, llm.npu, 3 chunks, lag 1; id = 5·chunk + subgraph (embed, qkv0, attention, ffn,
     * head). Steps of pair (0, 1): {0}, {1, 5}, {2, 6}, {3, 7}, {4, 8}, {9}; then chunk 2 alone:
     * {10}, {11}, {12}, {13}, {14}. Each pair in a step runs on the NPU and the CPU (qkv0 with
     * embed, attention with qkv0, ffn with attention, head with ffn), so exactly those four pairs
     * overlap in time, and no other two tasks ever do.
     */
    @Test
    void overlapsExactlyTheTasksOfOneStep() {
        Trace trace = new Engine(prefill(1, TestPlans.llmNpu(), 3, Set.of(), 0)).run(new PipelinePolicy(1));
        Set<List<Integer>> overlapping = new TreeSet<>((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (int a = 0; a < trace.graph().size(); a++) {
            for (int b = a + 1; b < trace.graph().size(); b++) {
                if (trace.startNs(a) < trace.endNs(b) && trace.startNs(b) < trace.endNs(a)) overlapping.add(List.of(a, b));
            }
        }
        assertEquals(List.of(List.of(1, 5), List.of(2, 6), List.of(3, 7), List.of(4, 8)), new ArrayList<>(overlapping));
        // the barrier: each step starts when the previous one has ended
        assertEquals(trace.endNs(0), trace.startNs(1));
        assertEquals(trace.startNs(1), trace.startNs(5));
        assertEquals(Math.max(trace.endNs(1), trace.endNs(5)), trace.startNs(2));
        assertEquals(Math.max(trace.endNs(4), trace.endNs(8)), trace.startNs(9));
        assertEquals(trace.endNs(9), trace.startNs(10));
    }

    /** The trace equals a step-by-step replay of the rule, over lags, chunk counts, plans and syncs. */
    @Test
    void followsTheStepPatternExactly() {
        for (PartitionPlan plan : TestPlans.all()) {
            for (int chunks = 1; chunks <= 4; chunks++) {
                for (int lag : new int[] {0, 1, 2, 5, 50}) {
                    for (long sync : new long[] {0, 30_000}) {
                        CostTable costs = prefill(2, plan, chunks, plan.shadow() == null ? Set.of() : Set.of(1), sync);
                        Trace trace = new Engine(costs).run(new PipelinePolicy(lag));
                        Trace expected = replay(costs, lag);
                        assertEquals(expected.rows(), trace.rows(), costs.graph().name() + " lag " + lag + " sync " + sync);
                    }
                }
            }
        }
    }

    /** No task of step s+1 starts before both tasks of step s have ended; and a pair's second chunk trails by the lag. */
    @Test
    void keepsTheBarrierAndTheLag() {
        int lag = 3;
        CostTable costs = prefill(3, TestPlans.npuOrGpu(), 4, Set.of(0, 2), 40_000);
        Trace trace = new Engine(costs).run(new PipelinePolicy(lag));
        List<int[]> steps = steps(costs, lag);
        for (int s = 1; s < steps.size(); s++) {
            long barrier = 0;
            for (int task : steps.get(s - 1)) barrier = Math.max(barrier, trace.endNs(task));
            for (int task : steps.get(s)) assertTrue(trace.startNs(task) >= barrier, "task " + task + " of step " + s);
        }
        int perChunk = costs.graph().size() / costs.graph().chunks();
        for (int pair = 0; pair < 2; pair++) {
            for (int j = 0; j < perChunk; j++) {
                int second = (2 * pair + 1) * perChunk + j;
                // subgraph j of the second chunk shares its step with subgraph j + lag of the first
                int partner = 2 * pair * perChunk + j + lag;
                if (j + lag < perChunk) assertTrue(trace.startNs(second) >= trace.endNs(partner - 1), "task " + second);
                if (j + lag + 1 < perChunk) assertTrue(trace.endNs(second) <= trace.startNs(partner + 1), "task " + second);
            }
        }
    }

    @Test
    void defaultLagIsTheOptionsDefault() {
        CostTable costs = prefill(3, TestPlans.llmNpu(), 3, Set.of(), 0);
        assertEquals(new Engine(costs).run(new PipelinePolicy(PolicyOptions.DEFAULTS.pipelineLagSubgraphs())).rows(),
                new Engine(costs).run(new PipelinePolicy()).rows());
    }

    @Test
    void runsAGenericGraphOneTaskAtATimeInIdOrder() {
        CostTable costs = RandomGraphs.generic(9, 7);
        Trace trace = new Engine(costs).run(new PipelinePolicy());
        for (int t = 1; t < costs.graph().size(); t++) assertTrue(trace.startNs(t) >= trace.endNs(t - 1), "task " + t);
    }

    @Test
    void rejectsANegativeLag() {
        assertThrows(IllegalArgumentException.class, () -> new PipelinePolicy(-1));
    }

    /** The tasks of every step, in order, as the class comment defines them. */
    private static List<int[]> steps(CostTable costs, int lag) {
        int chunks = costs.graph().chunks();
        int perChunk = costs.graph().size() / chunks;
        List<int[]> steps = new ArrayList<>();
        for (int first = 0; first < chunks; first += 2) {
            boolean paired = first + 1 < chunks;
            for (int s = 0; s < perChunk + (paired ? lag : 0); s++) {
                List<Integer> tasks = new ArrayList<>();
                if (s < perChunk) tasks.add(first * perChunk + s);
                if (paired && s - lag >= 0 && s - lag < perChunk) tasks.add((first + 1) * perChunk + s - lag);
                if (!tasks.isEmpty()) steps.add(tasks.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return steps;
    }

    /**
     * The schedule the rule implies, computed without the engine: each step starts at the barrier;
     * a task runs on its cheapest processor once its predecessors' ends plus syncs allow; two tasks
     * wanting one processor run in order of readiness, then id.
     */
    private static Trace replay(CostTable costs, int lag) {
        int n = costs.graph().size();
        int[] proc = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        long barrier = 0;
        for (int[] step : steps(costs, lag)) {
            long[] ready = new long[step.length];
            for (int i = 0; i < step.length; i++) {
                int t = step[i];
                proc[t] = -1;
                for (int p = 0; p < costs.platform().size(); p++) {
                    if (costs.eligible(t, p) && (proc[t] < 0 || costs.durationNs(t, p) < costs.durationNs(t, proc[t]))) proc[t] = p;
                }
                ready[i] = barrier;
                for (int pred : costs.graph().predecessors(t)) {
                    ready[i] = Math.max(ready[i], end[pred] + costs.syncNs(proc[pred], proc[t]));
                }
            }
            int order0 = step.length == 2 && proc[step[0]] == proc[step[1]] && ready[1] < ready[0] ? 1 : 0;
            long stepEnd = barrier;
            long busyUntil = 0;
            for (int k = 0; k < step.length; k++) {
                int i = k == 0 ? order0 : 1 - order0;
                int t = step[i];
                boolean shared = k == 1 && proc[step[0]] == proc[step[1]];
                start[t] = Math.max(ready[i], shared ? busyUntil : 0);
                end[t] = start[t] + costs.durationNs(t, proc[t]);
                busyUntil = end[t];
                stepEnd = Math.max(stepEnd, end[t]);
            }
            barrier = stepEnd;
        }
        return new Trace(costs, "replay", proc, start, end);
    }
}
