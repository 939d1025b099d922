package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.host.Dataflow.Step;
import org.hetsched.backend.jni.HostKernels;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;

/**
 * The tensors of one prefill on the host: weights (per layer, or one layer's shared by all), the
 * prompt's embedding rows, per-layer K/V caches of {@code chunks·C} rows, the per-chunk state
 * (residual stream x, normed h, queries, attention output and its INT8 form, O projection output,
 * FFN output, pending shadow correction), per-lane scratch (FFN intermediates, attention scores
 * and gathers, quantised inputs, shadow buffers) and the static activation scales.
 *
 * <p>Memory: {@link #layout} lists every tensor's bytes before anything is allocated; the total is
 * what the constructor allocates as direct buffers. Weight forms are allocated only where some
 * lane's placement uses them (INT8 and/or float32).
 *
 * <p>Threading: chunk i's state is touched only by chunk i's tasks, which the graph orders, except
 * that a shadow task reads the attention output while its sibling runs (neither writes it); a
 * lane's scratch only by the task running on that lane; K/V rows of chunk i are written by chunk
 * i's K/V producer and read by attention tasks the K/V rule orders after it. Weights and scales are
 * written while preparing and only read afterwards. Happens-before comes from whoever orders the
 * tasks (the replayer's monitor, or one calling thread).
 */
final class PrefillState {
    /** Scale of the shadow stand-in activations (values are in ±0.5, so 1/64 leaves residuals to correct). */
    static final float STAND_IN_SCALE = 1f / 64f;
    /** {0..k−1} per k, shared by every state (never written after creation). */
    private static final Map<Integer, int[]> FIRST_CHANNELS = new ConcurrentHashMap<>();

    private final ModelSpec model;
    private final TaskGraph graph;
    private final Layout layout;
    private final long seed;
    private final int rows;
    private final HostMath.Attention attention;
    private final LayerWeights[] weights;
    private final Norm finalNorm;
    private final LinearWeights lmHead;
    private final FloatBuffer embeddingRows;
    private final int[] tokens;
    private final int[] tokenRow;
    private final LayerScales[] scales;
    private float finalScale = 1f;
    private final FloatBuffer[] keys;
    private final FloatBuffer[] values;
    private final Chunk[] chunks;
    private final boolean[] projectedInInt8;
    private final FloatBuffer logits;
    private final FloatBuffer hidden;
    private final Lane[] lanes;

    /** A layer's norms and linears (forms not needed are null). */
    record LayerWeights(Norm normIn, Norm normPost, Map<Linear, LinearWeights> linears) {
        LinearWeights q() {
            return linears.get(Linear.Q);
        }

        LinearWeights k() {
            return linears.get(Linear.K);
        }

        LinearWeights v() {
            return linears.get(Linear.V);
        }

        LinearWeights o() {
            return linears.get(Linear.O);
        }

        LinearWeights gate() {
            return linears.get(Linear.GATE);
        }

        LinearWeights up() {
            return linears.get(Linear.UP);
        }

        LinearWeights down() {
            return linears.get(Linear.DOWN);
        }
    }

    /** A norm's gain and (LayerNorm only, else null) bias. */
    record Norm(FloatBuffer gamma, FloatBuffer beta) {
    }

    /**
     * Static per-tensor scales of one layer's activations (set by calibration), with the hot
     * channels of the attention output and Wo's float rows for them (shadow layers only).
     */
    static final class LayerScales {
        float in = 1f;
        float a = 1f;
        float o = 1f;
        float post = 1f;
        float act = 1f;
        int[] hot = new int[0];
        FloatBuffer oHotRows;

        float in() {
            return in;
        }

        float a() {
            return a;
        }

        float o() {
            return o;
        }

        float post() {
            return post;
        }

        float act() {
            return act;
        }

        int[] hot() {
            return hot;
        }

        FloatBuffer oHotRows() {
            return oHotRows;
        }
    }

