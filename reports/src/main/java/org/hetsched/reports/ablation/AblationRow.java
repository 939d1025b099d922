package org.hetsched.reports.ablation;

import java.util.List;
import java.util.OptionalDouble;
import org.hetsched.core.Units;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.sweep.SimulationResult;

/**
 * One simulated step of an {@link Ablation}.
 *
 * @param step                the step
 * @param request             the workload it ran, as {@code hetsched simulate} would be asked for it
 * @param result              the run
 * @param speedupOverPrevious this step's tokens/s over the previous step's; empty for the first step
 * @param speedupOverCpu      this step's tokens/s over the first (CPU) step's
 */
public record AblationRow(AblationStep step, WorkloadRequest request, SimulationResult result, OptionalDouble speedupOverPrevious,
                          double speedupOverCpu) {

    /** Prompt tokens per second of prefill, as the run's {@code Metrics.tokensPerSecond()} gives it. */
    public double tokensPerSecond() {
        return result.metrics().tokensPerSecond();
    }

    /** The run's makespan in ms, from its {@code Metrics}. */
    public double makespanMs() {
        return Units.nsToMs(result.metrics().makespanNs());
    }

    /** Tokens per chunk of the run. */
    public int chunkTokens() {
        return request.chunkTokens();
    }

    /** The layers whose activation outliers are kept (a CPU shadow task each), ascending; empty when the plan has none. */
    public List<Integer> shadowLayers() {
        return result.workload().shadowLayers().stream().sorted().toList();
    }
}
