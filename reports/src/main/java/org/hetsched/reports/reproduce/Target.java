package org.hetsched.reports.reproduce;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.profiles.load.WorkloadRequest;

/**
 * One measurement of a whole run to predict: a configuration, what was measured in it and the
 * published value. A ratio row has no configuration of its own: it divides the predictions of two
 * other rows. Immutable; built by {@link TargetReader}, which checks every field.
 *
 * @param id        unique name of the row (ratio rows refer to rows by it)
 * @param line      the line of the targets file it was read from (1-based), for messages
 * @param model     model name or config path; {@code null} for a ratio
 * @param device    device profile name or path; {@code null} for a ratio
 * @param plan      partition plan name or path; {@code null} for a ratio
 * @param policy    scheduling policy name; {@code null} for a ratio
 * @param chunkTokens tokens per chunk; 0 for a ratio
 * @param promptMinTokens shortest prompt of the range; 0 for a ratio
 * @param promptMaxTokens longest prompt of the range (equal to the shortest for one length); 0 for a ratio
 * @param shadow    which layers keep their outliers
 * @param metric    what was measured
 * @param published the published value, or {@code null} for a row that is only predicted (weight 0)
 * @param weight    weight in the summary and in a fit, &ge; 0
 * @param source    where the number was published (table, figure or section)
 * @param note      how the number was read and which settings were chosen where the source is silent
 */
public record Target(String id, int line, String model, String device, String plan, String policy, int chunkTokens,
                     int promptMinTokens, int promptMaxTokens, Shadow shadow, TargetMetric metric, PublishedValue published,
                     double weight, String source, String note) {

    /** How many evenly spaced prompt lengths stand for a prompt range (both ends included). */
    public static final int RANGE_SAMPLES = 9;

    /**
     * The prompt lengths a range is predicted at: {@link #RANGE_SAMPLES} evenly spaced lengths from
     * the shortest to the longest, both included and rounded to the nearest token, without
     * repeats (a narrow range has fewer); one length when the range is a single length.
     */
    public List<Integer> promptSamples() {
        List<Integer> samples = new ArrayList<>();
        for (int i = 0; i < RANGE_SAMPLES; i++) {
            int tokens = (int) Math.round(promptMinTokens + (double) i * (promptMaxTokens - promptMinTokens) / (RANGE_SAMPLES - 1));
            if (samples.isEmpty() || samples.get(samples.size() - 1) != tokens) samples.add(tokens);
        }
        return samples;
    }

    /**
     * The request for one prompt length of this row's configuration, simulated on {@code deviceOverride}
     * when given, else on the row's own device. Graph preparation and dispatch overhead stay off, as
     * in {@code hetsched simulate}'s defaults.
     *
     * @param shadowLayers the layers that keep their outliers, as {@link Shadow#layers} gives them
     */
    WorkloadRequest request(int promptTokens, String deviceOverride, List<Integer> shadowLayers) {
        return new WorkloadRequest(model, deviceOverride != null ? deviceOverride : device, plan, null, promptTokens,
                chunkTokens, shadowLayers, false, false);
    }
}
