package org.hetsched.backend.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Subgraph;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;

/**
 * What every op of a prefill graph computes: each op is matched, by label and shape, to its place
 * in the standard decoder order of one chunk — embedding, layer 0's input norm and Q/K/V, then per
 * layer RoPE, K/V append, attention, quantise, O projection, dequantise, residual, post-attention
 * norm, FFN, residual and the next layer's input norm and Q/K/V, then the final norm and LM head —
 * which fixes the layer whose weights and K/V cache it uses (so the {@code NEXT_LAYER_QKV} ops of a
 * layer-L subgraph use layer L+1's) and which residual add is which. Shadow subgraphs are matched
 * separately (they run beside the subgraph they correct).
 *
 * <p>A graph whose chunks do not follow that order, or whose shapes do not fit the model, is
 * refused. So is a partition under which the dataflow would race: an attention op outside an
 * ATTENTION subgraph (its cross-chunk K/V reads would be unordered), K/V projections in the same
 * subgraph as the attention reading them, or a shadow subgraph not placed after the subgraph that
 * ends its layer's block. Every built-in plan passes.
 *
 * <p>Immutable; O(tasks + ops) memory.
 */
final class Dataflow {
    /** The computations of the decoder, one per op label. */
    enum Step {
        EMBEDDING, INPUT_NORM, Q_PROJ, K_PROJ, V_PROJ, ROPE, KV_APPEND, QK, SOFTMAX, AV, QUANTIZE, O_PROJ, DEQUANTIZE,
        ATTENTION_RESIDUAL, POST_ATTENTION_NORM, FFN_GATE, FFN_UP, FFN_ACTIVATION, FFN_DOWN, FFN_RESIDUAL, FINAL_NORM, LM_HEAD,
        SHADOW, SHADOW_MERGE
    }

    /** The weight matrices of the model; the FFN of a plain MLP uses UP (fc1) and DOWN (fc2). */
    enum Linear {
        Q, K, V, O, GATE, UP, DOWN, LM_HEAD
    }

    /**
     * One op's place in the dataflow.
     *
     * @param step   what it computes
     * @param layer  the decoder layer whose weights, cache and scales it uses (0 for the embedding,
     *               the last layer for the final norm and LM head)
     * @param target for SHADOW and SHADOW_MERGE, the linear it shadows
     */
    record Place(Step step, int layer, Linear target) {
    }

    private final ModelSpec model;
    private final TaskGraph graph;
    private final Place[][] places;
    private final int[] mergeShadowLayer;
    private final SortedSet<Integer> shadowLayers;
    private final int hotChannels;
    private final boolean hasFinalNorm;

    private Dataflow(ModelSpec model, TaskGraph graph, Place[][] places, int[] mergeShadowLayer, SortedSet<Integer> shadowLayers,
                     int hotChannels, boolean hasFinalNorm) {
        this.model = model;
        this.graph = graph;
        this.places = places;
        this.mergeShadowLayer = mergeShadowLayer;
        this.shadowLayers = shadowLayers;
        this.hotChannels = hotChannels;
        this.hasFinalNorm = hasFinalNorm;
    }

    ModelSpec model() {
        return model;
    }

    TaskGraph graph() {
        return graph;
    }

    /** The place of op {@code op} of task {@code task}. */
    Place place(int task, int op) {
        return places[task][op];
    }

    /**
     * The layer whose shadow correction task {@code task} merges into the residual stream before
     * its first op (it is the join after that layer's shadow subgraph), or −1.
     */
    int mergeShadowLayer(int task) {
        return mergeShadowLayer[task];
    }

    /** Layers with a shadow subgraph, ascending. */
    SortedSet<Integer> shadowLayers() {
        return shadowLayers;
    }

    /**
     * Hot channels of the O projection's input that the shadow path keeps in float, or 0 when
     * the graph has no shadow subgraph. When &gt; 0, every layer clips that input at the largest
     * magnitude of its other channels (llm.npu prunes the outliers of layers without a shadow).
     */
    int hotChannels() {
        return hotChannels;
    }

