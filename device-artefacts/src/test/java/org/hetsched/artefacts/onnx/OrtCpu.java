package org.hetsched.artefacts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a model on ONNX Runtime's default CPU provider (no QNN needed), for tests. */
public final class OrtCpu {
    private OrtCpu() {
    }

    /** A float input of a given shape. */
    public record Feed(String name, float[] values, long... shape) {
    }

    /** Output name → row-major float values. */
    public static Map<String, float[]> run(byte[] model, List<Feed> feeds) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (Feed f : feeds) inputs.put(f.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(f.values()), f.shape()));
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(inputs)) {
                for (Map.Entry<String, OnnxValue> e : result) out.put(e.getKey(), ((OnnxTensor) e.getValue()).getFloatBuffer().array());
            }
            return out;
        } finally {
            for (OnnxTensor t : inputs.values()) t.close();
        }
    }

    /** The model's inputs fed with its own seeded values. */
    public static Map<String, float[]> run(SubgraphModel model) throws OrtException {
        return run(model.onnx(), model.inputs().stream().map(i -> new Feed(i.name(), i.values(), i.rows(), i.cols())).toList());
    }
}
