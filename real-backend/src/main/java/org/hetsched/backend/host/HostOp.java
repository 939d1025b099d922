package org.hetsched.backend.host;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.host.Dataflow.Step;
import org.hetsched.backend.jni.HostKernels;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;

/**
 * One op of a task as a lane computes it: its place in the dataflow, the dtype the lane's
 * placement gives it, and its shape. {@link #run} computes it on one chunk's state of a
 * {@link PrefillState}; {@link HostBackend#execute} and {@link HostProfiler} both call it, so a
 * profiled op is exactly the op a replay runs.
 *
 * <p>What each step does (C = chunk rows, all on the chunk's rows unless said otherwise):
 * <ul>
 *   <li>EMBEDDING: the residual stream x = the prompt tokens' embedding rows (zero for padding);</li>
 *   <li>INPUT_NORM / POST_ATTENTION_NORM / FINAL_NORM: h = norm(x) with that norm's parameters
 *       (RMSNorm, or LayerNorm for LayerNorm models);</li>
 *   <li>Q_PROJ: q = h·Wq. K_PROJ / V_PROJ write h·Wk (then RoPE at the chunk's positions) and h·Wv
 *       straight into the layer's K/V cache rows [i·C, (i+1)·C): a later chunk's attention may run
 *       as soon as the K/V producer of this chunk finished (the K/V rule), before this chunk's own
 *       attention, so the cache must be complete when the producer ends. KV_APPEND therefore has
 *       nothing left to copy and does nothing; ROPE rotates the queries;</li>
 *   <li>QK, SOFTMAX, AV: per query head h over kv head h/(heads/kvHeads), scores over the
 *       context [first key, (i+1)·C), causal and windowed, scaled by 1/sqrt(headDim), softmax,
 *       times V, into the attention output a;</li>
 *   <li>QUANTIZE: aq = INT8(a) with the layer's static (possibly clipped) scale. O_PROJ on INT8:
 *       oq = requant(aq·Wo); on float: o = a·Wo. DEQUANTIZE: o = dequant(oq) (nothing after a
 *       float O projection);</li>
 *   <li>ATTENTION_RESIDUAL: x += o. FFN_GATE/FFN_UP/FFN_ACTIVATION/FFN_DOWN: the gated or plain
 *       MLP of h into f (intermediates in lane scratch). FFN_RESIDUAL: x += f;</li>
 *   <li>LM_HEAD: logits of the last real prompt token;</li>
 *   <li>SHADOW of the O projection: the float correction of the attention output's hot channels
 *       (what INT8 clipped or rounded) times Wo's hot rows; SHADOW_MERGE stages it as the chunk's
 *       pending correction, which the next subgraph adds to x before its first op. The shadows of
 *       the other linears would need activations their concurrently running sibling has not
 *       produced yet, so they multiply stand-in activations of the same shape (real work, result
 *       discarded).</li>
 * </ul>
 * An INT8 linear quantises its float input with the static scale of that activation, multiplies
 * in int32 and dequantises ({@link HostMath#linear}); FP16 ops run in float32 (the host has no
 * FP16 kernels).
 *
 * @param step   what it computes
 * @param label  the graph op's label
 * @param kind   the graph op's kind
 * @param dtype  its dtype under the lane's placement
 * @param layer  layer of its weights, cache and scales
 * @param target linear a shadow op shadows, else null
 * @param m      rows (chunk tokens; 1 for the LM head)
 * @param k      inner dimension
 * @param n      columns (context tokens for the scores)
 */
record HostOp(Step step, String label, OpKind kind, DType dtype, int layer, Linear target, int batch, int m, int k, int n) {

    /** Whether a LINEAR op runs the W8A8 kernel. */
    boolean int8() {
        return dtype == DType.INT8;
    }

    /**
     * Per lane, per task, the ops in op order; null where the lane cannot run the task (see
     * {@link Eligibility}). Equal ops are one instance.
     */
    static HostOp[][][] forTasks(Dataflow flow, Platform lanes) {
        HostOp[][][] out = new HostOp[lanes.size()][flow.graph().size()][];
        Map<HostOp, HostOp> interned = new HashMap<>();
        for (Processor lane : lanes.processors()) {
            for (Task task : flow.graph().tasks()) {
                if (Eligibility.reason(task, lane) != null) continue;
                Placement placement = task.subgraph().placementOn(lane.kind());
                HostOp[] ops = new HostOp[task.ops().size()];
                for (int i = 0; i < ops.length; i++) {
                    Op op = task.ops().get(i);
                    Dataflow.Place place = flow.place(task.id(), i);
                    HostOp h = new HostOp(place.step(), op.label(), op.kind(), placement.dtypeOf(op.kind()), place.layer(), place.target(),
                            op.batch(), op.m(), op.k(), op.n());
                    ops[i] = interned.computeIfAbsent(h, x -> x);
                }
                out[lane.id()][task.id()] = ops;
            }
        }
        return out;
    }