    /** One chunk's rows of the per-chunk state (slices of whole-prompt buffers). */
    record Chunk(FloatBuffer x, FloatBuffer h, FloatBuffer q, FloatBuffer a, ByteBuffer aq, ByteBuffer oq, FloatBuffer o, FloatBuffer f,
                 FloatBuffer delta) {
    }

    /** Scratch of one lane; sized for the largest op of each family the lane may run. */
    static final class Lane {
        private final ByteBuffer inQ;
        private final FloatBuffer gate;
        private final FloatBuffer up;
        private final FloatBuffer act;
        private final FloatBuffer scores;
        private final int scoreRows;
        private final HostMath.AttentionScratch attention;
        private final HostMath.ShadowScratch shadow;
        private final FloatBuffer product;
        private final FloatBuffer sink;
        private final FloatBuffer standIn;
        private final ByteBuffer standInQ;
        private final FloatBuffer standInRows;

        private Lane(LaneNeeds n, int rows, int heads, int headDim, int ffn, long seed, int laneId) {
            inQ = n.inQ > 0 ? Buffers.i8(n.inQ) : null;
            boolean ffnScratch = n.ffn;
            gate = ffnScratch ? Buffers.f32((long) rows * ffn) : null;
            up = ffnScratch ? Buffers.f32((long) rows * ffn) : null;
            act = ffnScratch ? Buffers.f32((long) rows * ffn) : null;
            scoreRows = heads * rows;
            scores = n.maxContext > 0 ? Buffers.f32((long) scoreRows * n.maxContext) : null;
            attention = n.maxContext > 0 ? HostMath.AttentionScratch.allocate(rows, n.maxContext, headDim) : null;
            shadow = n.maxHot > 0 ? HostMath.ShadowScratch.allocate(rows, n.maxHot) : null;
            product = n.maxProduct > 0 ? Buffers.f32(n.maxProduct) : null;
            sink = n.maxProduct > 0 ? Buffers.f32(n.maxProduct) : null;
            standIn = n.standIn > 0 ? Buffers.f32(n.standIn) : null;
            standInQ = n.standIn > 0 ? Buffers.i8(n.standIn) : null;
            standInRows = n.standInRows > 0 ? Buffers.f32(n.standInRows) : null;
            if (standIn != null) {
                // stand-in activations in ±0.5 and their INT8 form, fixed per lane
                SplittableRandom random = new SplittableRandom(seed * 31 + laneId);
                for (int i = 0; i < standIn.capacity(); i++) standIn.put(i, (float) random.nextDouble() - 0.5f);
                HostMath.quantize(standIn, standInQ, standIn.capacity(), STAND_IN_SCALE);
                for (int i = 0; i < standInRows.capacity(); i++) standInRows.put(i, (float) random.nextDouble() - 0.5f);
            }
        }

        ByteBuffer inQ() {
            return inQ;
        }

        FloatBuffer gate() {
            return gate;
        }

        FloatBuffer up() {
            return up;
        }

        FloatBuffer act() {
            return act;
        }

        FloatBuffer scores(int context) {
            return scores.slice(0, scoreRows * context);
        }

        HostMath.AttentionScratch attention() {
            return attention;
        }

        HostMath.ShadowScratch shadow() {
            return shadow;
        }

        FloatBuffer shadowProduct(int count) {
            return product.slice(0, count);
        }

        FloatBuffer shadowSink(int count) {
            return sink.slice(0, count);
        }

        FloatBuffer standInInput(int count) {
            return standIn.slice(0, count);
        }

        ByteBuffer standInQuantised(int count) {
            return standInQ.slice(0, count);
        }

        FloatBuffer standInRows(int count) {
            return standInRows.slice(0, count);
        }
    }

    /** What one lane's ops need of scratch, in elements. */
    static final class LaneNeeds {
        long inQ;
        boolean ffn;
        int maxContext;
        int maxHot;
        long maxProduct;
        long standIn;
        long standInRows;

