package org.hetsched.backend.qnn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hetsched.artefacts.qnn.QnnExecution;

/**
 * One run of a {@link QnnSession}.
 *
 * @param wallNs    {@link System#nanoTime()} around ONNX Runtime's {@code run}: input hand-over, QNN
 *                  execution, profiling output, result copy
 * @param execution the QNN profiling rows this run wrote
 * @param outputs   output name → row-major values, in graph order; empty unless asked for
 */
public record QnnRun(long wallNs, QnnExecution execution, Map<String, float[]> outputs) {
    public QnnRun {
        if (wallNs < 0 || execution == null) throw new IllegalArgumentException("a run needs a wall time ≥ 0 and its execution");
        Map<String, float[]> copy = new LinkedHashMap<>();
        outputs.forEach((k, v) -> copy.put(k, v.clone()));
        outputs = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, float[]> outputs() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        outputs.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