    /** Computes this op for chunk {@code chunk} on {@code lane}'s scratch. */
    void run(PrefillState s, int chunk, PrefillState.Lane lane) {
        PrefillState.Chunk c = s.chunk(chunk);
        int rows = s.chunkTokens();
        int first = chunk * rows;
        int d = s.model().hiddenSize();
        PrefillState.LayerWeights w = s.weights(layer);
        PrefillState.LayerScales sc = s.scales(layer);
        switch (step) {
            case EMBEDDING -> s.embed(c.x(), first, rows);
            case INPUT_NORM -> s.norm(c.x(), c.h(), w.normIn(), rows);
            case POST_ATTENTION_NORM -> s.norm(c.x(), c.h(), w.normPost(), rows);
            case FINAL_NORM -> s.norm(c.x(), c.h(), s.finalNorm(), rows);
            case Q_PROJ -> HostMath.linear(c.h(), c.q(), w.q(), int8(), sc.in(), lane.inQ(), rows);
            case K_PROJ -> {
                FloatBuffer keys = s.keyRows(layer, first, rows);
                HostMath.linear(c.h(), keys, w.k(), int8(), sc.in(), lane.inQ(), rows);
                HostKernels.rope(keys, rows, s.model().kvHeads(), s.model().headDim(), first, (float) s.model().ropeTheta());
            }
            case V_PROJ -> HostMath.linear(c.h(), s.valueRows(layer, first, rows), w.v(), int8(), sc.in(), lane.inQ(), rows);
            case ROPE -> HostKernels.rope(c.q(), rows, s.model().attentionHeads(), s.model().headDim(), first, (float) s.model().ropeTheta());
            case KV_APPEND -> {
                // the K/V projections already wrote this chunk's rows into the cache (see the class comment)
            }
            case QK -> HostMath.attentionScores(c.q(), s.keys(layer), lane.scores(n), lane.attention(), s.attention(), rows, first,
                    s.firstKey(chunk), n);
            case SOFTMAX -> HostKernels.softmaxRows(lane.scores(n), batch * rows, n);
            case AV -> HostMath.attentionValues(lane.scores(k), s.values(layer), c.a(), lane.attention(), s.attention(), rows,
                    s.firstKey(chunk), k);
            case QUANTIZE -> HostMath.quantize(c.a(), c.aq(), rows * s.model().queryWidth(), sc.a());
            case O_PROJ -> {
                if (int8()) {
                    HostKernels.matmulInt8Requant(c.aq(), w.o().int8(), c.oq(), rows, k, n,
                            HostMath.requantScale(sc.a(), w.o().scale(), sc.o()));
                } else {
                    HostKernels.matmulF32(c.a(), w.o().f32(), c.o(), rows, k, n);
                }
                s.setProjectedInInt8(chunk, int8());
            }
            case DEQUANTIZE -> {
                if (s.projectedInInt8(chunk)) HostMath.dequantize(c.oq(), c.o(), rows * d, sc.o());
            }
            case ATTENTION_RESIDUAL -> HostMath.addInPlace(c.x(), c.o(), rows * d);
            case FFN_GATE -> HostMath.linear(c.h(), lane.gate(), w.gate(), int8(), sc.post(), lane.inQ(), rows);
            case FFN_UP -> HostMath.linear(c.h(), lane.up(), w.up(), int8(), sc.post(), lane.inQ(), rows);
            case FFN_ACTIVATION -> {
                int count = rows * s.model().ffnSize();
                FfnKind kind = s.model().ffnKind();
                if (kind == FfnKind.GATED_SILU) HostKernels.siluGated(lane.gate(), lane.up(), lane.act(), count);
                else if (kind == FfnKind.GATED_GELU) HostMath.geluGated(lane.gate(), lane.up(), lane.act(), count);
                else HostMath.gelu(lane.up(), lane.act(), count);
            }
            case FFN_DOWN -> HostMath.linear(lane.act(), c.f(), w.down(), int8(), sc.act(), lane.inQ(), rows);
            case FFN_RESIDUAL -> HostMath.addInPlace(c.x(), c.f(), rows * d);
            case LM_HEAD -> {
                int row = s.promptTokens() - 1 - first;
                HostMath.linear(c.h().slice(row * d, d), s.logits(), s.lmHead(), int8(), s.finalScale(), lane.inQ(), 1);
            }
            case SHADOW -> {
                FloatBuffer product = lane.shadowProduct(m * n);
                if (target == Linear.O) {
                    HostMath.shadowProduct(c.a(), c.aq(), sc.a(), s.model().queryWidth(), sc.hot(), sc.oHotRows(), product,
                            lane.shadow().forHot(k), m, n);
                } else {
                    HostMath.shadowProduct(lane.standInInput(m * k), lane.standInQuantised(m * k), PrefillState.STAND_IN_SCALE, k,
                            PrefillState.firstChannels(k), lane.standInRows(k * n), product, lane.shadow().forHot(k), m, n);
                }
            }
            case SHADOW_MERGE -> {
                if (target == Linear.O) HostMath.copy(lane.shadowProduct(m * n), c.delta(), m * n);
                else HostMath.addInPlace(lane.shadowSink(m * n), lane.shadowProduct(m * n), m * n);
            }
        }
    }
}
