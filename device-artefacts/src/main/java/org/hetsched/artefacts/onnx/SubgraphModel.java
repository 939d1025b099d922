package org.hetsched.artefacts.onnx;

import java.util.List;
import org.hetsched.core.graph.Op;

/**
 * The ONNX model of one task's ops, made by {@link SubgraphModels}, with the seeded inputs it runs
 * on and, per output, the float reference and the predicted spread of a quantised run around it.
 *
 * @param name      the graph name
 * @param ops       the hetsched ops it implements; ONNX node {@code op<i>.<label>.<part>} implements {@code ops.get(i)}
 * @param onnx      the encoded model
 * @param inputs    the graph inputs, in graph order, with their seeded values
 * @param outputs   the graph outputs, in graph order, with reference values and expected errors
 * @param nodeNames every ONNX node name, in graph order
 */
public record SubgraphModel(String name, List<Op> ops, byte[] onnx, List<Input> inputs, List<Output> outputs, List<String> nodeNames) {

    public SubgraphModel {
        ops = List.copyOf(ops);
        onnx = onnx.clone();
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodeNames = List.copyOf(nodeNames);
    }

    @Override
    public byte[] onnx() {
        return onnx.clone();
    }

    /** How many bytes the encoded model takes (without copying it). */
    public int onnxBytes() {
        return onnx.length;
    }

    /**
     * A float graph input of shape {@code [rows, cols]}.
     *
     * @param values row-major, seeded
     */
    public record Input(String name, int rows, int cols, float[] values) {
        public Input {
            if (values.length != rows * cols) throw new IllegalArgumentException("input " + name + " has " + values.length
                    + " values for shape [" + rows + ", " + cols + "]");
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }
    }

    /**
     * A float graph output of shape {@code [rows, cols]}.
     *
     * @param reference  row-major, what the model computes in exact float arithmetic with the
     *                   unquantised weights (accumulated in double)
     * @param errorStd   row-major, ≥ 0: the predicted standard deviation of (quantised run −
     *                   reference) per element, see {@link SubgraphModels}
     */
    public record Output(String name, int rows, int cols, float[] reference, double[] errorStd) {
        public Output {
            if (reference.length != rows * cols || errorStd.length != rows * cols) {
                throw new IllegalArgumentException("output " + name + " has " + reference.length + " reference values and "
                        + errorStd.length + " standard deviations for shape [" + rows + ", " + cols + "]");
            }
            reference = reference.clone();
            errorStd = errorStd.clone();
        }

        @Override
        public float[] reference() {
            return reference.clone();
        }

        @Override
        public double[] errorStd() {
            return errorStd.clone();
        }

        /**
         * The largest |values[i] − reference[i]| / errorStd[i] over the elements: how many predicted
         * standard deviations the worst element of a run is off. Elements with errorStd 0 count as
         * off by infinitely many unless they match exactly.
         */
        public double worstSigmas(float[] values) {
            if (values.length != reference.length) {
                throw new IllegalArgumentException("output " + name + " has " + reference.length + " elements, got " + values.length);
            }
            double worst = 0;
            for (int i = 0; i < values.length; i++) {
                double err = Math.abs((double) values[i] - reference[i]);
                if (err == 0) continue;
                worst = Math.max(worst, errorStd[i] == 0 ? Double.POSITIVE_INFINITY : err / errorStd[i]);
            }
            return worst;
        }
    }
}
