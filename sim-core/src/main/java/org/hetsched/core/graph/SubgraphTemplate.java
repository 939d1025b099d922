package org.hetsched.core.graph;

import java.util.List;

/**
 * A subgraph as a partition plan declares it, before it is instantiated per chunk and layer.
 *
 * @param name       stable name, unique within its section of the plan
 * @param role       dependency role
 * @param ops        plan ops in execution order (may expand to nothing at some layers)
 * @param placements where it may run, at least one, at most one per processor kind
 */
public record SubgraphTemplate(String name, SubgraphRole role, List<PlanOp> ops, List<Placement> placements) {

    public SubgraphTemplate {
        ops = List.copyOf(ops);
        placements = List.copyOf(placements);
    }

    /** Whether any op's shape depends on the chunk's position (its attention context). */
    boolean dependsOnContext() {
        return ops.contains(PlanOp.ATTENTION);
    }
}
