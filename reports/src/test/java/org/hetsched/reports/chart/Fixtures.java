package org.hetsched.reports.chart;

import java.util.List;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyCatalog;
import org.hetsched.scheduler.PolicyOptions;

/** Small inputs for chart tests. */
final class Fixtures {
    /** Qwen1.5-1.8B on sd8gen3 with llm.npu, 64 tokens in two chunks of 32: 110 tasks on npu, cpu, gpu. */
    static final WorkloadRequest SMALL =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 64, 32, null, false, false);

    private Fixtures() {
    }

    static Workload smallWorkload() {
        return Workload.resolve(SMALL);
    }

    /** The in-order schedule of {@link #SMALL}. */
    static Trace smallTrace() {
        Workload w = smallWorkload();
        return Simulation.trace(w, PolicyCatalog.create("in-order", PolicyOptions.DEFAULTS));
    }

    /** A sweep row with only the fields charts read filled in meaningfully. */
    static SweepRow row(String device, String policy, int promptTokens, int chunkTokens, double makespanMs) {
        long makespanNs = Math.round(makespanMs * 1e6);
        return new SweepRow("qwen1.5-1.8b", device, "llm.npu", policy, promptTokens, chunkTokens, 0, makespanNs,
                promptTokens / (makespanNs / 1e9), 0, 10, 0.25, makespanNs / 2, List.of("npu", "cpu"), List.of(0.75, 0.5));
    }
}
