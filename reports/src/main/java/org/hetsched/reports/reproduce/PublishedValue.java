package org.hetsched.reports.reproduce;

import java.util.OptionalDouble;

/**
 * A published number: one value, or a range such as "18–44%" (written {@code low..high}; an
 * empty high, {@code low..}, means "more than low").
 *
 * @param low  the value, or the range's low end
 * @param high the value, or the range's high end ({@code +Infinity} when open)
 */
public record PublishedValue(double low, double high) {

    public PublishedValue {
        if (!(low > 0) || Double.isNaN(high) || high < low) {
            throw new IllegalArgumentException("a published value must be > 0 with low <= high, got " + low + ".." + high);
        }
    }

    /**
     * Reads a value cell: a number, {@code low..high} or {@code low..}.
     *
     * @throws IllegalArgumentException with what would be accepted
     */
    public static PublishedValue parse(String text) {
        try {
            int dots = text.indexOf("..");
            if (dots < 0) {
                double v = Double.parseDouble(text);
                return new PublishedValue(v, v);
            }
            double low = Double.parseDouble(text.substring(0, dots));
            String rest = text.substring(dots + 2);
            return new PublishedValue(low, rest.isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(rest));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("value '" + text + "' is not a number > 0, LOW..HIGH or LOW.. (LOW > 0, HIGH >= LOW)");
        }
    }

    public boolean isRange() {
        return high != low;
    }

    /** Whether {@code predicted} lies within the range (for one value: equals it). */
    public boolean contains(double predicted) {
        return predicted >= low && predicted <= high;
    }

    /**
     * Relative error of {@code predicted}: {@code predicted / value - 1}; for a range, 0 inside it and
     * measured from the nearer end outside it.
     */
    public double relativeError(double predicted) {
        return predicted / nearest(predicted) - 1;
    }

    /** {@code ln(predicted / value)}, measured as {@link #relativeError}; empty when the prediction is not &gt; 0. */
    public OptionalDouble logError(double predicted) {
        return predicted > 0 ? OptionalDouble.of(Math.log(predicted / nearest(predicted))) : OptionalDouble.empty();
    }

    /** The value an error of {@code predicted} is measured from: the value, or for a range its nearer end, or {@code predicted} inside it. */
    public double nearest(double predicted) {
        return Math.min(Math.max(predicted, low), high);
    }

    @Override
    public String toString() {
        if (!isRange()) return number(low);
        return number(low) + ".." + (Double.isInfinite(high) ? "" : number(high));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
