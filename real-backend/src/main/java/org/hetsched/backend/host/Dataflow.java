package org.hetsched.backend.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.OpStep;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.Subgraph;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.graph.Tensor;
import org.hetsched.core.graph.TensorRef;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;

/**
 * What every op of a prefill graph computes on the host, read from the ops themselves: each op's
 * step, layer and the tensors it reads and writes (see {@link Op}). The step fixes the kernel, the
 * layer the weights and K/V cache it uses (so the {@code NEXT_LAYER_QKV} ops of a layer-L subgraph
 * use layer L+1's), and the tensors show that the partition keeps the decoder's order: within a
 * chunk, in column order, every op reads only tensors an earlier op wrote. Shadow subgraphs are
 * checked separately (they run beside the subgraph they correct).
 *
 * <p>A graph built for another model is refused, and so is a chunk that reads a tensor before it
 * is written, computes an op twice or lacks one of the ops that update a tensor in place (RoPE,
 * softmax, quantise, dequantise, the residual adds: later reads cannot show that they ran), or
 * the final norm. So is a partition under which the dataflow would race: an attention op outside
 * an ATTENTION subgraph (its cross-chunk K/V reads would be unordered), K/V projections in the
 * same subgraph as the attention reading them, or a shadow subgraph not placed after the subgraph
 * that ends its layer's block. Every built-in plan passes.
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
        PrefillConfig prefill = graph.prefill().orElse(null);
        if (prefill == null || columns == 0 || graph.chunks() == 0) {
            throw new UserInputException("graph " + graph.name() + " is not a prefill graph (no subgraph columns); the host backend"
                    + " computes prefill graphs built from a partition plan");
        }
        if (!prefill.model().equals(model)) {
            throw new UserInputException("graph " + graph.name() + " was built for model " + prefill.model().name()
                    + ", so it does not fit model " + model.name() + " on the host backend");
        }
        Place[][] places = new Place[graph.size()][];
        int[] merge = new int[graph.size()];
        Arrays.fill(merge, -1);
        SortedSet<Integer> shadowLayers = new TreeSet<>();
        int hot = 0;
        boolean finalNorm = false;
        for (int chunk = 0; chunk < graph.chunks(); chunk++) {
            // position of each (step, layer) in the chunk's column order
            Map<Place, Integer> position = new HashMap<>();
            Set<TensorRef> written = new HashSet<>(Set.of(TensorRef.of(Tensor.TOKENS)));
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
                    Step step = step(op.step(), model);
                    if (step == null) throw mismatch(graph, model, task, op, "it is not a step of " + model.name() + "'s decoder");
                    for (TensorRef read : op.reads()) {
                        if (!written.contains(read)) {
                            throw mismatch(graph, model, task, op, "it reads " + read + " before any op of the chunk wrote it: expected "
                                    + writer(read.tensor(), model) + (read.layer() >= 0 ? " of layer " + read.layer() : "")
                                    + " at this point of the chunk");
                        }
                    }
                    written.addAll(op.writes());
                    Place place = new Place(step, weightsLayer(op, model), null);
                    if (position.putIfAbsent(new Place(step, op.layer(), null), at) != null) {
                        throw mismatch(graph, model, task, op, "the chunk already computed it");
                    }
                    places[task.id()][o] = place;
                    if (step == Step.FINAL_NORM) finalNorm = true;
                    at++;
                }
                columnEnd[j] = at;
            }
            String missing = missingInPlaceStep(position, model, chunk == graph.chunks() - 1);
            if (missing != null) {
                throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: chunk " + chunk
                        + " lacks " + missing + "; every op of the decoder must appear once per chunk");
            }
            checkAttention(graph, chunk, places, position, columnStart, columnEnd);
            hot = Math.max(hot, shadows(graph, model, chunk, position, columnStart, columnEnd, places, merge, shadowLayers));
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

    /** The host computation of a graph step, or {@code null} if the model's decoder has no such step. */
    private static Step step(OpStep step, ModelSpec model) {
        boolean plain = model.ffnKind() == FfnKind.PLAIN_GELU;
        return switch (step) {
            case EMBEDDING -> Step.EMBEDDING;
            case INPUT_NORM, NEXT_INPUT_NORM -> Step.INPUT_NORM;
            case Q_PROJ -> Step.Q_PROJ;
            case K_PROJ -> Step.K_PROJ;
            case V_PROJ -> Step.V_PROJ;
            case ROPE -> Step.ROPE;
            case KV_APPEND -> Step.KV_APPEND;
            case SCORE -> Step.QK;
            case SOFTMAX -> Step.SOFTMAX;
            case VALUE -> Step.AV;
            case QUANTIZE -> Step.QUANTIZE;
            case O_PROJ -> Step.O_PROJ;
            case DEQUANTIZE -> Step.DEQUANTIZE;
            case ATTENTION_RESIDUAL -> Step.ATTENTION_RESIDUAL;
            case POST_ATTENTION_NORM -> model.parallelAttentionMlp() ? null : Step.POST_ATTENTION_NORM;
            case FFN_GATE -> plain ? null : Step.FFN_GATE;
            case FFN_UP -> plain ? null : Step.FFN_UP;
            case FFN_DOWN -> plain ? null : Step.FFN_DOWN;
            case FC1 -> plain ? Step.FFN_UP : null;
            case FC2 -> plain ? Step.FFN_DOWN : null;
            case SWIGLU -> model.ffnKind() == FfnKind.GATED_SILU ? Step.FFN_ACTIVATION : null;
            case GEGLU -> model.ffnKind() == FfnKind.GATED_GELU ? Step.FFN_ACTIVATION : null;
            case GELU -> plain ? Step.FFN_ACTIVATION : null;
            case FFN_RESIDUAL -> Step.FFN_RESIDUAL;
            case FINAL_NORM -> Step.FINAL_NORM;
            case LM_HEAD -> Step.LM_HEAD;
            case SHADOW, SHADOW_MERGE, PROBE -> null;
        };
    }

    /** The layer whose weights an op uses: its own, 0 for the embedding, the last for the final norm and LM head. */
    private static int weightsLayer(Op op, ModelSpec model) {
        if (op.layer() >= 0) return op.layer();
        return op.step() == OpStep.EMBEDDING ? 0 : model.layers() - 1;
    }

    /** For messages: the op of the decoder that first writes {@code tensor}. */
    private static String writer(Tensor tensor, ModelSpec model) {
        boolean plain = model.ffnKind() == FfnKind.PLAIN_GELU;
        OpStep step = switch (tensor) {
            case TOKENS, HIDDEN -> OpStep.EMBEDDING;
            case NORMED -> OpStep.INPUT_NORM;
            case Q -> OpStep.Q_PROJ;
            case K -> OpStep.K_PROJ;
            case V -> OpStep.V_PROJ;
            case KV_CACHE -> OpStep.KV_APPEND;
            case SCORES -> OpStep.SCORE;
            case ATTENTION -> OpStep.VALUE;
            case ATTENTION_OUT -> OpStep.O_PROJ;
            case FFN_INPUT -> OpStep.POST_ATTENTION_NORM;
            case GATE -> OpStep.FFN_GATE;
            case UP -> plain ? OpStep.FC1 : OpStep.FFN_UP;
            case FFN_HIDDEN -> plain ? OpStep.GELU : model.ffnKind() == FfnKind.GATED_GELU ? OpStep.GEGLU : OpStep.SWIGLU;
            case FFN_OUT -> plain ? OpStep.FC2 : OpStep.FFN_DOWN;
            case SHADOW_PRODUCT -> OpStep.SHADOW;
            case FINAL -> OpStep.FINAL_NORM;
            case LOGITS -> OpStep.LM_HEAD;
        };
        return step.label();
    }

    /**
     * The first op missing from a chunk among those no later read shows: the in-place updates of
     * every layer (RoPE, softmax, quantise, dequantise, both residual adds), the final norm, and
     * the LM head in the last chunk; or {@code null}.
     */
    private static String missingInPlaceStep(Map<Place, Integer> position, ModelSpec model, boolean lastChunk) {
        List<Step> inPlace = List.of(Step.ROPE, Step.SOFTMAX, Step.QUANTIZE, Step.DEQUANTIZE, Step.ATTENTION_RESIDUAL, Step.FFN_RESIDUAL);
        for (int l = 0; l < model.layers(); l++) {
            for (Step s : inPlace) {
                if (!position.containsKey(new Place(s, l, null))) return s.name().toLowerCase(java.util.Locale.ROOT) + " of layer " + l;
            }
        }
        if (!position.containsKey(new Place(Step.FINAL_NORM, -1, null))) return "final_norm";
        if (lastChunk && !position.containsKey(new Place(Step.LM_HEAD, -1, null))) return "lm_head";
        return null;
    }

    /** Attention ops sit in ATTENTION subgraphs (so the K/V rule orders their reads) after their layer's K/V projections. */
    private static void checkAttention(TaskGraph graph, int chunk, Place[][] places, Map<Place, Integer> position, int[] columnStart,
                                       int[] columnEnd) {
        int columns = graph.columns().size();
        boolean attention = false;
        for (int j = 0; j < columns; j++) {
            Subgraph column = graph.columns().get(j);
            if (column.role() == SubgraphRole.SHADOW) continue;
            Place[] p = places[chunk * columns + j];
            for (Place e : p) {
                if (e.step() != Step.QK) continue;
                attention = true;
                if (column.role() != SubgraphRole.ATTENTION) {
                    throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: subgraph " + column.name()
                            + " computes attention of layer " + e.layer() + " but has role " + column.role()
                            + ", so nothing orders its reads of earlier chunks' K/V; give it role ATTENTION");
                }
                for (Step producer : List.of(Step.K_PROJ, Step.V_PROJ)) {
                    Integer at = position.get(new Place(producer, e.layer(), null));
                    if (at != null && at >= columnStart[j] && at < columnEnd[j]) {
                        throw new UserInputException("graph " + graph.name() + " cannot run on the host backend: subgraph " + column.name()
                                + " computes layer " + e.layer() + "'s " + producer.name().toLowerCase(java.util.Locale.ROOT)
                                + " and its attention; the K/V rule makes a chunk's attention wait only for earlier subgraphs of"
                                + " earlier chunks, so the projections must sit in an earlier subgraph");
                    }
                }
            }
        }
        if (graph.kvRule() == null && attention) {
            throw new IllegalStateException("graph " + graph.name() + " has attention ops but no K/V rule");
        }
    }

    /** Matches the shadow subgraphs of {@code chunk}; returns the O projection's hot channel count. */
    private static int shadows(TaskGraph graph, ModelSpec model, int chunk, Map<Place, Integer> position, int[] columnStart,
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
            int oProj = position.getOrDefault(new Place(Step.O_PROJ, layer, null), -1);
            int quantize = position.getOrDefault(new Place(Step.QUANTIZE, layer, null), -1);
            int blockEnd = layer == model.layers() - 1 ? position.getOrDefault(new Place(Step.FFN_RESIDUAL, layer, null), -1)
                    : position.getOrDefault(new Place(Step.V_PROJ, layer + 1, null), -1);
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
                boolean merging = op.step() == OpStep.SHADOW_MERGE;
                Linear linear = op.corrects() == null ? null : shadowTarget(op.corrects(), model);
                OpKind kind = merging ? OpKind.ELEMENTWISE : OpKind.SHADOW_LINEAR;
                int targetLayer = linear == Linear.Q || linear == Linear.K || linear == Linear.V ? layer + 1 : layer;
                if (linear == null || op.kind() != kind || op.layer() != targetLayer) {
                    throw mismatch(graph, model, task, op, "a shadow subgraph holds shadow and shadow-merge ops of the layer's linears");
                }
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

    /** The weight matrix a shadow op's linear step multiplies by, or {@code null} if the model has no such linear. */
    private static Linear shadowTarget(OpStep linear, ModelSpec model) {
        boolean plain = model.ffnKind() == FfnKind.PLAIN_GELU;
        return switch (linear) {
            case Q_PROJ -> Linear.Q;
            case K_PROJ -> Linear.K;
            case V_PROJ -> Linear.V;
            case O_PROJ -> Linear.O;
            case FFN_GATE -> plain ? null : Linear.GATE;
            case FFN_UP -> plain ? null : Linear.UP;
            case FFN_DOWN -> plain ? null : Linear.DOWN;
            case FC1 -> plain ? Linear.UP : null;
            case FC2 -> plain ? Linear.DOWN : null;
            default -> null;
        };
    }

    private static UserInputException mismatch(TaskGraph graph, ModelSpec model, Task task, Op op, String why) {
        return new UserInputException("graph " + graph.name() + " cannot run on the host backend for model " + model.name() + ": op "
                + op.label() + " of " + task.label() + " does not fit the decoder's dataflow (" + why + ")");
    }

    /**
     * Keys/values chunk {@code chunk}'s attention reads: {@link PrefillConfig#contextTokens} of the
     * graph's prefill, whose model must be {@code model}.
     */
    static int context(ModelSpec model, TaskGraph graph, int chunk) {
        PrefillConfig prefill = graph.prefill().orElseThrow(() -> new IllegalStateException("graph " + graph.name() + " is not a prefill"));
        if (!prefill.model().equals(model)) {
            throw new IllegalStateException("graph " + graph.name() + " is a prefill of " + prefill.model().name() + ", not " + model.name());
        }
        return prefill.contextTokens(chunk);
    }

    /** First key position chunk {@code chunk}'s attention reads. */
    static int firstKey(ModelSpec model, TaskGraph graph, int chunk) {
        return (chunk + 1) * graph.chunkTokens() - context(model, graph, chunk);
    }
}
