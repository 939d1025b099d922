package org.hetsched.artefacts.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.OpStep;
import org.hetsched.core.graph.Tensor;
import org.hetsched.core.graph.TensorRef;

/**
 * Turns the ops of one task (an NPU subgraph of llm.npu: O projection, dequantise, residual add,
 * RMSNorm, FFN gate/up/SiLU-gated product/down, residual add, next layer's norm and Q/K/V) into an
 * ONNX model that QNN's HTP accepts: INT8 linears in QDQ form and float ops decomposed into plain
 * ONNX ops.
 *
 * <h2>Ops</h2>
 * <ul>
 *   <li>LINEAR m×k·k×n: {@code QuantizeLinear → DequantizeLinear} on the input,
 *       {@code DequantizeLinear} on INT8 weights, {@code MatMul}, {@code QuantizeLinear →
 *       DequantizeLinear} on the output. Weights are drawn from N(0, 1/k) and quantised per tensor,
 *       symmetric (scale = max|w| / 127, zero point 0). Activations are INT8, per tensor,
 *       symmetric, scale = max|x| / 127 of the reference values, so nothing clips.</li>
 *   <li>DEQUANTIZE right after a LINEAR: the linear's output {@code DequantizeLinear} (the INT8 →
 *       float step llm.npu places after its INT8 matmuls). Anywhere else it is unsupported.</li>
 *   <li>QUANTIZE: a {@code QuantizeLinear → DequantizeLinear} round trip of the tensor it reads.</li>
 *   <li>ELEMENTWISE (the residual add): {@code Add} of its two tensors (the residual stream and a
 *       block's output), written as the new residual stream.</li>
 *   <li>NORM: RMSNorm of the residual stream as {@code Mul(x, x) → ReduceMean(last axis) →
 *       Add(eps) → Sqrt → Div(x, ·) → Mul(γ)}, γ drawn from U[0.5, 1.5), eps the model's norm
 *       epsilon. LayerNorm models get RMSNorm too, as on the host backend.</li>
 *   <li>ACTIVATION: SiLU as {@code Sigmoid → Mul}; a gated step ({@link OpStep#gatedActivation()}:
 *       SwiGLU, GeGLU) is the gated form SiLU(gate)·up, else SiLU of its one input. GELU variants
 *       are computed as SiLU, as on the host backend: the emulated HTP of onnxruntime-qnn 2.7.0
 *       fails to finalise a float {@code Gelu} (QNN_COMMON_ERROR_MEM_ALLOC).</li>
 * </ul>
 * Inputs follow the ops' tensors ({@link Op#reads()}, {@link Op#writes()}): an op reads the value
 * an earlier op of the task wrote to that tensor (so Q, K, V, gate and up share the norm's output),
 * or else a new graph input {@code op<i>.<label>.input} (the O projection's attention output); the
 * residual stream's graph input is {@code hidden_in}. Graph outputs are every op result no later op
 * reads, plus the last residual stream. Inputs are drawn from N(0, 1). Everything is seeded.
 *
 * <h2>Names</h2>
 * Node {@code op<i>.<label>.<part>} implements {@code ops.get(i)} (e.g. {@code op4.ffn_gate.matmul}),
 * so a per-node profile maps back to hetsched ops with {@link #opIndex}. The tensor holding op i's
 * result is {@code op<i>.<label>}.
 *
 * <h2>Expected error</h2>
 * Alongside the float reference (exact float arithmetic, unquantised weights, double accumulation)
 * every value carries a first-order prediction of the standard deviation of |run − reference| per
 * element, propagated op by op with every rounding modelled as an independent error uniform over
 * ± half a step (variance step²/12): a quantiser of scale s adds s²/12; a linear turns input
 * variances v and the weights' s<sub>w</sub>²/12 into Σ<sub>k</sub> v<sub>ik</sub>(w<sub>kj</sub>² + s<sub>w</sub>²/12)
 * + x<sub>ik</sub>² s<sub>w</sub>²/12; an add sums variances; RMSNorm y = γx/r propagates through its
 * Jacobian (γ<sub>j</sub>/r)(δ<sub>jl</sub> − x<sub>j</sub>x<sub>l</sub>/(n r²)); SiLU through its derivative; a product
 * as a²v<sub>b</sub> + b²v<sub>a</sub> + v<sub>a</sub>v<sub>b</sub>. Float ops may run in FP16 (the HTP does by default):
 * every float node's output gets a relative rounding of u = 2<sup>−11</sup> (variance (u·y)²/3; graph
 * inputs and dequantised values too), a transcendental ({@code Sigmoid}, {@code Sqrt}) 4u;
 * reductions are assumed to accumulate in at least FP32. A run is consistent with the model when
 * each element is within a few standard deviations (tests use 6σ); worst-case interval bounds
 * are no use here, as they grow with k per linear instead of √k and exceed the values after three
 * linears.
 *
 * <p>Cost: building runs the reference, O(Σ MACs) twice (values and variances), and holds the model
 * (INT8 weights) plus every intermediate value in memory. Stateless; safe to share.
 */
