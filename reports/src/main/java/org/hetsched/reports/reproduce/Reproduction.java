package org.hetsched.reports.reproduce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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
        Map<WorkloadRequest, Map<String, Metrics>> runs = new HashMap<>();
        Map<String, Double> byId = new HashMap<>();
        ModelResolver models = new ModelResolver();
        for (Target t : targets.targets()) {
            if (t.metric().kind() == TargetMetric.Kind.RATIO) continue;
            ModelSpec model = models.resolve(t.model());
            List<Integer> shadow = t.shadow().layers(model.layers());
            double sum = 0;
            List<Integer> samples = t.promptSamples();
            for (int prompt : samples) {
                WorkloadRequest request = t.request(prompt, device, shadow);
                Metrics m = runs.computeIfAbsent(request, r -> new HashMap<>()).computeIfAbsent(t.policy(),
                        p -> Simulation.run(request, p, PolicyOptions.DEFAULTS).metrics());
                sum += value(t.metric(), m);
            }
            byId.put(t.id(), sum / samples.size());
        }
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
