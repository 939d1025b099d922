package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * The immutable DAG of one prefill: tasks with dense ids that are a topological order, explicit
 * edges in compressed arrays, and the cross-chunk K/V rule kept compact ({@link KvRule}).
 *
 * <p>Memory is O(tasks + explicit edges). {@link #asGraph()} materialises every dependency as a
 * JGraphT graph for small graphs and export. Safe to share between threads.
 */
public final class TaskGraph {
    /** Beyond this many dependencies {@link #asGraph()} refuses rather than exhaust the heap. */
    public static final long MAX_MATERIALISED_EDGES = 5_000_000L;

    private final String name;
    private final List<Task> tasks;
    private final List<Subgraph> columns;
    private final int chunks;
    private final int chunkTokens;
    private final int promptTokens;
    private final int paddedTokens;
    private final int[] predStart;
    private final int[] preds;
    private final int[] succStart;
    private final int[] succs;
    /** For each position in {@code preds}, the edge id (its position in {@code succs}). */
    private final int[] predEdge;
    private final KvRule kvRule;
    private final int shapeClasses;
    private final int staticGraphs;
    /** What the graph is a prefill of; {@code null} for graphs that did not come from a partition plan. */
    private final PrefillConfig prefill;

    TaskGraph(String name, List<Task> tasks, List<Subgraph> columns, int chunks, int chunkTokens, int promptTokens,
              int paddedTokens, int[][] explicitPreds, KvRule kvRule, PrefillConfig prefill) {
        this.prefill = prefill;
        this.name = name;
        this.tasks = List.copyOf(tasks);
        this.columns = List.copyOf(columns);
        this.chunks = chunks;
        this.chunkTokens = chunkTokens;
        this.promptTokens = promptTokens;
        this.paddedTokens = paddedTokens;
        this.kvRule = kvRule;
        int n = tasks.size();
        predStart = new int[n + 1];
        int[] succCount = new int[n];
        for (int t = 0; t < n; t++) {
            if (this.tasks.get(t).id() != t) throw new IllegalStateException("task at index " + t + " has id " + tasks.get(t).id());
            predStart[t + 1] = predStart[t] + explicitPreds[t].length;
            for (int p : explicitPreds[t]) {
                if (p >= t || p < 0) {
                    throw new IllegalStateException("task ids must be a topological order: " + t + " depends on " + p);
                }
                succCount[p]++;
            }
        }
        preds = new int[predStart[n]];
        succStart = new int[n + 1];
        for (int t = 0; t < n; t++) succStart[t + 1] = succStart[t] + succCount[t];
        succs = new int[predStart[n]];
        predEdge = new int[predStart[n]];
        int[] fill = Arrays.copyOf(succStart, n);
        for (int t = 0; t < n; t++) {
            System.arraycopy(explicitPreds[t], 0, preds, predStart[t], explicitPreds[t].length);
            for (int k = 0; k < explicitPreds[t].length; k++) {
                int p = explicitPreds[t][k];
                predEdge[predStart[t] + k] = fill[p];
                succs[fill[p]++] = t;
            }
        }
        shapeClasses = this.tasks.stream().mapToInt(Task::shapeClass).max().orElse(-1) + 1;
        staticGraphs = this.tasks.stream().mapToInt(Task::staticGraph).max().orElse(-1) + 1;
    }

    /**
     * The prefill this graph computes (model, plan, prompt, chunk size, shadow layers), or empty
     * for a graph that did not come from a partition plan.
     */
    public Optional<PrefillConfig> prefill() {
        return Optional.ofNullable(prefill);
    }

    /** A descriptive name such as "qwen1.5-1.8b/llm.npu/prompt1024/chunk256". */
    public String name() {
        return name;
    }

    public int size() {
        return tasks.size();
    }

    public Task task(int id) {
        return tasks.get(id);
    }

    /** All tasks, indexed by id. */
    public List<Task> tasks() {
        return tasks;
    }

    /** The subgraph of every column j (the same in every chunk); empty for generic graphs. */
    public List<Subgraph> columns() {
        return columns;
    }

    public int chunks() {
        return chunks;
    }

    public int chunkTokens() {
        return chunkTokens;
    }

    /** Real prompt tokens (0 for graphs that are not a prefill). */
    public int promptTokens() {
        return promptTokens;
    }

    /** Padding rows added to the last chunk. */
    public int paddedTokens() {
        return paddedTokens;
    }

    /** Number of distinct lists of op signatures; {@link Task#shapeClass()} is below this. */
    public int shapeClassCount() {
        return shapeClasses;
    }

    /**
     * Bytes of model weights the graph may place on a processor of {@code kind}: over the tasks
     * whose subgraph has a placement on that kind, every weight matmul's {@link Op#weightElements()}
     * (a LINEAR's or SHADOW_LINEAR's k·n, the LM head among them) and, for the prefill's
     * EMBEDDING op, its table (vocabulary × hidden size), each in the placement's dtype for the op.
     * A weight counts once per (subgraph, layer, step, corrected linear), however many chunks use
     * it. Tied input and output embeddings are counted twice (the model spec does not say whether
     * they are tied). O(tasks · ops).
     */
    public long weightBytes(ProcessorKind kind) {
        Set<List<Object>> seen = new HashSet<>();
        long bytes = 0;
        for (Task task : tasks) {
            Placement placement = task.subgraph().placementOn(kind);
            if (placement == null) continue;
            for (Op op : task.ops()) {
                long elements = op.weightElements();
                if (op.kind() == OpKind.EMBEDDING && prefill != null) {
                    elements = (long) prefill.model().vocabSize() * prefill.model().hiddenSize();
                }
                if (elements == 0 || !seen.add(List.of(task.subgraph().index(), op.layer(), op.step(), String.valueOf(op.corrects())))) {
                    continue;
                }
                bytes = Math.addExact(bytes, Math.multiplyExact(elements, placement.dtypeOf(op.kind()).bytes()));
            }
        }
        return bytes;
    }

    /** Number of distinct static graphs; {@link Task#staticGraph()} is below this. */
    public int staticGraphCount() {
        return staticGraphs;
    }

    /** The compact cross-chunk rule, or {@code null} if the graph has none. */
    public KvRule kvRule() {
        return kvRule;
    }

    public int explicitPredecessorCount(int id) {
        return predStart[id + 1] - predStart[id];
    }

    public int explicitPredecessor(int id, int index) {
        return preds[predStart[id] + index];
    }

    public int explicitSuccessorCount(int id) {
        return succStart[id + 1] - succStart[id];
    }

    public int explicitSuccessor(int id, int index) {
        return succs[succStart[id] + index];
    }

    /** Dense id, below {@link #explicitEdgeCount()}, of the edge to the k-th explicit successor. */
    public int explicitSuccessorEdge(int id, int index) {
        return succStart[id] + index;
    }

    /** Dense id of the edge from the k-th explicit predecessor (the same id as seen from that predecessor). */
    public int explicitPredecessorEdge(int id, int index) {
        return predEdge[predStart[id] + index];
    }

    public long explicitEdgeCount() {
        return preds.length;
    }

    /** Every dependency, explicit or implied by the K/V rule. */
    public long dependencyCount() {
        return preds.length + (kvRule == null ? 0 : kvRule.impliedEdgeCount());
    }

    /**
     * Every predecessor of {@code id}, explicit and implied, ascending. O(chunks) for attention
     * tasks; meant for validation and export, not for the engine's hot path.
     */
    public int[] predecessors(int id) {
        int explicit = explicitPredecessorCount(id);
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < explicit; k++) all.add(explicitPredecessor(id, k));
        if (kvRule != null && kvRule.consumerGroup(id) >= 0) {
            int group = kvRule.consumerGroup(id);
            int chunk = tasks.get(id).chunk();
            for (int k = 0; k < chunk; k++) {
                for (int p = 0, m = kvRule.producersPerChunk(group); p < m; p++) all.add(kvRule.producer(group, k, p));
            }
        }
        return all.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    /**
     * Every dependency as an unmodifiable JGraphT graph over task ids.
     *
     * @throws IllegalStateException if the graph has more than {@link #MAX_MATERIALISED_EDGES}
     *                               dependencies (use the compact accessors instead)
     */
    public Graph<Integer, DefaultEdge> asGraph() {
        long edges = dependencyCount();
        if (edges > MAX_MATERIALISED_EDGES) {
            throw new IllegalStateException("graph " + name + " has " + edges + " dependencies, more than the "
                    + MAX_MATERIALISED_EDGES + " that can be materialised as JGraphT edges");
        }
        Graph<Integer, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
        for (int t = 0; t < size(); t++) g.addVertex(t);
        for (int t = 0; t < size(); t++) {
            for (int p : predecessors(t)) g.addEdge(p, t);
        }
        return new AsUnmodifiableGraph<>(g);
    }
}
