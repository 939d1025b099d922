package org.hetsched.scheduler.exact;

import org.hetsched.core.UserInputException;

/** The graph has more tasks than the exact solver is allowed to take on. */
public final class InstanceTooLargeException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String graph;
    private final int tasks;
    private final int maxTasks;

    public InstanceTooLargeException(String graph, int tasks, int maxTasks) {
        super("graph " + graph + " has " + tasks + " tasks, more than the " + maxTasks + " the exact solver takes; "
                + "raise the solver's task limit (--optimal-max-tasks, or optimalMaxTasks in a sweep; solving time grows steeply with size), "
                + "use fewer chunks or layers, or use a heuristic such as heft");
        this.graph = graph;
        this.tasks = tasks;
        this.maxTasks = maxTasks;
    }

    public String graph() {
        return graph;
    }

    public int tasks() {
        return tasks;
    }

    public int maxTasks() {
        return maxTasks;
    }
}
