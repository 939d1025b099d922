package org.hetsched.profiles.cost;

import java.util.List;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Subgraph;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;

/** Hand-built tasks for pricing tests. */
final class Tasks {
    private Tasks() {
    }

    /** A task of exactly these ops, allowed on these placements. */
    static Task of(List<Op> ops, Placement... placements) {
        Subgraph subgraph = new Subgraph(0, "probe", SubgraphRole.GENERIC, -1, List.of(placements));
        return new Task(0, 0, subgraph, ops, 0, 0);
    }

    static Task of(Op op, Placement... placements) {
        return of(List.of(op), placements);
    }
}
