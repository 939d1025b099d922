package org.hetsched.reports.trace;

import java.nio.file.Path;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;

/** Small runs shared by the trace tests: a prefill with the K/V rule, and a generic graph file. */
final class SmallRuns {
    /** Qwen1.5-1.8B on the Snapdragon 8 Gen 3, 100 tokens in 4 chunks of 32 (28 padded): a few hundred tasks. */
    static final WorkloadRequest PREFILL =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, 100, 32, null, false, false);

    private SmallRuns() {
    }

    static SimulationResult prefill(String policy) {
        return Simulation.run(PREFILL, policy, PolicyOptions.DEFAULTS);
    }

    /** The 10-task example of Topcuoglu et al. (examples/graphs), which has explicit edges only. */
    static SimulationResult graphFile(String policy) {
        String graph = Path.of("..", "examples", "graphs", "topcuoglu-2002.json").toString();
        WorkloadRequest request = new WorkloadRequest(null, null, null, graph, 0, 0, null, false, false);
        return Simulation.run(request, policy, PolicyOptions.DEFAULTS);
    }

    /** Arrows ChromeTrace draws: one per explicit edge, and per K/V consumer after chunk 0 one per producer of the chunk before. */
    static long expectedFlows(TaskGraph graph) {
        long flows = graph.explicitEdgeCount();
        KvRule kv = graph.kvRule();
        if (kv == null) return flows;
        for (int g = 0; g < kv.groupCount(); g++) flows += (long) kv.producersPerChunk(g) * (graph.chunks() - 1);
        return flows;
    }

    static LabelledTrace labelled(String label, SimulationResult result) {
        return new LabelledTrace(label, result.trace(), result.workload().model(), result.workload().device());
    }
}
