package org.hetsched.profiles.format;

import java.util.Map;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/**
 * A generic task graph read from a file (format: hw-profiles/README.md, "Task graph format"):
 * the graph, its processors, and the costs it gives.
 *
 * @param description  one line, possibly empty
 * @param source       where the graph comes from, possibly empty
 * @param graph        the tasks renumbered into a topological order; a task's name is its subgraph's name
 * @param platform     the processors, ids in file order
 * @param durationsNs  task name → duration per processor id, -1 where the task may not run
 * @param transfersNs  "from->to" task names → data transfer paid when the ends run on different processors
 */
public record GraphFile(String description, String source, TaskGraph graph, Platform platform,
                        Map<String, long[]> durationsNs, Map<String, Long> transfersNs) {

    public GraphFile {
        durationsNs = Map.copyOf(durationsNs);
        transfersNs = Map.copyOf(transfersNs);
    }

    /** The key of {@link #transfersNs()} for an edge. */
    public static String edgeKey(String from, String to) {
        return from + "->" + to;
    }
}
