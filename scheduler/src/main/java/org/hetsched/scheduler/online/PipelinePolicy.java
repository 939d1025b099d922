package org.hetsched.scheduler.online;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.PolicyOptions;

/**
 * The fixed pipeline of llm.npu's public implementation (the QNN backend of the {@code mllm}
 * repository; see {@code reference/llm-npu-facts.md}), which overlaps chunks without scoring:
 * two chunks run in lock-step on two threads, the second trailing the first by a fixed number of
 * subgraphs, with a barrier after every step.
 *
 * <p><b>Rule.</b> With S subgraphs per chunk and lag L, chunks are taken in pairs (0, 1), (2, 3),
 * …, one pair after another. Step s of a pair (0 ≤ s &lt; S + L) runs subgraph s of the first chunk
 * and subgraph s − L of the second, each when in range; the next step starts only when both tasks
 * of the step have finished. An odd last chunk runs alone, one subgraph per step. Every task runs
 * on its cheapest eligible processor (ties to the lower processor id); when both tasks of a step
 * want the same processor, the one ready there first goes first, ties to the lower task id. A lag of S or more only adds empty steps,
 * so it behaves as S. On a graph without chunks (a generic graph is one chunk) this runs the tasks
 * one at a time in id order, which ids, being a topological order, allow.
 *
 * <p>The step's tasks never wait for a later step: subgraph j of the second chunk needs subgraph
 * j−1 of both chunks (its own chain and the K/V of the earlier chunk), and those ran at steps
 * before it. Ties need no rule beyond the two above.
 *
 * <p><b>Cost.</b> {@link #start} O(tasks · processors) to pick processors; every other call O(1).
 * Memory O(tasks). Single-threaded; {@link #start} resets it for another run.
 */
public final class PipelinePolicy implements Policy {
    private final int lagSubgraphs;
    private int perChunk;
    private int chunks;
    private int[] target = new int[0];
    private boolean[] offered = new boolean[0];
    private int pair;
    private int step;
    private int stepsInPair;
    /** The step's tasks in id order, -1 where out of range. */
    private final int[] stepTasks = new int[2];
    private int stepLeft;

    /** A pipeline with the lag of {@link PolicyOptions#DEFAULTS}. */
    public PipelinePolicy() {
        this(PolicyOptions.DEFAULTS.pipelineLagSubgraphs());
    }

    /**
     * @param lagSubgraphs how many subgraphs the second chunk of a pair trails the first
     * @throws IllegalArgumentException if the lag is negative
     */
    public PipelinePolicy(int lagSubgraphs) {
        if (lagSubgraphs < 0) throw new IllegalArgumentException("pipeline lag must be >= 0 subgraphs, got " + lagSubgraphs);
        this.lagSubgraphs = lagSubgraphs;
    }

    @Override
    public String name() {
        return "mllm-pipeline";
    }

    @Override
    public String description() {
        return "llm.npu public code: chunk pairs in lock-step, the second " + lagSubgraphs
                + " subgraphs behind, a barrier after every step";
    }

    @Override
    public void start(SchedulerView view) {
        CostTable costs = view.costs();
        int n = view.graph().size();
        chunks = view.graph().chunks();
        perChunk = n / chunks;
        if (target.length != n) {
            target = new int[n];
            offered = new boolean[n];
        }
        for (int t = 0; t < n; t++) {
            offered[t] = false;
            target[t] = cheapestProcessor(costs, t);
        }
        pair = 0;
        beginPair();
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        if (processor == target[task]) offered[task] = true;
    }

    @Override
    public void onFinished(int task, int processor, SchedulerView view) {
        if (task != stepTasks[0] && task != stepTasks[1]) {
            throw new IllegalStateException("task " + task + " finished outside step " + step + " of pair " + pair
                    + " (tasks " + stepTasks[0] + ", " + stepTasks[1] + ")");
        }
        if (--stepLeft > 0) return;
        if (++step < stepsInPair) {
            loadStep();
        } else {
            pair++;
            beginPair();
        }
    }

    @Override
    public int select(int processor, SchedulerView view) {
        for (int task : stepTasks) {
            if (task >= 0 && target[task] == processor && offered[task] && !view.isDispatched(task)) return task;
        }
        return IDLE;
    }

    private void beginPair() {
        step = 0;
        if (2 * pair >= chunks) {
            stepTasks[0] = stepTasks[1] = -1;
            stepLeft = 0;
            return;
        }
        int lag = Math.min(lagSubgraphs, perChunk);
        stepsInPair = 2 * pair + 1 < chunks ? perChunk + lag : perChunk;
        loadStep();
    }

    private void loadStep() {
        int first = 2 * pair;
        int second = first + 1;
        int lagged = step - Math.min(lagSubgraphs, perChunk);
        stepTasks[0] = step < perChunk ? first * perChunk + step : -1;
        stepTasks[1] = second < chunks && lagged >= 0 && lagged < perChunk ? second * perChunk + lagged : -1;
        stepLeft = (stepTasks[0] >= 0 ? 1 : 0) + (stepTasks[1] >= 0 ? 1 : 0);
    }

    private static int cheapestProcessor(CostTable costs, int task) {
        int best = -1;
        for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
            int p = Integer.numberOfTrailingZeros(mask);
            if (best < 0 || costs.durationNs(task, p) < costs.durationNs(task, best)) best = p;
        }
        return best;
    }
}
