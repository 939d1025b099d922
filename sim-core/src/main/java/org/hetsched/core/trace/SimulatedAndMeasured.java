package org.hetsched.core.trace;

import java.util.Arrays;
import java.util.List;

/**
 * One schedule as the simulator ran it and as a real backend measured it in one or more replays:
 * what every sim-against-real report is made of. The measured traces come from the backend (their
 * platform is its lanes, their cost table holds no predictions); tasks are matched by id.
 *
 * <p>Immutable; holds the traces, not copies (traces are immutable); safe to share between threads.
 *
 * @param model     name of the model the graph was built from, for labels (e.g. "qwen1.5-1.8b")
 * @param simulated the simulated run; its {@link Trace#policy()} names the policy and its platform
 *                  the device profile the schedule was made with
 * @param measured  the measured replays of that schedule in run order: at least one, each of a graph
 *                  with the simulated graph's name and task count
 */
public record SimulatedAndMeasured(String model, Trace simulated, List<Trace> measured) {

    /** @throws IllegalArgumentException if a field is missing or a measured trace is of another graph */
    public SimulatedAndMeasured {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("model name is empty");
        if (simulated == null) throw new IllegalArgumentException("no simulated trace");
        if (measured == null || measured.isEmpty()) {
            throw new IllegalArgumentException("no measured run of policy " + simulated.policy());
        }
        measured = List.copyOf(measured);
        for (int r = 0; r < measured.size(); r++) {
            Trace run = measured.get(r);
            if (run.graph().size() != simulated.graph().size() || !run.graph().name().equals(simulated.graph().name())) {
                throw new IllegalArgumentException("measured run " + r + " of policy " + simulated.policy() + " is of graph "
                        + run.graph().name() + " (" + run.graph().size() + " tasks), not of the simulated "
                        + simulated.graph().name() + " (" + simulated.graph().size() + " tasks)");
            }
        }
    }

    /** The policy that made the schedule (the simulated trace's). */
    public String policy() {
        return simulated.policy();
    }

    /**
     * Index in {@link #measured} of the run with the median makespan: for an even count the lower of
     * the two middle ones; among runs of equal makespan, the earliest.
     */
    public int medianRun() {
        Integer[] order = new Integer[measured.size()];
        for (int r = 0; r < order.length; r++) order[r] = r;
        // stable sort: equal makespans keep run order
        Arrays.sort(order, (a, b) -> Long.compare(measured.get(a).makespanNs(), measured.get(b).makespanNs()));
        return order[(order.length - 1) / 2];
    }
}
