package org.hetsched.core.graph;

import java.util.List;
import org.hetsched.core.UserInputException;

/** A task graph whose dependencies form a cycle; the message names the tasks on one cycle. */
public final class CyclicGraphException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final List<String> cycle;

    /**
     * @param where what holds the graph (a file name, a plan)
     * @param cycle the names of the tasks on one cycle, in dependency order
     */
    public CyclicGraphException(String where, List<String> cycle) {
        super(where + ": the dependencies form a cycle: " + String.join(" -> ", cycle) + " -> " + cycle.get(0));
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
