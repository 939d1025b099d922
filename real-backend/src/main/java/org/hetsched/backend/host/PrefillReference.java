package org.hetsched.backend.host;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.jni.HostKernels;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.trace.PrefillCheck;

/**
 * The two unchunked references a chunked, out-of-order prefill on the host backend is checked
 * against, and the offline calibration that fixes its INT8 scales. Both references compute the
 * whole prompt layer by layer: all of a layer's K/V exist before any of its attention runs, there
 * are no chunks, no subgraphs, no lanes and no task order — the things a chunked run can get
 * wrong. (FFN and attention scratch is reused over blocks of {@value #BLOCK_ROWS} query rows only
 * to bound memory: every row's arithmetic is independent of the block.)
 *
 * <ol>
 *   <li><b>float32</b>: every linear in float32, no clipping, no shadow. It is also the
 *       calibration pass: the static per-tensor activation scales ({@code maxAbs/127} over the real
 *       prompt tokens) come from it, as llm.npu calibrates offline from a float run, so chunking
 *       cannot change them. Where the graph has shadow subgraphs, the attention output (the O
 *       projection's input) keeps its hot channels (largest magnitude) for the float side, and its
 *       INT8 scale clips them where that lowers the expected squared error (see
 *       {@link #mseOptimalClip}); the other channels are never clipped.</li>
 *   <li><b>quantised</b>: the same precisions the run used (each linear INT8 or float as its lane's
 *       placement said), the same static scales, clipping and shadow corrections, merged at the
 *       same point of the layer. The host's kernels give every row a result that does not depend
 *       on how many rows one call computes, nor on masked keys before or after the visible ones
 *       (their probabilities are exactly 0), so a correct chunked run reproduces this reference
 *       bit for bit. Tolerance {@value #QUANTISED_TOLERANCE}: room for a future kernel whose
 *       summation order depends on the row count (float rounding ~1e-7 per op, plus the odd INT8
 *       rounding flip it may cause, ~1/(127·√k) of a token's norm each), far below the ≥1e-2 a
 *       wrong K/V row, layer or order produces.</li>
 * </ol>
 *
 * <p><b>Tolerance against float32.</b> Rounding to a step s adds uniform noise of RMS s/√12, so
 * an INT8 tensor T carries relative noise ε_T = (s_T/√12)/rms(T); for the clipped attention
 * output ε is measured on the float pass, clipped excess included. To first order, an INT8 linear
 * y = x·W adds relative error √(ε_x² + ε_W²), and an INT8 O projection also its requantised
 * output's ε_o. A block (attention, or FFN) thus adds to the residual stream an error of RMS
 * rms(y)·√(Σ over its INT8 linears of ε² + r²), where y is what the block adds to the stream and
 * r is the stream's relative error at the block's input, which the block carries forward through
 * its norm and linears with unit gain; errors of different sources are independent, so they add
 * in quadrature. Walking the blocks in order with the RMS of y and of the stream recorded on the
 * float pass gives ε, the predicted RMS relative error of the final stream (the final norm keeps
 * relative errors). Measured on the synthetic models, the mean per-token error is 1.0–1.2·ε and
 * the largest of 100 tokens up to 2.9·ε (qwen1.5-1.8b shapes: 1.26·ε and 1.5·ε), so the tolerance on
 * the largest per-token error is {@value #SAFETY}·ε. The shadow correction is not credited.
 *
 * <p>Stateless; the workspace and weights are the caller's.
 */
public final class PrefillReference {
    /** Histogram bins of the clip search (resolution max/bins). */
    private static final int CLIP_BINS = 1 << 12;
    /** Query rows per block of attention and FFN scratch. */
    static final int BLOCK_ROWS = 32;
    /** Allowed per-token relative error against the quantised reference (see the class comment). */
    public static final double QUANTISED_TOLERANCE = 1e-4;
    /** Factor over the estimated quantisation noise allowed against the float32 reference (see the class comment). */
    public static final double SAFETY = 4.0;

    private PrefillReference() {
    }

    /** Bytes of {@link Workspace#allocate}. */
    static long workspaceBytes(ModelSpec m, int prompt, int hot) {
        long p = prompt;
        int b = Math.min(prompt, BLOCK_ROWS);
        int d = m.hiddenSize();
        int qw = m.queryWidth();
        int kvw = m.kvWidth();
        int f = m.ffnSize();
        long floats = p * (5L * d + 2L * qw + 2L * kvw) + 3L * b * f + (long) m.attentionHeads() * b * p;
        long weights = PrefillState.layerWeightElements(m);
        long bytes = 4 * (floats + weights) + p * (qw + d) + inQ(m, prompt);
        return bytes + HostMath.AttentionScratch.bytes(b, prompt, m.headDim()) + HostMath.ShadowScratch.bytes(prompt, Math.max(1, hot));
    }

