package org.hetsched.backend.replay;

import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.Trace;

/**
 * A measured replay.
 *
 * @param trace  measured start/end per task, relative to the run start; its cost table holds zero
 *               durations (see {@link ReplayCosts}), so the measured durations are the rows
 * @param events the profiling tree: run → task → op
 */
public record ReplayResult(Trace trace, ProfilingEvent events) {
    public ReplayResult {
        if (trace == null || events == null) throw new IllegalArgumentException("trace and events are required");
    }
}
