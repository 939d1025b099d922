package org.hetsched.reports.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.core.Units;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.reports.ablation.Ablation;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepConfig;
import org.hetsched.reports.sweep.SweepProgress;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.reports.sweep.SweepRunner;
import org.hetsched.scheduler.PolicyOptions;

/**
 * Everything {@code hetsched reproduce --out} reports on one device: the {@link Reproduction} of
 * a targets set, and the simulations behind its figures in the style of llm.npu's evaluation
 * (Xu et al., arXiv 2407.05858): prefill speed against prompt length for the models of the
 * targets' prefill latencies in llm.npu's configuration ({@link #speed}), and the ablation of two of
 * its models ({@link #ablations}). Every run goes through the one workload resolver and
 * {@code reports.sweep}, as {@code hetsched simulate} and {@code hetsched sweep} run it. Immutable;
 * deterministic.
 *
 * @param reproduction    the targets predicted on the device
 * @param device          the device profile every run used
 * @param latencyTargets  the targets drawn beside the speed curves: prefill latencies with one published
 *                        value and weight &gt; 0, in the curves' configuration (plan {@value #SPEED_PLAN},
 *                        policy {@value #SPEED_POLICY}, {@link #SPEED_CHUNK_TOKENS}-token chunks, the
 *                        plan's default shadow layers), in file order
 * @param speed           one sweep row per model of {@code latencyTargets} and prompt length of
 *                        {@link #SPEED_PROMPTS} that fits the model's context
 * @param ablations       the ablation of each of {@link #ABLATION_MODELS} at {@link #ABLATION_PROMPT_TOKENS} tokens
 */
public record ReproductionReport(Reproduction reproduction, String device, List<Target> latencyTargets, List<SweepRow> speed,
                                 List<Ablation> ablations) {

    /** The speed curves' plan: llm.npu's partition. */
    public static final String SPEED_PLAN = "llm.npu";
    /** The speed curves' policy: llm.npu's out-of-order rule. */
    public static final String SPEED_POLICY = "ooe";
    /** The speed curves' chunk: llm.npu's default. */
    public static final int SPEED_CHUNK_TOKENS = Ablation.DEFAULT_CHUNK_TOKENS;
    /** The speed curves' prompt lengths: powers of two across the paper's prompts (64 to 1024) and Table 5's workloads (up to 1672). */
    public static final List<Integer> SPEED_PROMPTS = List.of(64, 128, 256, 512, 1024, 2048);
    /** The models of the ablation figure: two of the three the paper's ablation names, the two in its Fig. 16. */
    public static final List<String> ABLATION_MODELS = List.of("qwen1.5-1.8b", "gemma-2b");
    /** The ablation's prompt: the length of the paper's Fig. 14 comparison, and the one the targets chose for §5. */
    public static final int ABLATION_PROMPT_TOKENS = 1024;

    public ReproductionReport {
        latencyTargets = List.copyOf(latencyTargets);
        speed = List.copyOf(speed);
        ablations = List.copyOf(ablations);
    }

    /**
     * A published prefill latency as a prefill speed: the mean of its prompt range over the latency.
     * The paper gives a workload's latency and its prompt range, not the lengths inside it; the
     * mean prompt over the mean latency is the speed of a workload whose prompts are spread evenly.
     *
     * @param target          the latency target
     * @param promptTokens    the mean of its prompt range
     * @param tokensPerSecond {@code promptTokens} / the published latency
     */
    public record PublishedSpeed(Target target, double promptTokens, double tokensPerSecond) {
    }

    /**
     * Predicts the targets and runs the figures' simulations on {@code device}.
     *
     * @param threads worker threads for the speed sweep, &ge; 1 (the results do not depend on it)
     * @throws UserInputException if the device cannot be resolved or a simulation refuses its input
     */
    public static ReproductionReport build(TargetSet targets, String device, int threads) {
        if (device == null) throw new IllegalArgumentException("a reproduction report needs one device for every run");
        Reproduction reproduction = Reproduction.predict(targets, device);
        List<Target> latency = targets.targets().stream().filter(ReproductionReport::inSpeedConfiguration).toList();
        List<SweepRow> speed = new ArrayList<>();
        ModelResolver models = new ModelResolver();
        for (String model : latency.stream().map(Target::model).distinct().toList()) {
            ModelSpec spec = models.resolve(model);
            List<Integer> prompts = SPEED_PROMPTS.stream()
                    .filter(p -> PrefillConfig.contextProblem(spec, p, SPEED_CHUNK_TOKENS) == null).toList();
            if (prompts.isEmpty()) continue;
            SweepConfig config = new SweepConfig("reproduction-speed", List.of(model), List.of(device), List.of(SPEED_PLAN), prompts,
                    List.of(SPEED_CHUNK_TOKENS), List.of(SPEED_POLICY), List.of(PolicyOptions.DEFAULTS.seed()), false,
                    PolicyOptions.DEFAULTS, null);
            speed.addAll(SweepRunner.run(config, Shard.ALL, threads, Map.of(), SweepProgress.NONE));
        }
        List<Ablation> ablations = new ArrayList<>();
        for (String model : ABLATION_MODELS) {
            ablations.add(Ablation.run(model, device, ABLATION_PROMPT_TOKENS, Ablation.DEFAULT_CHUNK_TOKENS));
        }
        return new ReproductionReport(reproduction, device, latency, speed, ablations);
    }

    /** {@link #latencyTargets} as speeds, in the same order. */
    public List<PublishedSpeed> publishedSpeeds() {
        List<PublishedSpeed> speeds = new ArrayList<>();
        for (Target t : latencyTargets) {
            double prompt = (t.promptMinTokens() + t.promptMaxTokens()) / 2.0;
            speeds.add(new PublishedSpeed(t, prompt, prompt / Units.nsToSeconds(Units.msToNs(t.published().low()))));
        }
        return speeds;
    }

    /** The predictions of the targets that measured a bubble rate and have a published value, in file order. */
    public List<TargetPrediction> bubbleRates() {
        return reproduction.predictions().stream()
                .filter(p -> p.target().metric().kind() == TargetMetric.Kind.BUBBLE_RATE && p.target().published() != null).toList();
    }

    private static boolean inSpeedConfiguration(Target t) {
        return t.metric().kind() == TargetMetric.Kind.PREFILL_MS && t.published() != null && !t.published().isRange()
                && t.weight() > 0 && SPEED_PLAN.equals(t.plan()) && SPEED_POLICY.equals(t.policy())
                && t.chunkTokens() == SPEED_CHUNK_TOKENS && t.shadow().equals(Shadow.DEFAULT);
    }
}
