package org.hetsched.scheduler.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.TaskGraph;

/**
 * Wraps an {@link OutOfOrderPolicy} and records, at every decision, the incremental score of
 * every task offered to the deciding processor next to a from-scratch score of the same task,
 * and the choice the from-scratch scores imply.
 */
final class OutOfOrderProbe implements Policy {

    /**
     * One call of {@code select}.
     *
     * @param incremental task → C(task, processor) as the policy holds it
     * @param bruteForce  task → C(task, processor) recomputed from the view
     * @param chosen      what the policy returned
     * @param expected    the largest brute-force C, ties to the lower id, or IDLE
     */
    record Decision(long nowNs, int processor, Map<Integer, Long> incremental, Map<Integer, Long> bruteForce, int chosen,
                    int expected) {
    }

    private final OutOfOrderPolicy policy = new OutOfOrderPolicy();
    private final List<Decision> decisions = new ArrayList<>();
    private List<TreeSet<Integer>> offered;

    List<Decision> decisions() {
        return decisions;
    }

    @Override
    public String name() {
        return policy.name();
    }

    @Override
    public String description() {
        return policy.description();
    }

    @Override
    public void start(SchedulerView view) {
        policy.start(view);
        decisions.clear();
        offered = new ArrayList<>();
        for (int p = 0; p < view.costs().platform().size(); p++) offered.add(new TreeSet<>());
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        policy.onReady(task, processor, view);
        offered.get(processor).add(task);
    }

    @Override
    public void onFinished(int task, int processor, SchedulerView view) {
        policy.onFinished(task, processor, view);
    }

    @Override
    public int select(int processor, SchedulerView view) {
        offered.get(processor).removeIf(view::isDispatched);
        Map<Integer, Long> brute = new TreeMap<>();
        int expected = IDLE;
        for (int task : offered.get(processor)) {
            long score = bruteForceScoreNs(task, processor, view);
            brute.put(task, score);
            if (expected == IDLE || score > brute.get(expected)) expected = task; // ascending ids: ties keep the lower
        }
        int chosen = policy.select(processor, view);
        Map<Integer, Long> incremental = new TreeMap<>();
        for (int task : offered.get(processor)) incremental.put(task, policy.scoreNs(task, processor));
        decisions.add(new Decision(view.nowNs(), processor, incremental, brute, chosen, expected));
        return chosen;
    }

    /** C(task, processor) straight from the definition, with no state of its own. */
    static long bruteForceScoreNs(int task, int processor, SchedulerView view) {
        long unlocked = bruteForceUnlockedNs(task, view);
        return view.costs().platform().processor(processor).kind() == ProcessorKind.NPU ? -unlocked : unlocked;
    }

    /** U(task): Σ T over the tasks that become ready when {@code task} finishes, in the current state. */
    static long bruteForceUnlockedNs(int task, SchedulerView view) {
        TaskGraph graph = view.graph();
        long sum = 0;
        for (int k = 0; k < graph.explicitSuccessorCount(task); k++) {
            int succ = graph.explicitSuccessor(task, k);
            if (view.unfinishedPredecessors(succ) == 1) sum += view.costs().cheapestNs(succ);
        }
        KvRule kv = graph.kvRule();
        if (kv == null || kv.producerGroup(task) < 0) return sum;
        int group = kv.producerGroup(task);
        int chunk = graph.task(task).chunk();
        if (view.kvReadyChunks(group) != chunk || view.kvProducersLeft(group, chunk) != 1) return sum;
        // the prefix moves to chunk+1, opening that consumer's gate, and on while chunks are complete
        for (int m = chunk + 1; m < graph.chunks(); m++) {
            int consumer = kv.consumer(group, m);
            if (view.unfinishedPredecessors(consumer) == 1) sum += view.costs().cheapestNs(consumer);
            if (view.kvProducersLeft(group, m) != 0) break;
        }
        return sum;
    }
}
