package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the task graph of one prefill: one task per (chunk i, subgraph j), with the paper's
 * dependencies (arXiv 2407.05858, Eq. 2 and 3):
 * <ul>
 *   <li>within a chunk, (i, j) depends on (i, j−1);</li>
 *   <li>an ATTENTION subgraph (i, j) also depends on (k, j−1) for every k &lt; i, held as a
 *       compact {@link KvRule};</li>
 *   <li>a SHADOW subgraph runs beside the subgraph it corrects (it has that subgraph's
 *       predecessors), and the next subgraph waits for both.</li>
 * </ul>
 * Task id = i·S + j with S subgraphs per chunk, which is a topological order. Every chunk has
 * {@code chunkTokens} rows (static NPU graphs); the last one's padding is reported, not hidden.
 *
 * <p>Cost: O(tasks) time and memory; op lists are shared between tasks of the same shape.
 */
public final class PrefillGraphBuilder {
    private PrefillGraphBuilder() {
    }

    /** Builds the graph; the configuration was validated when it was made. */
    public static TaskGraph build(PrefillConfig config) {
        PartitionPlan plan = config.plan();
        List<Column> columns = columns(config);
        int s = columns.size();
        int chunks = config.chunks();
        int[][] columnPreds = columnPredecessors(columns);

        int hot = plan.shadow() == null ? 1 : plan.shadow().hotChannelsPerLayer();
        OpExpander expander = new OpExpander(config.model(), config.chunkTokens(), hot);
        Map<ExpansionKey, Expansion> expansions = new HashMap<>();
        // shape classes group ops of equal signatures across layers: the same computation with other weights
        Map<List<Op.Signature>, Integer> classBySignatures = new HashMap<>();
        // per column, shape class → static graph id (a packed long key would hash badly: Long folds its halves)
        List<Map<Integer, Integer>> staticGraphIds = new ArrayList<>();
        for (int j = 0; j < s; j++) staticGraphIds.add(new HashMap<>());
        int[] staticGraphCount = {0};

        List<Subgraph> subgraphs = new ArrayList<>(s);
        for (Column c : columns) subgraphs.add(c.subgraph);

        int taskCount = chunks * s;
        List<Task> tasks = new ArrayList<>(taskCount);
        int[][] preds = new int[taskCount][];
        for (int i = 0; i < chunks; i++) {
            boolean lastChunk = i == chunks - 1;
            int context = config.contextTokens(i);
            for (int j = 0; j < s; j++) {
                Column c = columns.get(j);
                ExpansionKey key = new ExpansionKey(c.templateId, c.subgraph.layer(),
                        c.template.dependsOnContext() ? context : 0,
                        c.template.ops().contains(PlanOp.LM_HEAD) && lastChunk);
                Expansion expansion = expansions.get(key);
                if (expansion == null) {
                    List<Op> ops = List.copyOf(expander.expand(c.template, c.subgraph.layer(), context, lastChunk, c.afterFfn));
                    List<Op.Signature> signatures = ops.stream().map(Op::signature).toList();
                    int shapeClass = classBySignatures.computeIfAbsent(signatures, o -> classBySignatures.size());
                    expansion = new Expansion(ops, shapeClass);
                    expansions.put(key, expansion);
                }
                int shapeClass = expansion.shapeClass;
                int staticGraph = staticGraphIds.get(j).computeIfAbsent(shapeClass, k -> staticGraphCount[0]++);
                int id = i * s + j;
                tasks.add(new Task(id, i, c.subgraph, expansion.ops, shapeClass, staticGraph));
                int[] p = new int[columnPreds[j].length];
                for (int k = 0; k < p.length; k++) p[k] = i * s + columnPreds[j][k];
                preds[id] = p;
            }
        }
        String name = config.model().name() + "/" + plan.name() + "/prompt" + config.promptTokens()
                + "/chunk" + config.chunkTokens();
        return new TaskGraph(name, tasks, subgraphs, chunks, config.chunkTokens(), config.promptTokens(),
                config.paddedTokens(), preds, kvRule(columns, columnPreds, chunks), config);
    }

    /**
     * A column, the position of its template in the plan (cheaper to hash than the template) and
     * whether its layer's FFN ran before it starts.
     */
    private record Column(SubgraphTemplate template, int templateId, Subgraph subgraph, boolean afterFfn) {
    }

    /** Identifies an expansion: same template, layer, context and LM-head flag → same ops. */
    private record ExpansionKey(int templateId, int layer, int context, boolean lmHead) {
    }