    private static long inQ(ModelSpec m, int prompt) {
        return Math.max((long) prompt * Math.max(m.hiddenSize(), m.queryWidth()), (long) Math.min(prompt, BLOCK_ROWS) * m.ffnSize());
    }

    /** Whole-prompt buffers of the references, and one layer's float32 weights for calibration. Single-threaded. */
    static final class Workspace {
        final FloatBuffer x;
        final FloatBuffer h;
        final FloatBuffer q;
        final FloatBuffer k;
        final FloatBuffer v;
        final FloatBuffer a;
        final ByteBuffer aq;
        final ByteBuffer oq;
        final FloatBuffer o;
        final FloatBuffer f;
        final FloatBuffer delta;
        final ByteBuffer inQ;
        final FloatBuffer gate;
        final FloatBuffer up;
        final FloatBuffer act;
        final FloatBuffer scores;
        final HostMath.AttentionScratch attention;
        final HostMath.ShadowScratch shadow;
        final Map<Linear, LinearWeights> layerF32 = new EnumMap<>(Linear.class);

        private Workspace(ModelSpec m, int prompt, int hot) {
            long p = prompt;
            int b = Math.min(prompt, BLOCK_ROWS);
            int d = m.hiddenSize();
            x = Buffers.f32(p * d);
            h = Buffers.f32(p * d);
            q = Buffers.f32(p * m.queryWidth());
            k = Buffers.f32(p * m.kvWidth());
            v = Buffers.f32(p * m.kvWidth());
            a = Buffers.f32(p * m.queryWidth());
            aq = Buffers.i8(p * m.queryWidth());
            oq = Buffers.i8(p * d);
            o = Buffers.f32(p * d);
            f = Buffers.f32(p * d);
            delta = Buffers.f32(p * d);
            inQ = Buffers.i8(inQ(m, prompt));
            gate = Buffers.f32((long) b * m.ffnSize());
            up = Buffers.f32((long) b * m.ffnSize());
            act = Buffers.f32((long) b * m.ffnSize());
            scores = Buffers.f32((long) m.attentionHeads() * b * p);
            attention = HostMath.AttentionScratch.allocate(b, prompt, m.headDim());
            shadow = HostMath.ShadowScratch.allocate(prompt, Math.max(1, hot));
            for (Linear l : Linear.values()) {
                if (l == Linear.LM_HEAD || (l == Linear.GATE && m.ffnKind() == FfnKind.PLAIN_GELU)) continue;
                LinearWeights w = new LinearWeights(PrefillState.inputs(m, l), PrefillState.outputs(m, l));
                w.f32 = Buffers.f32((long) w.k * w.n);
                layerF32.put(l, w);
            }
        }

        static Workspace allocate(ModelSpec m, int prompt, int hot) {
            return new Workspace(m, prompt, hot);
        }
    }

    /**
     * What calibration learnt besides the scales it set: the float32 reference's final hidden
     * states, each activation's relative INT8 noise and the sizes of what each layer adds to the
     * residual stream (for the float32 tolerance).
     *
     * @param float32Hidden prompt × hidden, row-major
     * @param inNoise       per layer, of the input norm's output (Q/K/V input)
     * @param aNoise        per layer, of the attention output under its (clipped) scale, measured
     * @param oNoise        per layer, of the O projection's requantised output
     * @param postNoise     per layer, of the FFN input
     * @param actNoise      per layer, of the FFN down projection's input
     * @param oRms          per layer, RMS of the attention block's output added to the stream
     * @param fRms          per layer, RMS of the FFN block's output added to the stream
     * @param streamRms     RMS of the residual stream entering each layer's attention block
     *                      (index 2l), its FFN block (2l+1), and the final norm (2·layers)
     */
    record Calibration(float[] float32Hidden, double[] inNoise, double[] aNoise, double[] oNoise, double[] postNoise, double[] actNoise,
                       double[] oRms, double[] fRms, double[] streamRms) {
        static Calibration empty(int layers) {
            return new Calibration(null, new double[layers], new double[layers], new double[layers], new double[layers],
                    new double[layers], new double[layers], new double[layers], new double[2 * layers + 1]);
        }

        Calibration withHidden(float[] hidden) {
            return new Calibration(hidden, inNoise, aNoise, oNoise, postNoise, actNoise, oRms, fRms, streamRms);
        }
    }