    /** Whether the chunks end with the final norm, whose output is the compared hidden state. */
    boolean hasFinalNorm() {
        return hasFinalNorm;
    }

    /**
     * Matches {@code graph} to {@code model}.
     *
     * @throws UserInputException naming the first op, subgraph or placement that does not fit
     */
    static Dataflow of(TaskGraph graph, ModelSpec model) {
        checkModel(model);
        int columns = graph.columns().size();
        if (columns == 0 || graph.chunks() == 0) {
            throw new UserInputException("graph " + graph.name() + " is not a prefill graph (no subgraph columns); the host backend"
                    + " computes prefill graphs built from a partition plan");
        }
        Place[][] places = new Place[graph.size()][];
        int[] merge = new int[graph.size()];
        Arrays.fill(merge, -1);
        SortedSet<Integer> shadowLayers = new TreeSet<>();
        int hot = 0;
        boolean finalNorm = false;
        for (int chunk = 0; chunk < graph.chunks(); chunk++) {
            List<Expected> expected = canonical(model, graph, chunk);
            int[] columnStart = new int[columns];
            int[] columnEnd = new int[columns];
            int at = 0;
            for (int j = 0; j < columns; j++) {
                Task task = graph.task(chunk * columns + j);
                if (task.subgraph().role() == SubgraphRole.SHADOW) continue;
                places[task.id()] = new Place[task.ops().size()];
                columnStart[j] = at;
                for (int o = 0; o < task.ops().size(); o++) {
                    Op op = task.ops().get(o);
                    if (at >= expected.size()) {
                        throw mismatch(graph, model, task, op, "the chunk's ops already ended with " + expected.get(expected.size() - 1).label);
                    }
                    Expected e = expected.get(at);
                    if (!e.accepts(op.label())) {
                        throw mismatch(graph, model, task, op, "expected " + e.label + (e.layer >= 0 ? " of layer " + e.layer : "")
                                + " at this point of the chunk");
                    }
                    if (!e.matches(op)) {
                        throw mismatch(graph, model, task, op, "its shape " + shape(op) + " is not " + e.label + "'s "
                                + e.shape() + " for model " + model.name());
                    }
                    places[task.id()][o] = new Place(e.step, e.layer, null);
                    if (e.step == Step.FINAL_NORM) finalNorm = true;
                    at++;
                }
                columnEnd[j] = at;
            }
            if (at != expected.size()) {
                throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: chunk " + chunk
                        + " stops before " + expected.get(at).label + (expected.get(at).layer >= 0 ? " of layer " + expected.get(at).layer : "")
                        + "; every op of the decoder must appear once per chunk");
            }
            checkAttention(graph, chunk, expected, columnStart, columnEnd);
            hot = Math.max(hot, shadows(graph, model, chunk, expected, columnStart, columnEnd, places, merge, shadowLayers));
        }
        return new Dataflow(model, graph, places, merge, shadowLayers, hot, finalNorm);
    }

    private static void checkModel(ModelSpec model) {
        List<String> problems = new ArrayList<>();
        if (model.headDim() % 2 != 0) problems.add("head dim " + model.headDim() + " is odd (RoPE rotates pairs)");
        if (!problems.isEmpty()) {
            throw new UserInputException("the host backend cannot compute model " + model.name() + ": " + String.join("; ", problems));
        }
    }

    /** Attention ops sit in ATTENTION subgraphs (so the K/V rule orders their reads) after their layer's K/V projections. */
    private static void checkAttention(TaskGraph graph, int chunk, List<Expected> expected, int[] columnStart, int[] columnEnd) {
        int columns = graph.columns().size();
        for (int j = 0; j < columns; j++) {
            Subgraph column = graph.columns().get(j);
            if (column.role() == SubgraphRole.SHADOW) continue;
            for (int at = columnStart[j]; at < columnEnd[j]; at++) {
                Expected e = expected.get(at);
                if (e.step != Step.QK) continue;
                if (column.role() != SubgraphRole.ATTENTION) {
                    throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: subgraph " + column.name()
                            + " computes attention of layer " + e.layer + " but has role " + column.role()
                            + ", so nothing orders its reads of earlier chunks' K/V; give it role ATTENTION");
                }
                for (int p = columnStart[j]; p < at; p++) {
                    Expected producer = expected.get(p);
                    if ((producer.step == Step.K_PROJ || producer.step == Step.V_PROJ) && producer.layer == e.layer) {
                        throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: subgraph " + column.name()
                                + " computes layer " + e.layer + "'s " + producer.label + " and its attention; the K/V rule makes a"
                                + " chunk's attention wait only for earlier subgraphs of earlier chunks, so the projections must sit"
                                + " in an earlier subgraph");
                    }
                }
            }
        }
        if (graph.kvRule() == null && hasAttention(expected)) {
            throw new IllegalStateException("graph " + graph.name() + " has attention ops but no K/V rule");
        }
    }

    private static boolean hasAttention(List<Expected> expected) {
        return expected.stream().anyMatch(e -> e.step == Step.QK);
    }

    /** Matches the shadow subgraphs of {@code chunk}; returns the O projection's hot channel count. */
    private static int shadows(TaskGraph graph, ModelSpec model, int chunk, List<Expected> expected, int[] columnStart,
                               int[] columnEnd, Place[][] places, int[] merge, SortedSet<Integer> shadowLayers) {
        int columns = graph.columns().size();
        int hot = 0;
        for (int j = 0; j < columns; j++) {
            Subgraph column = graph.columns().get(j);
            if (column.role() != SubgraphRole.SHADOW) continue;
            Task task = graph.task(chunk * columns + j);
            int layer = column.layer();
            int corrected = j - 1;
            String where = "graph " + graph.name() + " cannot run on the host backend: shadow subgraph " + column.name() + " of layer "
                    + layer;
            if (corrected < 0 || graph.columns().get(corrected).role() == SubgraphRole.SHADOW) {
                throw new UserInputException(where + " does not follow the subgraph it corrects");
            }
            int oProj = indexOf(expected, Step.O_PROJ, layer);
            int quantize = indexOf(expected, Step.QUANTIZE, layer);
            int blockEnd = layer == model.layers() - 1 ? indexOf(expected, Step.FFN_RESIDUAL, layer)
                    : indexOf(expected, Step.V_PROJ, layer + 1);
            if (oProj < columnStart[corrected] || oProj >= columnEnd[corrected] || quantize >= columnStart[corrected]
                    || columnEnd[corrected] != blockEnd + 1) {
                throw new UserInputException(where + " must follow the subgraph that computes layer " + layer
                        + "'s O projection and ends the layer's block (through the next layer's Q/K/V), with the attention output"
                        + " quantised before it: the shadow reads that output while its sibling runs, and its correction is merged"
                        + " when the next subgraph starts");
            }
            Place[] p = new Place[task.ops().size()];
            for (int o = 0; o < p.length; o++) {
                Op op = task.ops().get(o);
                boolean merging = op.label().startsWith("shadow_merge_");
                String target = op.label().substring(merging ? "shadow_merge_".length() : Math.min(op.label().length(), "shadow_".length()));
                Linear linear = shadowTarget(target, model);
                OpKind kind = merging ? OpKind.ELEMENTWISE : OpKind.SHADOW_LINEAR;
                if (!op.label().startsWith("shadow_") || linear == null || op.kind() != kind) {
                    throw mismatch(graph, model, task, op, "a shadow subgraph holds shadow_<linear> and shadow_merge_<linear> ops of"
                            + " the layer's linears");
                }
                int targetLayer = linear == Linear.Q || linear == Linear.K || linear == Linear.V ? layer + 1 : layer;
                if (linear == Linear.O && !merging) {
                    if (op.k() > model.queryWidth() || op.n() != model.hiddenSize() || op.m() != graph.chunkTokens()) {
                        throw mismatch(graph, model, task, op, "the O projection's shadow must be chunk x hot channels (<= "
                                + model.queryWidth() + ") x " + model.hiddenSize());
                    }
                    if (hot != 0 && hot != op.k()) throw mismatch(graph, model, task, op, "shadow hot channel counts differ between layers");
                    hot = op.k();
                }
                p[o] = new Place(merging ? Step.SHADOW_MERGE : Step.SHADOW, targetLayer, linear);
            }
            if (Arrays.stream(p).noneMatch(pl -> pl.step() == Step.SHADOW && pl.target() == Linear.O)) {
                throw new UserInputException(where + " has no shadow_o_proj op");
            }
            places[task.id()] = p;
            shadowLayers.add(layer);
            if (j + 1 < columns) {
                int consumer = chunk * columns + j + 1;
                merge[consumer] = layer;
            } else {
                throw new UserInputException(where + " is the chunk's last subgraph, so its correction would never be merged");
            }
        }
        return hot;
    }

    private static Linear shadowTarget(String label, ModelSpec model) {
        boolean plain = model.ffnKind() == FfnKind.PLAIN_GELU;
        return switch (label) {
            case "q_proj" -> Linear.Q;
            case "k_proj" -> Linear.K;
            case "v_proj" -> Linear.V;
            case "o_proj" -> Linear.O;
            case "ffn_gate" -> plain ? null : Linear.GATE;
            case "ffn_up" -> plain ? null : Linear.UP;
            case "ffn_down" -> plain ? null : Linear.DOWN;
            case "fc1" -> plain ? Linear.UP : null;
            case "fc2" -> plain ? Linear.DOWN : null;
            default -> null;
        };
    }

    private static int indexOf(List<Expected> expected, Step step, int layer) {
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).step == step && expected.get(i).layer == layer) return i;
        }
        return -1;
    }

    private static UserInputException mismatch(TaskGraph graph, ModelSpec model, Task task, Op op, String why) {
        return new UserInputException("graph " + graph.name() + " cannot run on the host backend for model " + model.name() + ": op "
                + op.label() + " of " + task.label() + " does not fit the decoder's dataflow (" + why + ")");
    }

    private static String shape(Op op) {
        return op.kind() + " " + op.batch() + "x" + op.m() + "x" + op.k() + "x" + op.n();
    }

    /** One op of the standard order with its shape. */
    private record Expected(String label, Step step, int layer, OpKind kind, int batch, int m, int k, int n) {
        /** A layer's input norm is "next_input_norm" at the end of the previous layer's block, "input_norm" at the start of its own. */
        boolean accepts(String opLabel) {
            return label.equals(opLabel) || (step == Step.INPUT_NORM && opLabel.equals("input_norm"));
        }

        boolean matches(Op op) {
            return op.kind() == kind && op.batch() == batch && op.m() == m && op.k() == k && op.n() == n;
        }

        String shape() {
            return kind + " " + batch + "x" + m + "x" + k + "x" + n;
        }
    }

    /** The standard order of one chunk's ops with their shapes (OpExpander's vocabulary). */
    private static List<Expected> canonical(ModelSpec model, TaskGraph graph, int chunk) {
        int c = graph.chunkTokens();
        int d = model.hiddenSize();
        int qw = model.queryWidth();
        int kvw = model.kvWidth();
        int f = model.ffnSize();
        int context = context(model, graph, chunk);
        int layers = model.layers();
        List<Expected> out = new ArrayList<>();
        out.add(new Expected("embedding", Step.EMBEDDING, 0, OpKind.EMBEDDING, 1, c, 1, d));
        out.add(new Expected("input_norm", Step.INPUT_NORM, 0, OpKind.NORM, 1, c, 1, d));
        qkv(out, 0, c, d, qw, kvw);
        for (int l = 0; l < layers; l++) {
            out.add(new Expected("rope", Step.ROPE, l, OpKind.ROPE, 1, c, 1, qw + kvw));
            out.add(new Expected("kv_append", Step.KV_APPEND, l, OpKind.KV_APPEND, 1, c, 1, 2 * kvw));
            out.add(new Expected("qk", Step.QK, l, OpKind.ATTENTION_SCORE, model.attentionHeads(), c, model.headDim(), context));
            out.add(new Expected("softmax", Step.SOFTMAX, l, OpKind.SOFTMAX, model.attentionHeads(), c, 1, context));
            out.add(new Expected("av", Step.AV, l, OpKind.ATTENTION_VALUE, model.attentionHeads(), c, context, model.headDim()));
            out.add(new Expected("quantize", Step.QUANTIZE, l, OpKind.QUANTIZE, 1, c, 1, qw));
            out.add(new Expected("o_proj", Step.O_PROJ, l, OpKind.LINEAR, 1, c, qw, d));
            out.add(new Expected("dequantize", Step.DEQUANTIZE, l, OpKind.DEQUANTIZE, 1, c, 1, d));
            out.add(new Expected("residual_add", Step.ATTENTION_RESIDUAL, l, OpKind.ELEMENTWISE, 1, c, 1, d));
            if (!model.parallelAttentionMlp()) {
                out.add(new Expected("post_attention_norm", Step.POST_ATTENTION_NORM, l, OpKind.NORM, 1, c, 1, d));
            }
            if (model.ffnKind() == FfnKind.PLAIN_GELU) {
                out.add(new Expected("fc1", Step.FFN_UP, l, OpKind.LINEAR, 1, c, d, f));
                out.add(new Expected("gelu", Step.FFN_ACTIVATION, l, OpKind.ACTIVATION, 1, c, 1, f));
                out.add(new Expected("fc2", Step.FFN_DOWN, l, OpKind.LINEAR, 1, c, f, d));
            } else {
                out.add(new Expected("ffn_gate", Step.FFN_GATE, l, OpKind.LINEAR, 1, c, d, f));
                out.add(new Expected("ffn_up", Step.FFN_UP, l, OpKind.LINEAR, 1, c, d, f));
                out.add(new Expected(model.ffnKind() == FfnKind.GATED_GELU ? "geglu" : "swiglu", Step.FFN_ACTIVATION, l,
                        OpKind.ACTIVATION, 1, c, 1, f));
                out.add(new Expected("ffn_down", Step.FFN_DOWN, l, OpKind.LINEAR, 1, c, f, d));
            }
            out.add(new Expected("residual_add", Step.FFN_RESIDUAL, l, OpKind.ELEMENTWISE, 1, c, 1, d));
            if (l < layers - 1) {
                out.add(new Expected("next_input_norm", Step.INPUT_NORM, l + 1, OpKind.NORM, 1, c, 1, d));
                qkv(out, l + 1, c, d, qw, kvw);
            }
        }
        out.add(new Expected("final_norm", Step.FINAL_NORM, layers - 1, OpKind.NORM, 1, c, 1, d));
        if (chunk == graph.chunks() - 1) {
            out.add(new Expected("lm_head", Step.LM_HEAD, layers - 1, OpKind.LINEAR, 1, 1, d, model.vocabSize()));
        }
        return out;
    }

    private static void qkv(List<Expected> out, int layer, int c, int d, int qw, int kvw) {
        out.add(new Expected("q_proj", Step.Q_PROJ, layer, OpKind.LINEAR, 1, c, d, qw));
        out.add(new Expected("k_proj", Step.K_PROJ, layer, OpKind.LINEAR, 1, c, d, kvw));
        out.add(new Expected("v_proj", Step.V_PROJ, layer, OpKind.LINEAR, 1, c, d, kvw));
    }

    /** Keys/values chunk {@code chunk}'s attention reads, as PrefillConfig#contextTokens defines it. */
    static int context(ModelSpec model, TaskGraph graph, int chunk) {
        long full = (long) (chunk + 1) * graph.chunkTokens();
        if (model.slidingWindowTokens() > 0) full = Math.min(full, (long) model.slidingWindowTokens() + graph.chunkTokens());
        return (int) full;
    }

    /** First key position chunk {@code chunk}'s attention reads. */
    static int firstKey(ModelSpec model, TaskGraph graph, int chunk) {
        return (chunk + 1) * graph.chunkTokens() - context(model, graph, chunk);
    }
}
