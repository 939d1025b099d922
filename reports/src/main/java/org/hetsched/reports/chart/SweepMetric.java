package org.hetsched.reports.chart;

import org.hetsched.core.Units;
import org.hetsched.reports.sweep.SweepResults;
import org.hetsched.reports.sweep.SweepRow;

/** A number of a {@link SweepRow} that a sweep chart plots, with its axis title and units. */
public enum SweepMetric {
    /** Prefill latency (makespan). */
    LATENCY_MS("latency (ms)", "latency (s)", true),
    /** Real prompt tokens per second of prefill. */
    TOKENS_PER_SECOND("prefill speed (tokens/s)", null, false),
    /** Prefill latency per real prompt token: padding is paid for but not counted. */
    MS_PER_TOKEN("per-token latency (ms/token)", "per-token latency (s/token)", true),
    /** Busy energy per real prompt token; defined only for rows with energy ({@link SweepRow#energyJPerPromptToken()}). */
    ENERGY_J_PER_TOKEN("energy per token (J/token)", null, true);

    private final String axisTitle;
    private final String secondsAxisTitle;
    private final boolean lowerIsBetter;

    SweepMetric(String axisTitle, String secondsAxisTitle, boolean lowerIsBetter) {
        this.axisTitle = axisTitle;
        this.secondsAxisTitle = secondsAxisTitle;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** Whether this metric is a time in ms that a chart may show in s instead (values 1000 times smaller). */
    public boolean isMilliseconds() {
        return secondsAxisTitle != null;
    }

    /**
     * Axis title for values in seconds, e.g. "latency (s)".
     *
     * @throws IllegalStateException if this metric is not a time ({@link #isMilliseconds()} is false)
     */
    public String secondsAxisTitle() {
        if (secondsAxisTitle == null) throw new IllegalStateException(this + " is not a time");
        return secondsAxisTitle;
    }

    /**
     * The value of this metric in {@code row}, in the unit of {@link #axisTitle()}.
     *
     * @throws IllegalStateException for {@link #ENERGY_J_PER_TOKEN} of a row without energy
     */
    public double of(SweepRow row) {
        return switch (this) {
            case LATENCY_MS -> Units.nsToMs(row.makespanNs());
            case TOKENS_PER_SECOND -> row.tokensPerSecond();
            case MS_PER_TOKEN -> Units.nsToMs(row.nsPerToken());
            case ENERGY_J_PER_TOKEN -> row.energyJPerPromptToken().orElseThrow(
                    () -> new IllegalStateException("no energy per token in " + SweepResults.keyOf(row)));
        };
    }

    /** Axis title with the unit, e.g. "latency (ms)". */
    public String axisTitle() {
        return axisTitle;
    }

    /** Whether the optimum of this metric is its minimum. */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