    /**
     * Generates {@code s}'s weights layer by layer and runs the float32 reference over the real
     * prompt, setting every static activation scale, the hot channels and clip of each layer's
     * attention output, and the shadow layers' float Wo rows of those channels.
     *
     * @param hotChannels hot channels of the attention output kept for the float side; 0: no clipping
     */
    static Calibration calibrate(PrefillState s, Workspace w, int hotChannels) {
        int layers = s.model().layers();
        Calibration cal = Calibration.empty(layers);
        s.generateLmHead();
        return cal.withHidden(pass(s, w, null, Set.of(), cal, hotChannels));
    }

    /**
     * The quantised reference: the whole prompt with each linear's precision as given.
     *
     * @param int8         per layer, per linear, whether it ran INT8
     * @param shadowLayers layers whose O projection's shadow correction is merged
     */
    static float[] quantised(PrefillState s, Workspace w, boolean[][] int8, Set<Integer> shadowLayers) {
        return pass(s, w, int8, shadowLayers, null, 0);
    }

    /** The float32 tolerance of {@code cal} for the precisions {@code int8} (see the class comment). */
    static double float32Tolerance(PrefillState s, Calibration cal, boolean[][] int8) {
        int layers = s.model().layers();
        double[] x = cal.streamRms();
        double error2 = 0; // squared RMS of the stream's error so far
        for (int l = 0; l < layers; l++) {
            PrefillState.LayerWeights w = s.weights(l);
            double attention = 0;
            double ffn = 0;
            for (Linear lin : Linear.values()) {
                if (lin == Linear.LM_HEAD || !int8[l][lin.ordinal()]) continue;
                double in = switch (lin) {
                    case Q, K, V -> cal.inNoise()[l];
                    case O -> cal.aNoise()[l];
                    case GATE, UP -> cal.postNoise()[l];
                    case DOWN -> cal.actNoise()[l];
                    case LM_HEAD -> 0;
                };
                double weight = w.linears().get(lin).quantNoise;
                double noise = in * in + weight * weight + (lin == Linear.O ? cal.oNoise()[l] * cal.oNoise()[l] : 0);
                if (lin == Linear.GATE || lin == Linear.UP || lin == Linear.DOWN) ffn += noise;
                else attention += noise;
            }
            double inAttention = relative2(error2, x[2 * l]);
            error2 += cal.oRms()[l] * cal.oRms()[l] * (inAttention + attention);
            double inFfn = s.model().parallelAttentionMlp() ? inAttention : relative2(error2, x[2 * l + 1]);
            error2 += cal.fRms()[l] * cal.fRms()[l] * (inFfn + ffn);
        }
        double relative = Math.sqrt(relative2(error2, x[2 * layers]));
        // a run without any INT8 linear still differs from float32 by rounding order; keep the bound positive
        return Math.max(SAFETY * relative, QUANTISED_TOLERANCE);
    }

    private static double relative2(double error2, double rms) {
        return rms > 0 ? error2 / (rms * rms) : 0;
    }

    /** Per-token relative errors of {@code actual} (rows of {@code dim}) against {@code expected}, first {@code tokens} rows. */
    static PrefillCheck.Comparison compare(String name, FloatBuffer actual, float[] expected, int tokens, int dim, double tolerance) {
        double max = 0;
        double sum = 0;
        for (int t = 0; t < tokens; t++) {
            double err = 0;
            double ref = 0;
            for (int j = 0; j < dim; j++) {
                double e = expected[t * dim + j];
                double diff = actual.get(t * dim + j) - e;
                err += diff * diff;
                ref += e * e;
            }
            double rel = Math.sqrt(err) / Math.max(Math.sqrt(ref), Double.MIN_NORMAL);
            if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
            max = Math.max(max, rel);
            sum += rel;
        }
        return new PrefillCheck.Comparison(name, tokens, max, Double.isInfinite(sum) ? Double.POSITIVE_INFINITY : sum / tokens, tolerance);
    }

