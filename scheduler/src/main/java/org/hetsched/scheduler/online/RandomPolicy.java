package org.hetsched.scheduler.online;

import java.util.Arrays;
import java.util.Random;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.scheduler.PolicyOptions;

/**
 * A sanity baseline: each idle processor runs a task drawn uniformly from the tasks offered to it
 * and not yet dispatched. A good policy should beat it; a policy that does not has a bug or
 * nothing to decide.
 *
 * <p>Deterministic for a seed: {@link #start} reseeds the generator, so a reused instance repeats
 * its run. There are no ties to break: the draw decides, and processors draw in the engine's
 * (id) order. Each processor keeps a bag of offered tasks; a draw that hits a task dispatched
 * elsewhere removes it and draws again, which keeps the choice uniform over the remaining ones.
 *
 * <p><b>Cost.</b> O(1) per offer, O(1) amortised per decision (each offer is removed at most
 * once). Memory O(tasks · processors) at worst. Single-threaded.
 */
public final class RandomPolicy implements Policy {
    private final long seed;
    private final Random random;
    private int[][] bags = new int[0][];
    private int[] sizes = new int[0];

    /** A baseline seeded with {@link PolicyOptions#DEFAULTS}. */
    public RandomPolicy() {
        this(PolicyOptions.DEFAULTS.seed());
    }

    /** @param seed the generator's seed, restored at every {@link #start} */
    public RandomPolicy(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "sanity baseline: each idle processor runs a uniformly random ready task (seeded)";
    }

    @Override
    public void start(SchedulerView view) {
        random.setSeed(seed);
        int procs = view.costs().platform().size();
        if (bags.length != procs) {
            bags = new int[procs][16];
            sizes = new int[procs];
        }
        Arrays.fill(sizes, 0);
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        if (sizes[processor] == bags[processor].length) bags[processor] = Arrays.copyOf(bags[processor], sizes[processor] * 2);
        bags[processor][sizes[processor]++] = task;
    }

    @Override
    public int select(int processor, SchedulerView view) {
        int[] bag = bags[processor];
        while (sizes[processor] > 0) {
            int i = random.nextInt(sizes[processor]);
            int task = bag[i];
            bag[i] = bag[--sizes[processor]];
            if (!view.isDispatched(task)) return task;
        }
        return IDLE;
    }
}
