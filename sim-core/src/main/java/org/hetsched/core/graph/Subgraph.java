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
 * @param shadowed   whether a SHADOW subgraph of the same layer runs beside this one and corrects
 *                   its linears (the layer keeps its outliers): the work of this subgraph is then
 *                   split around the float-side correction on a device that runs it as a static
 *                   graph; tasks of a shadowed and an unshadowed subgraph never share a cost row
 */
public record Subgraph(int index, String name, SubgraphRole role, int layer, List<Placement> placements, boolean shadowed) {

    public Subgraph {
        placements = List.copyOf(placements);
        if (placements.isEmpty()) throw new IllegalArgumentException("subgraph " + name + " has no placement");
        if (shadowed && role == SubgraphRole.SHADOW) throw new IllegalArgumentException("subgraph " + name + ": a SHADOW subgraph corrects, it is not shadowed");
    }

    /** A subgraph no SHADOW subgraph corrects. */
    public Subgraph(int index, String name, SubgraphRole role, int layer, List<Placement> placements) {
        this(index, name, role, layer, placements, false);
    }

    /** The placement on this kind of processor, or {@code null} if the subgraph may not run there. */
    public Placement placementOn(ProcessorKind kind) {
        for (Placement p : placements) {
            if (p.processorKind() == kind) return p;
        }
        return null;
    }
}
