package org.hetsched.reports.reproduce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.hetsched.core.Median;
import org.hetsched.core.UserInputException;
import org.hetsched.core.Units;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.scheduler.PolicyOptions;

/**
 * Every target of a set predicted on one device profile, with its error: the comparison
 * {@code hetsched reproduce} prints and the residuals a profile fit minimises
 * ({@link #weightedSquaredLogError()}). Each configuration is resolved by the one workload resolver
 * and run by {@link Simulation#run} with the policies' default options, exactly as
 * {@code hetsched simulate} runs it; a configuration shared by several rows runs once. A prompt
 * range is predicted as the mean of the metric over {@link Target#promptSamples()}. Deterministic.
 *
 * @param targets     the set predicted
 * @param device      the profile every row was simulated on, or {@code null} for each row's own device
 * @param predictions one per target, in file order
 */
public record Reproduction(TargetSet targets, String device, List<TargetPrediction> predictions) {

    public Reproduction {
        predictions = List.copyOf(predictions);
    }

    /**
     * Predicts every target.
     *
     * @param device a device profile name or path for every row, or {@code null} for each row's own device
     * @throws org.hetsched.core.UserInputException if {@code device} cannot be resolved (nothing is returned)
     */
    public static Reproduction predict(TargetSet targets, String device) {
        Map<Run, Metrics> runs = new HashMap<>();
        return predict(targets, device, run -> runs.computeIfAbsent(run,
                r -> Simulation.run(r.request(), r.policy(), PolicyOptions.DEFAULTS).metrics()));
    }

    /**
     * One simulation a prediction needs: a configuration and the policy that schedules it.
     *
     * @param request the configuration at one prompt length
     * @param policy  the policy's name, run with its default options
     */
    public record Run(WorkloadRequest request, String policy) {
    }

    /**
     * The distinct simulations {@link #predict(TargetSet, String)} runs for {@code targets}, in the
     * order it first needs them: what a caller that runs them itself (in parallel, on a profile held
     * in memory) must provide to {@link #predict(TargetSet, String, Function)}.
     */
    public static List<Run> runs(TargetSet targets, String device) {
        Set<Run> runs = new LinkedHashSet<>();
        predict(targets, device, run -> {
            runs.add(run);
            return null;
        });
        return List.copyOf(runs);
    }

    /**
     * Predicts every target from the metrics {@code runs} gives for each simulation (called once per
     * target and prompt length, from this thread, in file order).
     *
     * @param runs the metrics of one run; {@code null} only while listing the runs ({@link #runs})
     */
    public static Reproduction predict(TargetSet targets, String device, Function<Run, Metrics> runs) {
        Map<String, Double> byId = new HashMap<>();
        ModelResolver models = new ModelResolver();
        boolean listing = false;
        for (Target t : targets.targets()) {
            if (t.metric().kind() == TargetMetric.Kind.RATIO) continue;
            ModelSpec model = models.resolve(t.model());
            List<Integer> shadow = t.shadow().layers(model.layers());
            double sum = 0;
            List<Integer> samples = t.promptSamples();
            for (int prompt : samples) {
                WorkloadRequest request = t.request(prompt, device, shadow);
                Metrics m = runs.apply(new Run(request, t.policy()));
                if (m == null) listing = true;
                else sum += value(t.metric(), m);
            }
            byId.put(t.id(), sum / samples.size());
        }
        if (listing) return null;
        List<TargetPrediction> predictions = new ArrayList<>();
        for (Target t : targets.targets()) {
            double predicted = t.metric().kind() == TargetMetric.Kind.RATIO
                    ? byId.get(t.metric().numerator()) / byId.get(t.metric().denominator()) : byId.get(t.id());
            predictions.add(TargetPrediction.of(t, predicted));
        }
        return new Reproduction(targets, device, predictions);
    }

    /** The metric's value in one run. */
    private static double value(TargetMetric metric, Metrics m) {
        return switch (metric.kind()) {
            case PREFILL_MS -> Units.nsToMs(m.prefillNs());
            case TOKENS_PER_SECOND -> m.tokensPerSecond();
            case BUBBLE_RATE -> m.bubbleRate();
            case BUSY_MS -> Units.nsToMs(busyNs(m, metric.processor()));
            case RATIO -> throw new IllegalStateException("a ratio is not a metric of one run: " + metric);
        };
    }

    private static long busyNs(Metrics m, String processor) {
        for (ProcessorUsage u : m.processors()) {
            if (u.processor().equals(processor)) return u.busyNs();
        }
        // the reader checked the row's device; a device given for every row may lack it
        throw new UserInputException("the device simulated has no processor '" + processor + "' (it has "
                + String.join(", ", m.processors().stream().map(ProcessorUsage::processor).toList()) + ")");
    }

    /** The rows that count in the summary: a published value and a weight &gt; 0. */
    public List<TargetPrediction> weighted() {
        return predictions.stream().filter(TargetPrediction::weighted).toList();
    }

    /** Median |relative error| over {@link #weighted()} rows; empty if there are none. */
    public OptionalDouble medianAbsoluteError() {
        List<Double> errors = weighted().stream().map(p -> Math.abs(p.relativeError().getAsDouble())).toList();
        return errors.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Median.of(errors));
    }

    /** Largest |relative error| over {@link #weighted()} rows; empty if there are none. */
    public OptionalDouble maxAbsoluteError() {
        return weighted().stream().mapToDouble(p -> Math.abs(p.relativeError().getAsDouble())).max();
    }

    /**
     * Σ weight · (ln predicted/published)² over {@link #weighted()} rows, the objective of a profile
     * fit; {@code +Infinity} if a weighted prediction is not &gt; 0 (no log error exists).
     */
    public double weightedSquaredLogError() {
        double sum = 0;
        for (TargetPrediction p : weighted()) {
            if (p.logError().isEmpty()) return Double.POSITIVE_INFINITY;
            double e = p.logError().getAsDouble();
            sum += p.target().weight() * e * e;
        }
        return sum;
    }
}
