package org.hetsched.reports.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/**
 * llm.npu's ablation for one model, device and prompt: every {@link AblationStep} in order, each
 * resolved by the one workload resolver and run by {@link Simulation} with the policies' default
 * options, exactly as {@code hetsched simulate} runs the same plan, policy, prompt, chunk and
 * graph-preparation setting. Speedups are ratios of tokens/s, so whatever {@code Metrics} counts
 * in a prefill's time counts in them. Deterministic.
 *
 * @param model        model name or config path, as asked for
 * @param device       device profile name or path, as asked for
 * @param promptTokens real prompt tokens
 * @param chunkTokens  tokens per chunk of the chunked steps
 * @param rows         one per step, in {@link AblationStep} order
 */
public record Ablation(String model, String device, int promptTokens, int chunkTokens, List<AblationRow> rows) {

    /** The chunk length of the chunked steps unless one is asked for: llm.npu's default (arXiv 2407.05858, §3.2). */
    public static final int DEFAULT_CHUNK_TOKENS = 256;

    public Ablation {
        rows = List.copyOf(rows);
    }

    /**
     * Runs every step. Every step's workload is resolved before any runs, so a bad name or value
     * fails before any work.
     *
     * @throws UserInputException if the prompt or chunk is not &gt; 0, or a name, or the prompt's fit in the
     *                            model's context, is wrong (one line; nothing ran)
     */
    public static Ablation run(String model, String device, int promptTokens, int chunkTokens) {
        List<String> problems = new ArrayList<>();
        if (promptTokens <= 0) problems.add("prompt length must be > 0 tokens, got " + promptTokens);
        if (chunkTokens <= 0) problems.add("chunk size must be > 0 tokens, got " + chunkTokens);
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        List<Workload> workloads = new ArrayList<>();
        for (AblationStep step : AblationStep.values()) {
            // the steps share model, device and prompt: the first bad one reports what every later one would
            workloads.add(Workload.resolve(request(step, model, device, promptTokens, chunkTokens)));
        }
        List<AblationRow> rows = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            AblationStep step = AblationStep.values()[i];
            Workload workload = workloads.get(i);
            SimulationResult result = Simulation.run(workload, PolicyCatalog.create(step.policy(), PolicyOptions.DEFAULTS));
            double tokensPerSecond = result.metrics().tokensPerSecond();
            OptionalDouble overPrevious = rows.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(tokensPerSecond / rows.get(rows.size() - 1).tokensPerSecond());
            double overCpu = rows.isEmpty() ? 1 : tokensPerSecond / rows.get(0).tokensPerSecond();
            rows.add(new AblationRow(step, workload.request(), result, overPrevious, overCpu));
        }
        return new Ablation(model, device, promptTokens, chunkTokens, rows);
    }

    /** The request of {@code step}: what {@code hetsched simulate} is asked for to run the same step. */
    public static WorkloadRequest request(AblationStep step, String model, String device, int promptTokens, int chunkTokens) {
        return new WorkloadRequest(model, device, step.plan(), null, promptTokens, step.chunkTokens(promptTokens, chunkTokens),
                null, step.graphPreparation(), false);
    }

    /** The row of {@code step}. */
    public AblationRow row(AblationStep step) {
        return rows.get(step.ordinal());
    }
}