    /**
     * One pass over the whole prompt. Calibrating ({@code cal != null}): float32, generating each
     * layer's weights first and recording scales and noise; else with the precisions {@code int8}.
     */
    private static float[] pass(PrefillState s, Workspace w, boolean[][] int8, Set<Integer> shadowLayers, Calibration cal,
                                int hotChannels) {
        ModelSpec m = s.model();
        int p = s.promptTokens();
        int d = m.hiddenSize();
        int qw = m.queryWidth();
        int kvw = m.kvWidth();
        int ffn = m.ffnSize();
        int layers = m.layers();
        boolean calibrating = cal != null;
        HostMath.Attention att = s.attention();
        FloatBuffer x = w.x.slice(0, p * d);
        FloatBuffer h = w.h.slice(0, p * d);
        FloatBuffer q = w.q.slice(0, p * qw);
        FloatBuffer k = w.k.slice(0, p * kvw);
        FloatBuffer v = w.v.slice(0, p * kvw);
        FloatBuffer a = w.a.slice(0, p * qw);
        ByteBuffer aq = w.aq.slice(0, p * qw);
        ByteBuffer oq = w.oq.slice(0, p * d);
        FloatBuffer o = w.o.slice(0, p * d);
        FloatBuffer f = w.f.slice(0, p * d);
        FloatBuffer delta = w.delta.slice(0, p * d);
        s.embedPrompt(x, p);
        for (int l = 0; l < layers; l++) {
            if (calibrating && (l == 0 || s.weightLayers() > 1)) {
                Map<Linear, FloatBuffer> tmp = new EnumMap<>(Linear.class);
                w.layerF32.forEach((lin, lw) -> tmp.put(lin, lw.f32));
                s.generateLayer(s.weightLayers() > 1 ? l : 0, tmp);
            }
            PrefillState.LayerWeights lw = s.weights(l);
            PrefillState.LayerScales sc = s.scales(l);
            if (calibrating) cal.streamRms()[2 * l] = rms(x, p * d);
            Linears lin = new Linears(lw, calibrating ? w.layerF32 : null, int8 == null ? null : int8[l], w.inQ);
            if (l == 0) {
                s.norm(x, h, lw.normIn(), p);
                if (calibrating) cal.inNoise()[0] = observe(h, p * d, sc, Tensor.IN);
            }
            lin.apply(Linear.Q, h, q, sc.in, p);
            lin.apply(Linear.K, h, k, sc.in, p);
            HostKernels.rope(k, p, m.kvHeads(), m.headDim(), 0, (float) m.ropeTheta());
            lin.apply(Linear.V, h, v, sc.in, p);
            HostKernels.rope(q, p, m.attentionHeads(), m.headDim(), 0, (float) m.ropeTheta());
            for (int b0 = 0; b0 < p; b0 += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, p - b0);
                int context = b0 + rows;
                FloatBuffer scores = w.scores.slice(0, m.attentionHeads() * rows * context);
                HostMath.attentionScores(q.slice(b0 * qw, rows * qw), k, scores, w.attention, att, rows, b0, 0, context);
                HostKernels.softmaxRows(scores, m.attentionHeads() * rows, context);
                HostMath.attentionValues(scores, v, a.slice(b0 * qw, rows * qw), w.attention, att, rows, 0, context);
            }
            if (calibrating) cal.aNoise()[l] = calibrateAttentionOutput(s, w, l, a, p, hotChannels);
            boolean oInt8 = lin.int8(Linear.O);
            if (oInt8) {
                HostMath.quantize(a, aq, p * qw, sc.a);
                HostKernels.matmulInt8Requant(aq, lw.o().int8(), oq, p, qw, d, HostMath.requantScale(sc.a, lw.o().scale(), sc.o));
                HostMath.dequantize(oq, o, p * d, sc.o);
            } else {
                HostKernels.matmulF32(a, lin.f32(Linear.O), o, p, qw, d);
            }
            if (calibrating) {
                cal.oNoise()[l] = observe(o, p * d, sc, Tensor.O);
                cal.oRms()[l] = rms(o, p * d);
            }
            boolean shadow = oInt8 && shadowLayers.contains(l);
            if (shadow) {
                HostMath.shadowProduct(a, aq, sc.a, qw, sc.hot, sc.oHotRows, delta, w.shadow.forHot(sc.hot.length), p, d);
            }
            HostMath.addInPlace(x, o, p * d);
            if (calibrating) cal.streamRms()[2 * l + 1] = rms(x, p * d);
            if (!m.parallelAttentionMlp()) {
                s.norm(x, h, lw.normPost(), p);
                if (calibrating) cal.postNoise()[l] = observe(h, p * d, sc, Tensor.POST);
            } else if (calibrating) {
                sc.post = sc.in;
                cal.postNoise()[l] = cal.inNoise()[l];
            }
            double actMax = 0;
            double actSquares = 0;
            for (int b0 = 0; b0 < p; b0 += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, p - b0);
                FloatBuffer hb = h.slice(b0 * d, rows * d);
                FloatBuffer gate = w.gate.slice(0, rows * ffn);
                FloatBuffer up = w.up.slice(0, rows * ffn);
                FloatBuffer act = w.act.slice(0, rows * ffn);
                if (m.ffnKind() == FfnKind.PLAIN_GELU) {
                    lin.apply(Linear.UP, hb, up, sc.post, rows);
                    HostMath.gelu(up, act, rows * ffn);
                } else {
                    lin.apply(Linear.GATE, hb, gate, sc.post, rows);
                    lin.apply(Linear.UP, hb, up, sc.post, rows);
                    if (m.ffnKind() == FfnKind.GATED_SILU) HostKernels.siluGated(gate, up, act, rows * ffn);
                    else HostMath.geluGated(gate, up, act, rows * ffn);
                }
                if (calibrating) {
                    for (int i = 0; i < rows * ffn; i++) {
                        double val = act.get(i);
                        actMax = Math.max(actMax, Math.abs(val));
                        actSquares += val * val;
                    }
                }
                lin.apply(Linear.DOWN, act, f.slice(b0 * d, rows * d), sc.act, rows);
            }
            if (calibrating) {
                sc.act = HostMath.scaleOf(actMax);
                cal.actNoise()[l] = noise(sc.act, actSquares, (long) p * ffn);
            }
            if (calibrating) cal.fRms()[l] = rms(f, p * d);
            HostMath.addInPlace(x, f, p * d);
            if (l < layers - 1) {
                s.norm(x, h, s.weights(l + 1).normIn(), p);
                if (calibrating) cal.inNoise()[l + 1] = observe(h, p * d, s.scales(l + 1), Tensor.IN);
            }
            // the shadow's correction reaches the stream when the next subgraph starts, after the
            // next layer's Q/K/V were computed from the uncorrected stream (see Dataflow)
            if (shadow) HostMath.addInPlace(x, delta, p * d);
        }
        if (calibrating) cal.streamRms()[2 * layers] = rms(x, p * d);
        s.norm(x, h, s.finalNorm(), p);
        if (calibrating) {
            double max = 0;
            for (int i = 0; i < p * d; i++) max = Math.max(max, Math.abs(h.get(i)));
            s.setFinalScale(HostMath.scaleOf(max));
        }
        float[] out = new float[p * d];
        h.get(0, out);
        return out;
    }

    private enum Tensor { IN, O, POST }

    /** Sets the scale of an activation from its largest magnitude and returns its relative rounding noise. */
    private static double observe(FloatBuffer t, int count, PrefillState.LayerScales sc, Tensor which) {
        double max = 0;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double val = t.get(i);
            max = Math.max(max, Math.abs(val));
            squares += val * val;
        }
        float scale = HostMath.scaleOf(max);
        switch (which) {
            case IN -> sc.in = scale;
            case O -> sc.o = scale;
            case POST -> sc.post = scale;
        }
        return noise(scale, squares, count);
    }

    private static double rms(FloatBuffer t, int count) {
        double squares = 0;
        for (int i = 0; i < count; i++) squares += (double) t.get(i) * t.get(i);
        return Math.sqrt(squares / count);
    }

    private static double noise(float scale, double squares, long count) {
        double rms = Math.sqrt(squares / count);
        return rms > 0 ? scale / Math.sqrt(12) / rms : 0;
    }

    /**
     * The attention output's scale: hot channels (largest magnitudes) kept for the float side and
     * the clip at the largest magnitude of the others; without hot channels, plain max-abs. Copies
     * Wo's float rows of the hot channels for shadow layers. Returns the measured relative INT8
     * error of {@code a} (rounding and clipping).
     */
    private static double calibrateAttentionOutput(PrefillState s, Workspace w, int layer, FloatBuffer a, int p, int hotChannels) {
        ModelSpec m = s.model();
        int qw = m.queryWidth();
        PrefillState.LayerScales sc = s.scales(layer);
        double[] channelMax = new double[qw];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < qw; c++) channelMax[c] = Math.max(channelMax[c], Math.abs(a.get(r * qw + c)));
        }
        int hot = hotChannels < qw ? hotChannels : 0;
        Integer[] order = new Integer[qw];
        for (int c = 0; c < qw; c++) order[c] = c;
        // largest first; ties by channel so the choice is deterministic
        java.util.Arrays.sort(order, (x, y) -> channelMax[x] != channelMax[y] ? Double.compare(channelMax[y], channelMax[x]) : x - y);
        int[] hotSet = new int[hot];
        for (int e = 0; e < hot; e++) hotSet[e] = order[e];
        java.util.Arrays.sort(hotSet);
        double clip = channelMax[order[0]];
        if (hot > 0) clip = mseOptimalClip(a, p * qw, channelMax[order[hot]], channelMax[order[0]]);
        sc.a = HostMath.scaleOf(clip);
        sc.hot = hotSet;
        if (sc.oHotRows != null) {
            FloatBuffer wo = w.layerF32.get(Linear.O).f32;
            int d = m.hiddenSize();
            for (int e = 0; e < hot; e++) sc.oHotRows.put(e * d, wo, hotSet[e] * d, d);
        }
        double err = 0;
        double ref = 0;
        for (int i = 0; i < p * qw; i++) {
            float val = a.get(i);
            double diff = val - HostMath.quantize(val, sc.a) * sc.a;
            err += diff * diff;
            ref += (double) val * val;
        }
        return ref > 0 ? Math.sqrt(err / ref) : 0;
    }

    /**
     * The clip c in [{@code low}, {@code max}] that minimises the expected squared INT8 error of
     * the {@code count} values of {@code t}: each value within ±c rounds with variance
     * (c/127)²/12, each beyond loses (|v| − c)². This is the usual MSE calibration of a clipped
     * scale; starting at {@code low} (the largest magnitude outside the hot channels) only hot
     * channels are clipped. Searched over a histogram of {@value #CLIP_BINS} bins: deterministic,
     * O(count + bins) time, O(bins) memory.
     */
    static double mseOptimalClip(FloatBuffer t, int count, double low, double max) {
        if (max <= low || max <= 0) return max;
        long[] n = new long[CLIP_BINS];
        double[] sum = new double[CLIP_BINS];
        double[] squares = new double[CLIP_BINS];
        for (int i = 0; i < count; i++) {
            double v = Math.abs(t.get(i));
            int b = Math.min((int) (v / max * CLIP_BINS), CLIP_BINS - 1);
            n[b]++;
            sum[b] += v;
            squares[b] += v * v;
        }
        // suffix sums: values in bins >= b
        long above = 0;
        double aboveSum = 0;
        double aboveSquares = 0;
        double best = Double.POSITIVE_INFINITY;
        double bestClip = max;
        for (int b = CLIP_BINS - 1; b >= 0; b--) {
            double clip = (double) (b + 1) * max / CLIP_BINS;
            if (clip < low) break;
            // values in bins > b lie above this clip
            double excess = aboveSquares - 2 * clip * aboveSum + clip * clip * above;
            double step = clip / 127;
            double error = (count - above) * step * step / 12 + excess;
            if (error < best) {
                best = error;
                bestClip = clip;
            }
            above += n[b];
            aboveSum += sum[b];
            aboveSquares += squares[b];
        }
        return Math.max(bestClip, low);
    }

    /** A layer's linears under one precision assignment (null: all float32, from {@code calibration}'s weights). */
    private record Linears(PrefillState.LayerWeights stored, Map<Linear, LinearWeights> calibration, boolean[] int8, ByteBuffer inQ) {
        boolean int8(Linear l) {
            return int8 != null && int8[l.ordinal()];
        }

        FloatBuffer f32(Linear l) {
            LinearWeights w = calibration != null ? calibration.get(l) : stored.linears().get(l);
            if (w.f32() == null) throw new IllegalStateException("no float32 weights of " + PrefillState.name(l) + " were prepared");
            return w.f32();
        }

        void apply(Linear l, FloatBuffer in, FloatBuffer out, float inScale, int rows) {
            if (int8(l)) {
                HostMath.linear(in, out, stored.linears().get(l), true, inScale, inQ, rows);
            } else {
                LinearWeights w = calibration != null ? calibration.get(l) : stored.linears().get(l);
                if (w.f32() == null) throw new IllegalStateException("no float32 weights of " + PrefillState.name(l) + " were prepared");
                HostMath.linear(in, out, w, false, inScale, inQ, rows);
            }
        }
    }
}