    /** The ops of one expansion and their shape class. */
    private record Expansion(List<Op> ops, int shapeClass) {
    }

    private static List<Column> columns(PrefillConfig config) {
        PartitionPlan plan = config.plan();
        List<Column> columns = new ArrayList<>();
        int prologue = plan.prologue().size();
        int layer = plan.layer().size();
        for (int k = 0; k < prologue; k++) add(columns, plan.prologue().get(k), k, -1, false);
        boolean[] afterFfn = new boolean[layer];
        for (int k = 0, done = 0; k < layer; k++) {
            afterFfn[k] = done == 1;
            done = OpExpander.afterFfn(plan.layer().get(k).ops(), afterFfn[k]) ? 1 : 0;
        }
        for (int l = 0; l < config.model().layers(); l++) {
            for (int k = 0; k < layer; k++) {
                SubgraphTemplate t = plan.layer().get(k);
                if (t.role() == SubgraphRole.SHADOW && !config.shadowLayers().contains(l)) continue;
                add(columns, t, prologue + k, l, afterFfn[k]);
            }
        }
        for (int k = 0; k < plan.epilogue().size(); k++) add(columns, plan.epilogue().get(k), prologue + layer + k, -1, false);
        return columns;
    }

    private static void add(List<Column> columns, SubgraphTemplate t, int templateId, int layer, boolean afterFfn) {
        if (t.role() == SubgraphRole.SHADOW) {
            // the plan puts a SHADOW subgraph right after the one it corrects
            int last = columns.size() - 1;
            Column corrected = columns.get(last);
            Subgraph s = corrected.subgraph;
            columns.set(last, new Column(corrected.template, corrected.templateId,
                    new Subgraph(s.index(), s.name(), s.role(), s.layer(), s.placements(), true), corrected.afterFfn));
        }
        columns.add(new Column(t, templateId, new Subgraph(columns.size(), t.name(), t.role(), layer, t.placements()), afterFfn));
    }

    /** Intra-chunk predecessors of each column. */
    private static int[][] columnPredecessors(List<Column> columns) {
        int[][] preds = new int[columns.size()][];
        for (int j = 0; j < columns.size(); j++) {
            SubgraphRole role = columns.get(j).subgraph.role();
            if (role == SubgraphRole.SHADOW) {
                preds[j] = preds[j - 1]; // same inputs as the subgraph it corrects
            } else if (j == 0) {
                preds[j] = new int[0];
            } else if (columns.get(j - 1).subgraph.role() == SubgraphRole.SHADOW) {
                preds[j] = new int[] {j - 2, j - 1}; // the join
            } else {
                preds[j] = new int[] {j - 1};
            }
        }
        return preds;
    }

    private static KvRule kvRule(List<Column> columns, int[][] columnPreds, int chunks) {
        int s = columns.size();
        List<Integer> attentionColumns = new ArrayList<>();
        for (int j = 0; j < s; j++) {
            if (columns.get(j).subgraph.role() == SubgraphRole.ATTENTION) attentionColumns.add(j);
        }
        if (attentionColumns.isEmpty()) return null;
        int groups = attentionColumns.size();
        int[] producerGroup = new int[chunks * s];
        int[] consumerGroup = new int[chunks * s];
        Arrays.fill(producerGroup, -1);
        Arrays.fill(consumerGroup, -1);
        int[] consumerTask = new int[groups * chunks];
        int[] producersPerChunk = new int[groups];
        int producerCount = 0;
        for (int g = 0; g < groups; g++) producerCount += columnPreds[attentionColumns.get(g)].length * chunks;
        int[] producerTask = new int[producerCount];
        int next = 0;
        for (int g = 0; g < groups; g++) {
            int column = attentionColumns.get(g);
            producersPerChunk[g] = columnPreds[column].length;
            for (int i = 0; i < chunks; i++) {
                consumerTask[g * chunks + i] = i * s + column;
                consumerGroup[i * s + column] = g;
                // the K/V of chunk i is written by the attention's inputs in that chunk
                for (int p : columnPreds[column]) {
                    if (producerGroup[i * s + p] >= 0) {
                        throw new IllegalStateException("column " + p + " produces K/V for two attention subgraphs");
                    }
                    producerGroup[i * s + p] = g;
                    producerTask[next++] = i * s + p;
                }
            }
        }
        return new KvRule(chunks, producerGroup, consumerGroup, consumerTask, producersPerChunk, producerTask);
    }
}