public final class SubgraphModels {
    /** Unit roundoff of IEEE FP16 (10 stored mantissa bits): round-to-nearest is within u·|x|. */
    static final double FP16_UNIT_ROUNDOFF = 0x1p-11;
    /** Unit roundoff of FP32, for reductions. */
    static final double FP32_UNIT_ROUNDOFF = 0x1p-24;
    /** Relative error allowed to a transcendental (Sigmoid, Sqrt) in FP16: a few ulps. */
    static final double TRANSCENDENTAL_ROUNDING = 4 * FP16_UNIT_ROUNDOFF;
    /** INT8 symmetric range: −127..127 (−128 unused, so the range is symmetric). */
    static final int INT8_MAX = 127;
    /** The residual stream's graph input. */
    public static final String HIDDEN_INPUT = "hidden_in";

    private static final Pattern NODE_NAME = Pattern.compile("^op(\\d+)\\.");

    private SubgraphModels() {
    }

    /** Why these ops cannot become a model, or {@code null} if they can. */
    public static String unsupported(List<Op> ops) {
        if (ops.isEmpty()) return "the task has no ops";
        int m = ops.get(0).m();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            switch (op.kind()) {
                case LINEAR, NORM, ELEMENTWISE, ACTIVATION, QUANTIZE -> {
                }
                case DEQUANTIZE -> {
                    if (i == 0 || ops.get(i - 1).kind() != OpKind.LINEAR) {
                        return "op " + op.label() + " (DEQUANTIZE) does not follow a LINEAR op, so it has no INT8 result to dequantise";
                    }
                }
                default -> {
                    return "op " + op.label() + " of kind " + op.kind() + " has no ONNX form here (supported: LINEAR, DEQUANTIZE,"
                            + " QUANTIZE, ELEMENTWISE, NORM, ACTIVATION)";
                }
            }
            if (op.batch() != 1) return "op " + op.label() + " has batch " + op.batch() + "; only batch 1 is supported";
            if (op.m() != m) return "op " + op.label() + " has " + op.m() + " rows but op " + ops.get(0).label() + " has " + m;
            if (op.step() == OpStep.PROBE) return "op " + i + " (" + op.kind() + ") is a probe: it names no tensors to wire";
        }
        return null;
    }

    /**
     * The model of {@code ops}; equal ops, epsilon and seed give an equal model.
     *
     * @param name        graph name, e.g. the subgraph and shape class
     * @param normEpsilon the model's norm epsilon ({@link org.hetsched.core.model.ModelSpec#normEpsilon()})
     * @throws IllegalArgumentException if {@link #unsupported} gives a reason
     */
    public static SubgraphModel build(String name, List<Op> ops, double normEpsilon, long seed) {
        String reason = unsupported(ops);
        if (reason != null) throw new IllegalArgumentException("cannot build an ONNX model of " + name + ": " + reason);
        return new Builder(name, ops, (float) normEpsilon, new Random(seed)).build();
    }

    /**
     * The index of the op that ONNX node {@code nodeName} implements, read from its
     * {@code op<i>.} prefix, or −1 for a node of no op (QNN's own "Input"/"Output" nodes). Suffixes
     * QNN appends ({@code /duplicated}) do not matter.
     */
    public static int opIndex(String nodeName) {
        Matcher m = NODE_NAME.matcher(nodeName);
        if (!m.find()) return -1;
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A tensor in the graph with its reference values and error variances, row-major [rows, cols]. */
    private record Value(String tensor, int rows, int cols, float[] ref, double[] var) {
    }

    /** One model build; single-threaded. */
    private static final class Builder {
        private final String name;
        private final List<Op> ops;
        private final Random random;
        private final OnnxModelBuilder onnx;
        private final List<String> nodeNames = new ArrayList<>();
        private final List<SubgraphModel.Input> inputs = new ArrayList<>();
        /** Op results in production order, by tensor name. */
        private final Map<String, Value> results = new LinkedHashMap<>();
        private final Set<String> consumed = new HashSet<>();
        /** The latest value written to each tensor by an op of this task. */
        private final Map<TensorRef, Value> values = new HashMap<>();
        private boolean hiddenUpdated;
        private final float normEpsilon;

        Builder(String name, List<Op> ops, float normEpsilon, Random random) {
            this.name = name;
            this.ops = ops;
            this.normEpsilon = normEpsilon;
            this.random = random;
            this.onnx = new OnnxModelBuilder(name);
        }

        SubgraphModel build() {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                String prefix = "op" + i + "." + sanitize(op.label());
                switch (op.kind()) {
                    case LINEAR -> {
                        boolean dequantizedByNext = i + 1 < ops.size() && ops.get(i + 1).kind() == OpKind.DEQUANTIZE;
                        String dequantNode = dequantizedByNext ? "op" + (i + 1) + "." + sanitize(ops.get(i + 1).label()) + ".dequantize"
                                : prefix + ".dequantize_output";
                        String resultTensor = dequantizedByNext ? "op" + (i + 1) + "." + sanitize(ops.get(i + 1).label()) : prefix;
                        Value x = read(op.reads().get(0), prefix + ".input", op.k());
                        Value y = linear(prefix, x, op.n(), dequantNode, resultTensor);
                        produced(op, y);
                    }
                    case DEQUANTIZE -> {
                        // emitted with the linear before it
                    }
                    case QUANTIZE -> {
                        Value x = read(op.reads().get(0), prefix + ".input", op.n());
                        Value q = quantizeDequantize(x, prefix + ".quantize", prefix + ".dequantize", prefix, prefix);
                        produced(op, q);
                    }
                    case ELEMENTWISE -> {
                        Value a = read(op.reads().get(0), prefix + ".input", op.n());
                        Value b = read(op.reads().get(1), prefix + ".input", op.n());
                        Value sum = add(prefix + ".add", prefix, a, b);
                        if (op.writes().contains(TensorRef.of(Tensor.HIDDEN))) hiddenUpdated = true;
                        produced(op, sum);
                    }
                    case NORM -> {
                        Value y = rmsNorm(prefix, read(op.reads().get(0), prefix + ".input", op.n()));
                        produced(op, y);
                    }
                    case ACTIVATION -> produced(op, activation(prefix, op));
                    default -> throw new IllegalStateException("unsupported op kind " + op.kind() + " passed the check");
                }
            }
            List<SubgraphModel.Output> outputs = new ArrayList<>();
            for (Value v : results.values()) {
                boolean lastHidden = hiddenUpdated && v == values.get(TensorRef.of(Tensor.HIDDEN));
                if (!consumed.contains(v.tensor) || lastHidden) {
                    onnx.output(v.tensor, OnnxDataType.FLOAT, v.rows, v.cols);
                    double[] std = new double[v.var.length];
                    for (int i = 0; i < std.length; i++) std[i] = Math.sqrt(v.var[i]);
                    outputs.add(new SubgraphModel.Output(v.tensor, v.rows, v.cols, v.ref, std));
                }
            }
            return new SubgraphModel(name, ops, onnx.build(), inputs, outputs, nodeNames);
        }

        /** Records {@code v} as the op's result and the new value of every tensor it writes. */
        private void produced(Op op, Value v) {
            results.put(v.tensor, v);
            for (TensorRef t : op.writes()) values.put(t, v);
        }

        /**
         * The value an earlier op wrote to {@code tensor}, or a new graph input of {@code cols}
         * columns: {@code hidden_in} for the residual stream, {@code inputName} otherwise.
         */
        private Value read(TensorRef tensor, String inputName, int cols) {
            Value v = values.get(tensor);
            if (v == null) {
                v = graphInput(tensor.tensor() == Tensor.HIDDEN ? HIDDEN_INPUT : inputName, ops.get(0).m(), cols);
                values.put(tensor, v);
            }
            return use(v);
        }

        private Value use(Value v) {
            consumed.add(v.tensor);
            return v;
        }

        private Value graphInput(String tensor, int rows, int cols) {
            float[] values = new float[rows * cols];
            double[] var = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
                var[i] = relativeRounding(values[i], FP16_UNIT_ROUNDOFF);
            }
            onnx.input(tensor, OnnxDataType.FLOAT, rows, cols);
            inputs.add(new SubgraphModel.Input(tensor, rows, cols, values));
            return new Value(tensor, rows, cols, values, var);
        }

        private void node(String opType, String nodeName, List<String> in, String out, OnnxAttribute... attributes) {
            onnx.node(opType, nodeName, in, List.of(out), attributes);
            nodeNames.add(nodeName);
        }

        /** QuantizeLinear → DequantizeLinear with an INT8 per-tensor scale from the reference range. */
        private Value quantizeDequantize(Value x, String quantNode, String dequantNode, String paramPrefix, String resultTensor) {
            float scale = scaleOf(x.ref);
            String s = paramPrefix + ".scale";
            String z = paramPrefix + ".zero_point";
            onnx.initializer(Initializer.floatScalar(s, scale));
            onnx.initializer(Initializer.int8Scalar(z, (byte) 0));
            String q = quantNode + "_out";
            node("QuantizeLinear", quantNode, List.of(x.tensor, s, z), q);
            node("DequantizeLinear", dequantNode, List.of(q, s, z), resultTensor);
            double step = (double) scale * scale / 12;
            double[] var = new double[x.var.length];
            for (int i = 0; i < var.length; i++) var[i] = x.var[i] + step + relativeRounding(x.ref[i], FP16_UNIT_ROUNDOFF);
            return new Value(resultTensor, x.rows, x.cols, x.ref, var);
        }

        private Value linear(String prefix, Value x, int n, String dequantNode, String resultTensor) {
            int k = x.cols;
            int m = x.rows;
            float[] w = new float[k * n];
            double std = 1.0 / Math.sqrt(k);
            for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() * std);
            float ws = scaleOf(w);
            byte[] wq = new byte[w.length];
            for (int i = 0; i < w.length; i++) wq[i] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(w[i] / ws)));
            onnx.initializer(Initializer.int8(prefix + ".weight", new long[] {k, n}, wq));
            onnx.initializer(Initializer.floatScalar(prefix + ".weight_scale", ws));
            onnx.initializer(Initializer.int8Scalar(prefix + ".weight_zero_point", (byte) 0));
            String wdq = prefix + ".dequantize_weight_out";
            node("DequantizeLinear", prefix + ".dequantize_weight",
                    List.of(prefix + ".weight", prefix + ".weight_scale", prefix + ".weight_zero_point"), wdq);
            Value xq = quantizeDequantize(x, prefix + ".quantize_input", prefix + ".dequantize_input", prefix + ".input",
                    prefix + ".dequantize_input_out");
            String mm = prefix + ".matmul_out";
            node("MatMul", prefix + ".matmul", List.of(xq.tensor, wdq), mm);
            float[] y = new float[m * n];
            double[] var = new double[m * n];
            double[] acc = new double[n];
            double[] err = new double[n];
            double wVar = (double) ws * ws / 12;
            for (int i = 0; i < m; i++) {
                Arrays.fill(acc, 0);
                Arrays.fill(err, 0);
                double sumSq = 0;
                for (int kk = 0; kk < k; kk++) {
                    double xv = x.ref[i * k + kk];
                    double xVar = xq.var[i * k + kk];
                    sumSq += xv * xv;
                    int base = kk * n;
                    for (int j = 0; j < n; j++) {
                        double wv = w[base + j];
                        acc[j] += xv * wv;
                        err[j] += xVar * (wv * wv + wVar);
                    }
                }
                for (int j = 0; j < n; j++) {
                    y[i * n + j] = (float) acc[j];
                    var[i * n + j] = err[j] + sumSq * wVar;
                }
            }
            Value product = new Value(mm, m, n, y, var);
            return quantizeDequantize(product, prefix + ".quantize_output", dequantNode, prefix + ".output", resultTensor);
        }

        private Value add(String nodeName, String resultTensor, Value a, Value b) {
            node("Add", nodeName, List.of(a.tensor, b.tensor), resultTensor);
            float[] y = new float[a.ref.length];
            double[] var = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = a.ref[i] + b.ref[i];
                var[i] = a.var[i] + b.var[i] + relativeRounding(y[i], FP16_UNIT_ROUNDOFF);
            }
            return new Value(resultTensor, a.rows, a.cols, y, var);
        }

        private Value rmsNorm(String prefix, Value x) {
            int m = x.rows;
            int n = x.cols;
            float[] gamma = new float[n];
            for (int j = 0; j < n; j++) gamma[j] = (float) (0.5 + random.nextDouble());
            onnx.initializer(Initializer.floats(prefix + ".gamma", new long[] {n}, gamma));
            if (!onnx.hasInitializer("norm.axes")) onnx.initializer(Initializer.int64("norm.axes", new long[] {1}, -1));
            if (!onnx.hasInitializer("norm.eps")) onnx.initializer(Initializer.floatScalar("norm.eps", normEpsilon));
            node("Mul", prefix + ".square", List.of(x.tensor, x.tensor), prefix + ".square_out");
            node("ReduceMean", prefix + ".mean", List.of(prefix + ".square_out", "norm.axes"), prefix + ".mean_out",
                    OnnxAttribute.of("keepdims", 1L));
            node("Add", prefix + ".add_eps", List.of(prefix + ".mean_out", "norm.eps"), prefix + ".add_eps_out");
            node("Sqrt", prefix + ".sqrt", List.of(prefix + ".add_eps_out"), prefix + ".sqrt_out");
            node("Div", prefix + ".divide", List.of(x.tensor, prefix + ".sqrt_out"), prefix + ".divide_out");
            node("Mul", prefix + ".scale", List.of(prefix + ".divide_out", prefix + ".gamma"), prefix);
            // square, mean (FP32 accumulation), add, sqrt (transcendental, halves its input's relative error), divide, scale, γ in FP16
            double rounding = (3 * FP16_UNIT_ROUNDOFF + n * FP32_UNIT_ROUNDOFF) / 2 + TRANSCENDENTAL_ROUNDING + 3 * FP16_UNIT_ROUNDOFF;
            float[] y = new float[m * n];
            double[] var = new double[m * n];
            for (int i = 0; i < m; i++) {
                double sumSq = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    double v = x.ref[i * n + j];
                    sumSq += v * v;
                    weighted += v * v * x.var[i * n + j];
                }
                double r = Math.sqrt(sumSq / n + normEpsilon);
                double nr2 = n * r * r;
                for (int j = 0; j < n; j++) {
                    double v = x.ref[i * n + j];
                    double vj = x.var[i * n + j];
                    double out = v / r * gamma[j];
                    y[i * n + j] = (float) out;
                    // Jacobian row (γ_j / r)(δ_jl − x_j x_l / (n r²)) applied to independent input errors
                    double diagonal = 1 - v * v / nr2;
                    double offDiagonal = v / nr2;
                    double g2 = (double) gamma[j] * gamma[j] / (r * r);
                    var[i * n + j] = g2 * (diagonal * diagonal * vj + offDiagonal * offDiagonal * (weighted - v * v * vj))
                            + relativeRounding(out, rounding);
                }
            }
            return new Value(prefix, m, n, y, var);
        }

        private Value activation(String prefix, Op op) {
            int n = op.n();
            boolean gated = op.step().gatedActivation();
            // gated: reads (gate, up); plain: reads its one input, which plays the gate's part below
            Value up = gated ? read(op.reads().get(1), prefix + ".up.input", n) : null;
            Value gate = read(op.reads().get(0), prefix + (gated ? ".gate" : "") + ".input", n);
            node("Sigmoid", prefix + ".sigmoid", List.of(gate.tensor), prefix + ".sigmoid_out");
            String siluTensor = gated ? prefix + ".silu_out" : prefix;
            node("Mul", prefix + ".silu", List.of(gate.tensor, prefix + ".sigmoid_out"), siluTensor);
            if (gated) node("Mul", prefix + ".gate", List.of(siluTensor, up.tensor), prefix);
            float[] y = new float[gate.ref.length];
            double[] var = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                double g = gate.ref[i];
                double sigmoid = 1 / (1 + Math.exp(-g));
                double silu = g * sigmoid;
                double derivative = sigmoid * (1 + g * (1 - sigmoid));
                double siluVar = derivative * derivative * gate.var[i]
                        + relativeRounding(silu, TRANSCENDENTAL_ROUNDING + FP16_UNIT_ROUNDOFF);
                if (gated) {
                    double u = up.ref[i];
                    double out = silu * u;
                    y[i] = (float) out;
                    var[i] = silu * silu * up.var[i] + u * u * siluVar + siluVar * up.var[i]
                            + relativeRounding(out, FP16_UNIT_ROUNDOFF);
                } else {
                    y[i] = (float) silu;
                    var[i] = siluVar;
                }
            }
            return new Value(prefix, gate.rows, gate.cols, y, var);
        }
    }

    /** The variance of rounding {@code value} with relative error up to {@code relative}: uniform over ±relative·|value|. */
    static double relativeRounding(double value, double relative) {
        double half = relative * value;
        return half * half / 3;
    }

    /** Per-tensor symmetric INT8 scale: max|v| / 127, or 1 for an all-zero tensor (a scale must be positive). */
    static float scaleOf(float[] values) {
        double max = 0;
        for (float v : values) max = Math.max(max, Math.abs(v));
        return max == 0 ? 1f : (float) (max / INT8_MAX);
    }

    /** Keeps node names safe for the profiling CSV (no commas, colons or spaces). */
    static String sanitize(String label) {
        return label.replaceAll("[^A-Za-z0-9_\\-]", "_");
    }
}
