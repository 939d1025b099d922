package org.hetsched.core.graph;

import java.util.List;

/**
 * One node of the task graph: subgraph j of chunk i.
 *
 * @param id          dense id; ids are a topological order (every predecessor has a smaller id)
 * @param chunk       chunk index i
 * @param subgraph    the shared column this task belongs to
 * @param ops         the ops with shapes; tasks with equal {@code shapeClass} have ops of equal {@link Op#signature()}s
 * @param shapeClass  dense id of the distinct list of op signatures (the same ops at any layer), so costs can be computed once per class
 * @param staticGraph dense id of the static graph this task executes (subgraph + shapes); an NPU
 *                    pays graph preparation once per distinct static graph
 */
public record Task(int id, int chunk, Subgraph subgraph, List<Op> ops, int shapeClass, int staticGraph) {

    public Task {
        ops = List.copyOf(ops);
    }

    /** The attention context (keys/values read) of this task, or 0 if it has no attention op. */
    public int contextTokens() {
        for (Op op : ops) {
            if (op.kind() == OpKind.ATTENTION_SCORE) return op.n();
        }
        return 0;
    }

    public int layer() {
        return subgraph.layer();
    }

    /** "c3/attention@L5"-style label for traces and messages. */
    public String label() {
        return "c" + chunk + "/" + subgraph.name() + (subgraph.layer() >= 0 ? "@L" + subgraph.layer() : "");
    }
}
