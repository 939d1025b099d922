package org.hetsched.reports.reproduce;

import java.util.OptionalDouble;

/**
 * What the simulator predicts for one target, and how far that is from the published value.
 *
 * @param target        the row
 * @param predicted     the prediction, in the metric's unit (a range row: the mean over its prompt samples)
 * @param relativeError {@link PublishedValue#relativeError}; empty for a row without a published value
 * @param logError      {@link PublishedValue#logError}; empty without a published value or a prediction &gt; 0
 */
public record TargetPrediction(Target target, double predicted, OptionalDouble relativeError, OptionalDouble logError) {

    /** The prediction of {@code target}, compared with its published value if it has one. */
    static TargetPrediction of(Target target, double predicted) {
        PublishedValue published = target.published();
        if (published == null) return new TargetPrediction(target, predicted, OptionalDouble.empty(), OptionalDouble.empty());
        return new TargetPrediction(target, predicted, OptionalDouble.of(published.relativeError(predicted)),
                published.logError(predicted));
    }

    /** Whether the row counts in the summary (and in a fit): a published value and a weight &gt; 0. */
    public boolean weighted() {
        return target.weight() > 0 && target.published() != null;
    }
}
