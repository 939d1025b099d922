package org.hetsched.reports.reproduce;

/**
 * What a target measured, as a targets file names it: {@code prefillMs}, {@code tokensPerSecond},
 * {@code bubbleRate}, {@code busyMs:PROCESSOR} (the busy time of one processor, e.g.
 * {@code busyMs:npu}) or {@code ratio:A/B} (row A's prediction divided by row B's).
 *
 * @param kind      which quantity
 * @param processor the processor of {@link Kind#BUSY_MS}; {@code null} otherwise
 * @param numerator row id A of a {@link Kind#RATIO}; {@code null} otherwise
 * @param denominator row id B of a {@link Kind#RATIO}; {@code null} otherwise
 */
public record TargetMetric(Kind kind, String processor, String numerator, String denominator) {

    /** The quantities a target can measure. */
    public enum Kind {
        /** prefill latency (the makespan), ms */
        PREFILL_MS,
        /** real prompt tokens per second of prefill */
        TOKENS_PER_SECOND,
        /** idle fraction of the critical processor within the makespan */
        BUBBLE_RATE,
        /** time one processor spends running tasks, ms */
        BUSY_MS,
        /** one row's prediction divided by another's */
        RATIO
    }

    /**
     * Reads a metric cell.
     *
     * @throws IllegalArgumentException with what would be accepted, if the text is none of the forms
     */
    public static TargetMetric parse(String text) {
        switch (text) {
            case "prefillMs":
                return new TargetMetric(Kind.PREFILL_MS, null, null, null);
            case "tokensPerSecond":
                return new TargetMetric(Kind.TOKENS_PER_SECOND, null, null, null);
            case "bubbleRate":
                return new TargetMetric(Kind.BUBBLE_RATE, null, null, null);
            default:
                break;
        }
        if (text.startsWith("busyMs:") && text.length() > "busyMs:".length()) {
            return new TargetMetric(Kind.BUSY_MS, text.substring("busyMs:".length()), null, null);
        }
        if (text.startsWith("ratio:")) {
            String[] ids = text.substring("ratio:".length()).split("/", -1);
            if (ids.length == 2 && !ids[0].isBlank() && !ids[1].isBlank()) {
                return new TargetMetric(Kind.RATIO, null, ids[0].strip(), ids[1].strip());
            }
        }
        throw new IllegalArgumentException("unknown metric '" + text
                + "' (expected prefillMs, tokensPerSecond, bubbleRate, busyMs:PROCESSOR or ratio:ID/ID)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PREFILL_MS -> "prefillMs";
            case TOKENS_PER_SECOND -> "tokensPerSecond";
            case BUBBLE_RATE -> "bubbleRate";
            case BUSY_MS -> "busyMs:" + processor;
            case RATIO -> "ratio:" + numerator + "/" + denominator;
        };
    }
}