        long bytes(int rows, int heads, int headDim, int ffnSize) {
            long b = inQ;
            if (ffn) b += 3L * 4 * rows * ffnSize;
            if (maxContext > 0) b += 4L * heads * rows * maxContext + HostMath.AttentionScratch.bytes(rows, maxContext, headDim);
            if (maxHot > 0) b += HostMath.ShadowScratch.bytes(rows, maxHot);
            b += 2 * 4 * maxProduct + 5 * standIn + 4 * standInRows;
            return b;
        }
    }

    /**
     * What a prepared prefill allocates: every tensor group with its bytes, in allocation order,
     * and the weight forms and lane scratch the graph's placements need.
     *
     * @param items           tensor group → bytes
     * @param int8            per linear, whether some lane runs it in INT8
     * @param f32             per linear, whether some lane runs it in float
     * @param lmHead          whether the graph has an LM head
     * @param lanes           per lane id, its scratch needs
     * @param sharedWeights   whether all layers use one layer's weights
     * @param referenceBytes  the workspace of the references and calibration (0 if not allocated)
     */
    record Layout(Map<String, Long> items, EnumMap<Linear, Boolean> int8, EnumMap<Linear, Boolean> f32, boolean lmHead,
                  LaneNeeds[] lanes, boolean sharedWeights, long referenceBytes) {
        long totalBytes() {
            return items.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The biggest item as "name = bytes". */
        String largest() {
            Map.Entry<String, Long> max = null;
            for (Map.Entry<String, Long> e : items.entrySet()) {
                if (max == null || e.getValue() > max.getValue()) max = e;
            }
            return max == null ? "nothing" : max.getKey() + " = " + max.getValue() + " bytes";
        }
    }

    /**
     * Lists what a prefill of {@code flow} with lane ops {@code ops} needs.
     *
     * @param withReference whether to include the references' workspace (the backend calibrates
     *                      and checks; the profiler does not)
     */
    static Layout layout(Dataflow flow, HostOp[][][] ops, boolean sharedWeights, boolean withReference) {
        ModelSpec m = flow.model();
        TaskGraph g = flow.graph();
        int c = g.chunkTokens();
        long rows = (long) g.chunks() * c;
        int d = m.hiddenSize();
        int qw = m.queryWidth();
        int kvw = m.kvWidth();
        int f = m.ffnSize();
        int weightLayers = sharedWeights ? 1 : m.layers();
        EnumMap<Linear, Boolean> int8 = new EnumMap<>(Linear.class);
        EnumMap<Linear, Boolean> f32 = new EnumMap<>(Linear.class);
        for (Linear l : Linear.values()) {
            int8.put(l, false);
            f32.put(l, false);
        }
        boolean lmHead = false;
        LaneNeeds[] lanes = new LaneNeeds[ops.length];
        for (int lane = 0; lane < ops.length; lane++) {
            LaneNeeds n = new LaneNeeds();
            lanes[lane] = n;
            for (HostOp[] task : ops[lane]) {
                if (task == null) continue;
                for (HostOp op : task) {
                    Linear linear = linearOf(op.step());
                    if (linear != null) {
                        (op.int8() ? int8 : f32).put(linear, true);
                        if (op.int8()) n.inQ = Math.max(n.inQ, (long) op.m() * op.k());
                        if (linear == Linear.LM_HEAD) lmHead = true;
                    }
                    if (op.step() == Step.FFN_GATE || op.step() == Step.FFN_UP || op.step() == Step.FFN_ACTIVATION
                            || op.step() == Step.FFN_DOWN) {
                        n.ffn = true;
                    }
                    if (op.kind() == OpKind.ATTENTION_SCORE) n.maxContext = Math.max(n.maxContext, op.n());
                    if (op.step() == Step.SHADOW) {
                        n.maxHot = Math.max(n.maxHot, op.k());
                        n.maxProduct = Math.max(n.maxProduct, (long) op.m() * op.n());
                        if (op.target() != Linear.O) {
                            n.standIn = Math.max(n.standIn, (long) op.m() * op.k());
                            n.standInRows = Math.max(n.standInRows, (long) op.k() * op.n());
                        }
                    }
                }
            }
        }
        Map<String, Long> items = new LinkedHashMap<>();
        String per = weightLayers + (sharedWeights ? " shared layer" : " layers");
        for (Linear l : Linear.values()) {
            if (l == Linear.LM_HEAD) continue;
            long elements = (long) inputs(m, l) * outputs(m, l);
            if (l == Linear.GATE && m.ffnKind() == FfnKind.PLAIN_GELU) continue;
            if (int8.get(l)) items.put(name(l) + " INT8 weights (" + per + " x " + inputs(m, l) + "x" + outputs(m, l) + ")", weightLayers * elements);
            if (f32.get(l)) items.put(name(l) + " float32 weights (" + per + " x " + inputs(m, l) + "x" + outputs(m, l) + ")", weightLayers * elements * 4);
        }
        if (lmHead) {
            long elements = (long) d * m.vocabSize();
            if (int8.get(Linear.LM_HEAD)) items.put("lm_head INT8 weights (" + d + "x" + m.vocabSize() + ")", elements);
            if (f32.get(Linear.LM_HEAD)) items.put("lm_head float32 weights (" + d + "x" + m.vocabSize() + ")", elements * 4);
            items.put("logits (" + m.vocabSize() + ")", 4L * m.vocabSize());
        }
        long normVectors = (2L * weightLayers + 1) * (m.normKind() == NormKind.LAYER_NORM ? 2 : 1);
        items.put("norm parameters", normVectors * d * 4);
        items.put("embedding rows of the prompt's tokens (<= " + g.promptTokens() + " x " + d + ")",
                4L * Math.min(g.promptTokens(), m.vocabSize()) * d);
        items.put("K/V cache (" + m.layers() + " layers x 2 x " + rows + " tokens x " + kvw + ")", 2L * 4 * m.layers() * rows * kvw);
        long chunkState = rows * (4L * (4 * d + 2 * qw + (flow.hotChannels() > 0 ? d : 0)) + qw + d);
        items.put("per-chunk state (" + rows + " tokens)", chunkState);
        if (flow.hotChannels() > 0) {
            items.put("shadow hot rows of Wo (" + flow.shadowLayers().size() + " layers x " + flow.hotChannels() + "x" + d + ")",
                    4L * flow.shadowLayers().size() * flow.hotChannels() * d);
        }
        for (int lane = 0; lane < lanes.length; lane++) {
            items.put("scratch of lane " + lane, lanes[lane].bytes(c, m.attentionHeads(), m.headDim(), f));
        }
        long reference = 0;
        if (!withReference) items.put("one layer's float32 weights while generating them", 4 * layerWeightElements(m));
        if (withReference) {
            reference = PrefillReference.workspaceBytes(m, g.promptTokens(), flow.hotChannels());
            items.put("reference and calibration workspace (whole prompt, one layer's float32 weights)", reference);
            items.put("final hidden states of the float32 reference", 4L * g.promptTokens() * d);
        }
        return new Layout(items, int8, f32, lmHead, lanes, sharedWeights, reference);
    }

    /** Elements of one layer's linear weights. */
    static long layerWeightElements(ModelSpec m) {
        long elements = 0;
        for (Linear l : Linear.values()) {
            if (l == Linear.LM_HEAD || (l == Linear.GATE && m.ffnKind() == FfnKind.PLAIN_GELU)) continue;
            elements += (long) inputs(m, l) * outputs(m, l);
        }
        return elements;
    }

    /** Bytes of the largest single buffer {@code layout} implies (a direct buffer holds at most 2 GiB). */
    static long largestBuffer(ModelSpec m, TaskGraph g, Layout layout) {
        long rows = (long) g.chunks() * g.chunkTokens();
        long max = 4L * rows * Math.max(m.hiddenSize(), Math.max(m.queryWidth(), m.kvWidth()));
        for (Linear l : Linear.values()) {
            if (l == Linear.LM_HEAD && !layout.lmHead()) continue;
            max = Math.max(max, 4L * inputs(m, l) * outputs(m, l));
        }
        for (LaneNeeds n : layout.lanes()) {
            max = Math.max(max, 4L * m.attentionHeads() * g.chunkTokens() * n.maxContext);
            max = Math.max(max, n.inQ);
        }
        if (layout.referenceBytes() > 0) {
            long p = g.promptTokens();
            max = Math.max(max, 4L * m.attentionHeads() * Math.min(p, PrefillReference.BLOCK_ROWS) * p);
            max = Math.max(max, 4L * p * Math.max(m.hiddenSize(), m.queryWidth()));
        }
        return max;
    }

    /** The linear an op's step multiplies by, or null. */
    static Linear linearOf(Step step) {
        return switch (step) {
            case Q_PROJ -> Linear.Q;
            case K_PROJ -> Linear.K;
            case V_PROJ -> Linear.V;
            case O_PROJ -> Linear.O;
            case FFN_GATE -> Linear.GATE;
            case FFN_UP -> Linear.UP;
            case FFN_DOWN -> Linear.DOWN;
            case LM_HEAD -> Linear.LM_HEAD;
            default -> null;
        };
    }

    static int inputs(ModelSpec m, Linear l) {
        return switch (l) {
            case Q, K, V, GATE, UP, LM_HEAD -> m.hiddenSize();
            case O -> m.queryWidth();
            case DOWN -> m.ffnSize();
        };
    }

    static int outputs(ModelSpec m, Linear l) {
        return switch (l) {
            case Q -> m.queryWidth();
            case K, V -> m.kvWidth();
            case O, DOWN -> m.hiddenSize();
            case GATE, UP -> m.ffnSize();
            case LM_HEAD -> m.vocabSize();
        };
    }

    static String name(Linear l) {
        return switch (l) {
            case Q -> "q_proj";
            case K -> "k_proj";
            case V -> "v_proj";
            case O -> "o_proj";
            case GATE -> "ffn_gate";
            case UP -> "ffn_up/fc1";
            case DOWN -> "ffn_down/fc2";
            case LM_HEAD -> "lm_head";
        };
    }

    /** Allocates everything {@code layout} lists (weights not yet filled: see {@link #generateWeights}). */
    PrefillState(Dataflow flow, Layout layout, long seed) {
        this.model = flow.model();
        this.graph = flow.graph();
        this.layout = layout;
        this.seed = seed;
        ModelSpec m = model;
        int c = graph.chunkTokens();
        rows = graph.chunks() * c;
        int d = m.hiddenSize();
        attention = new HostMath.Attention(m.attentionHeads(), m.kvHeads(), m.headDim(), m.slidingWindowTokens());
        boolean layerNorm = m.normKind() == NormKind.LAYER_NORM;
        int weightLayers = layout.sharedWeights() ? 1 : m.layers();
        weights = new LayerWeights[weightLayers];
        for (int l = 0; l < weightLayers; l++) {
            Map<Linear, LinearWeights> linears = new EnumMap<>(Linear.class);
            for (Linear lin : Linear.values()) {
                if (lin == Linear.LM_HEAD || (lin == Linear.GATE && m.ffnKind() == FfnKind.PLAIN_GELU)) continue;
                LinearWeights w = new LinearWeights(inputs(m, lin), outputs(m, lin));
                long count = (long) w.k * w.n;
                if (layout.int8().get(lin)) w.int8 = Buffers.i8(count);
                if (layout.f32().get(lin)) w.f32 = Buffers.f32(count);
                linears.put(lin, w);
            }
            weights[l] = new LayerWeights(norm(l, SyntheticWeights.Tensor.NORM_IN, SyntheticWeights.Tensor.NORM_IN_BIAS, layerNorm),
                    norm(l, SyntheticWeights.Tensor.NORM_POST, SyntheticWeights.Tensor.NORM_POST_BIAS, layerNorm), linears);
        }
        finalNorm = norm(0, SyntheticWeights.Tensor.NORM_FINAL, SyntheticWeights.Tensor.NORM_FINAL_BIAS, layerNorm);
        if (layout.lmHead()) {
            lmHead = new LinearWeights(d, m.vocabSize());
            if (layout.int8().get(Linear.LM_HEAD)) lmHead.int8 = Buffers.i8((long) d * m.vocabSize());
            if (layout.f32().get(Linear.LM_HEAD)) lmHead.f32 = Buffers.f32((long) d * m.vocabSize());
            logits = Buffers.f32(m.vocabSize());
        } else {
            lmHead = null;
            logits = null;
        }
        tokens = SyntheticWeights.tokens(seed, graph.promptTokens(), m.vocabSize());
        Map<Integer, Integer> rowOf = new LinkedHashMap<>();
        tokenRow = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) tokenRow[t] = rowOf.computeIfAbsent(tokens[t], x -> rowOf.size());
        embeddingRows = Buffers.f32((long) rowOf.size() * d);
        for (Map.Entry<Integer, Integer> e : rowOf.entrySet()) {
            SyntheticWeights.embedding(embeddingRows, e.getValue() * d, seed, e.getKey(), d);
        }
        scales = new LayerScales[m.layers()];
        for (int l = 0; l < m.layers(); l++) {
            scales[l] = new LayerScales();
            if (flow.shadowLayers().contains(l)) scales[l].oHotRows = Buffers.f32((long) flow.hotChannels() * d);
        }
        keys = new FloatBuffer[m.layers()];
        values = new FloatBuffer[m.layers()];
        for (int l = 0; l < m.layers(); l++) {
            keys[l] = Buffers.f32((long) rows * m.kvWidth());
            values[l] = Buffers.f32((long) rows * m.kvWidth());
        }
        FloatBuffer x = Buffers.f32((long) rows * d);
        hidden = Buffers.f32((long) rows * d);
        FloatBuffer q = Buffers.f32((long) rows * m.queryWidth());
        FloatBuffer a = Buffers.f32((long) rows * m.queryWidth());
        ByteBuffer aq = Buffers.i8((long) rows * m.queryWidth());
        ByteBuffer oq = Buffers.i8((long) rows * d);
        FloatBuffer o = Buffers.f32((long) rows * d);
        FloatBuffer f = Buffers.f32((long) rows * d);
        FloatBuffer delta = flow.hotChannels() > 0 ? Buffers.f32((long) rows * d) : null;
        chunks = new Chunk[graph.chunks()];
        int qw = m.queryWidth();
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new Chunk(x.slice(i * c * d, c * d), hidden.slice(i * c * d, c * d), q.slice(i * c * qw, c * qw),
                    a.slice(i * c * qw, c * qw), aq.slice(i * c * qw, c * qw), oq.slice(i * c * d, c * d), o.slice(i * c * d, c * d),
                    f.slice(i * c * d, c * d), delta == null ? null : delta.slice(i * c * d, c * d));
        }
        projectedInInt8 = new boolean[chunks.length];
        lanes = new Lane[layout.lanes().length];
        for (int lane = 0; lane < lanes.length; lane++) {
            lanes[lane] = new Lane(layout.lanes()[lane], c, m.attentionHeads(), m.headDim(), m.ffnSize(), seed, lane);
        }
    }

    private Norm norm(int layer, SyntheticWeights.Tensor gain, SyntheticWeights.Tensor bias, boolean layerNorm) {
        int d = model.hiddenSize();
        FloatBuffer gamma = Buffers.f32(d);
        SyntheticWeights.norm(gamma, seed, layer, gain, d);
        FloatBuffer beta = null;
        if (layerNorm) {
            beta = Buffers.f32(d);
            SyntheticWeights.norm(beta, seed, layer, bias, d);
        }
        return new Norm(gamma, beta);
    }

    /** Generates weight layer {@code weightLayer}'s linears into {@code tmp} (float, one buffer per linear) and stores their forms. */
    void generateLayer(int weightLayer, Map<Linear, FloatBuffer> tmp) {
        LayerWeights w = weights[weightLayer];
        for (Map.Entry<Linear, LinearWeights> e : w.linears().entrySet()) {
            LinearWeights lw = e.getValue();
            FloatBuffer buffer = tmp.get(e.getKey());
            SyntheticWeights.linear(buffer, seed, weightLayer, tensorOf(e.getKey()), lw.k, lw.n, model.kvHeads(), model.headDim());
            lw.setFrom(buffer);
        }
    }

    /** Generates the LM head's forms, streaming through its float form or a row buffer, so no d×vocab temporary is needed. */
    void generateLmHead() {
        if (lmHead == null) return;
        int d = model.hiddenSize();
        int v = model.vocabSize();
        if (lmHead.f32 != null) {
            SyntheticWeights.linear(lmHead.f32, seed, 0, SyntheticWeights.Tensor.LM_HEAD, d, v, model.kvHeads(), model.headDim());
            lmHead.setFrom(lmHead.f32);
        } else {
            SyntheticWeights.LinearStream stream = SyntheticWeights.stream(seed, 0, SyntheticWeights.Tensor.LM_HEAD, d, v);
            FloatBuffer row = Buffers.f32(v);
            double maxAbs = 0;
            double squares = 0;
            for (int r = 0; r < d; r++) {
                stream.nextRow(row);
                for (int j = 0; j < v; j++) {
                    maxAbs = Math.max(maxAbs, Math.abs(row.get(j)));
                    squares += (double) row.get(j) * row.get(j);
                }
            }
            lmHead.scale = HostMath.scaleOf(maxAbs);
            lmHead.quantNoise = lmHead.scale / Math.sqrt(12) / Math.sqrt(squares / ((double) d * v));
            stream = SyntheticWeights.stream(seed, 0, SyntheticWeights.Tensor.LM_HEAD, d, v);
            for (int r = 0; r < d; r++) {
                stream.nextRow(row);
                HostMath.quantize(row, lmHead.int8.slice(r * v, v), v, lmHead.scale);
            }
        }
    }

    static SyntheticWeights.Tensor tensorOf(Linear l) {
        return switch (l) {
            case Q -> SyntheticWeights.Tensor.Q;
            case K -> SyntheticWeights.Tensor.K;
            case V -> SyntheticWeights.Tensor.V;
            case O -> SyntheticWeights.Tensor.O;
            case GATE -> SyntheticWeights.Tensor.GATE;
            case UP -> SyntheticWeights.Tensor.UP;
            case DOWN -> SyntheticWeights.Tensor.DOWN;
            case LM_HEAD -> SyntheticWeights.Tensor.LM_HEAD;
        };
    }

    /** Fills the per-chunk state and caches with stand-in values and sets round scales, for timing ops in isolation. */
    void fillForTiming() {
        SplittableRandom random = new SplittableRandom(seed);
        for (Chunk c : chunks) {
            for (FloatBuffer b : new FloatBuffer[] {c.x(), c.h(), c.q(), c.a(), c.o(), c.f()}) fill(b, random);
            HostMath.quantize(c.a(), c.aq(), c.a().capacity(), 1f / 64);
            HostMath.quantize(c.o(), c.oq(), c.o().capacity(), 1f / 64);
        }
        for (int l = 0; l < keys.length; l++) {
            fill(keys[l], random);
            fill(values[l], random);
        }
        for (LayerScales s : scales) {
            s.in = s.a = s.o = s.post = s.act = 1f / 64;
            if (s.oHotRows != null) {
                s.hot = firstChannels(s.oHotRows.capacity() / model.hiddenSize());
                fill(s.oHotRows, random);
            }
        }
        finalScale = 1f / 64;
    }

    private static void fill(FloatBuffer b, SplittableRandom random) {
        for (int i = 0; i < b.capacity(); i++) b.put(i, (float) random.nextDouble() - 0.5f);
    }

    /** {0, 1, ..., k−1}, shared (callers never write it). */
    static int[] firstChannels(int k) {
        return FIRST_CHANNELS.computeIfAbsent(k, n -> {
            int[] c = new int[n];
            Arrays.setAll(c, i -> i);
            return c;
        });
    }

    // --- the dataflow's accessors and helpers (see HostOp) ---

    ModelSpec model() {
        return model;
    }

    int chunkTokens() {
        return graph.chunkTokens();
    }

    int promptTokens() {
        return graph.promptTokens();
    }

    HostMath.Attention attention() {
        return attention;
    }

    Chunk chunk(int i) {
        return chunks[i];
    }

    Lane lane(int id) {
        return lanes[id];
    }

    /** Weights of {@code layer} (layer 0's when shared). */
    LayerWeights weights(int layer) {
        return weights[weights.length == 1 ? 0 : layer];
    }

    int weightLayers() {
        return weights.length;
    }

    LayerScales scales(int layer) {
        return scales[layer];
    }

    Norm finalNorm() {
        return finalNorm;
    }

    float finalScale() {
        return finalScale;
    }

    void setFinalScale(float scale) {
        finalScale = scale;
    }

    LinearWeights lmHead() {
        return lmHead;
    }

    FloatBuffer logits() {
        return logits;
    }

    /** The per-chunk normed state h of every row: after the final norm, the final hidden states. */
    FloatBuffer hidden() {
        return hidden;
    }

    FloatBuffer keys(int layer) {
        return keys[layer];
    }

    FloatBuffer values(int layer) {
        return values[layer];
    }

    FloatBuffer keyRows(int layer, int firstRow, int count) {
        return keys[layer].slice(firstRow * model.kvWidth(), count * model.kvWidth());
    }

    FloatBuffer valueRows(int layer, int firstRow, int count) {
        return values[layer].slice(firstRow * model.kvWidth(), count * model.kvWidth());
    }

    int firstKey(int chunk) {
        return Dataflow.firstKey(model, graph, chunk);
    }

    boolean projectedInInt8(int chunk) {
        return projectedInInt8[chunk];
    }

    void setProjectedInInt8(int chunk, boolean int8) {
        projectedInInt8[chunk] = int8;
    }

    /** x[first..first+count) = embedding rows of those prompt positions, zero past the prompt (padding). */
    void embed(FloatBuffer x, int first, int count) {
        int d = model.hiddenSize();
        for (int r = 0; r < count; r++) {
            int position = first + r;
            if (position < tokens.length) {
                x.put(r * d, embeddingRows, tokenRow[position] * d, d);
            } else {
                for (int j = 0; j < d; j++) x.put(r * d + j, 0f);
            }
        }
    }

    /** The embedding rows of the first {@code count} prompt positions into {@code x} (the references' input). */
    void embedPrompt(FloatBuffer x, int count) {
        embed(x, 0, count);
    }

    /** {@code out = norm(x)} over {@code count} rows with the model's norm kind. */
    void norm(FloatBuffer x, FloatBuffer out, Norm norm, int count) {
        int d = model.hiddenSize();
        if (model.normKind() == NormKind.LAYER_NORM) {
            HostMath.layerNorm(x, norm.gamma(), norm.beta(), out, count, d, (float) model.normEpsilon());
        } else {
            HostKernels.rmsNorm(x, norm.gamma(), out, count, d, (float) model.normEpsilon());
        }
    }

    /** Adds chunk {@code chunk}'s pending shadow correction to its residual stream. */
    void mergeShadow(int chunk) {
        Chunk c = chunks[chunk];
        HostMath.addInPlace(c.x(), c.delta(), c.x().capacity());
    }

    /** The tensor groups and their bytes, for messages. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        layout.items().forEach((k, v) -> out.add(k + ": " + v + " bytes"));
        return out;
    }
}
