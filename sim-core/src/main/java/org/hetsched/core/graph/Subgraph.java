package org.hetsched.core.graph;

import java.util.List;

/**
 * Subgraph j of every chunk: the column of the task grid that tasks (i, j) share.
 *
 * @param index      position j within a chunk, 0-based
 * @param name       the plan template's name, e.g. "attention"
 * @param role       the dependency role
 * @param layer      decoder layer, or -1 for prologue/epilogue/generic subgraphs
 * @param placements where it may run (at least one), in preference order as the plan lists them
 */
public record Subgraph(int index, String name, SubgraphRole role, int layer, List<Placement> placements) {

    public Subgraph {
        placements = List.copyOf(placements);
        if (placements.isEmpty()) throw new IllegalArgumentException("subgraph " + name + " has no placement");
    }

    /** The placement on this kind of processor, or {@code null} if the subgraph may not run there. */
    public Placement placementOn(ProcessorKind kind) {
        for (Placement p : placements) {
            if (p.processorKind() == kind) return p;
        }
        return null;
    }
}
