package org.hetsched.backend.qnn.direct;

import java.util.List;
import org.hetsched.core.trace.ProfilingEvent;

/**
 * One graph run through {@link QnnDirect}: the output, QNN's raw profiling events, and the
 * project's event tree built from them.
 *
 * @param output     the output tensor, row-major, as float (converted from the tensor's data type)
 * @param events     every profiling event of finalize and execution, depth-first
 * @param tree       the last execution as an {@link ProfilingEvent.Type#EXECUTE} root with its
 *                   {@link ProfilingEvent.Type#NODE} sub-events
 * @param finalizeNs wall time of {@code QnnGraph_finalize}
 * @param executeNs  wall time of the last {@code QnnGraph_execute}
 */
public record QnnDirectRun(float[] output, List<QnnDirectEvent> events, ProfilingEvent tree, long finalizeNs, long executeNs) {
    public QnnDirectRun {
        events = List.copyOf(events);
    }
}
