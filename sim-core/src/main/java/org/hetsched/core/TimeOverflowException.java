package org.hetsched.core;

/**
 * A time in the inputs (a duration, sync, transfer or graph preparation) or a simulated instant
 * derived from them does not fit in the engine's clock, {@link #MAX_TIME_NS}. The engine refuses
 * rather than wrap, and loaders refuse such values before a run. It is a user-input error: only
 * absurd input numbers (centuries of simulated time) get here.
 */
public final class TimeOverflowException extends UserInputException {
    private static final long serialVersionUID = 1L;

    /** The largest time the engine represents: a {@code long} of ns, about 292 years. */
    public static final long MAX_TIME_NS = Long.MAX_VALUE;

    public TimeOverflowException(String message) {
        super(message);
    }

    /** The limit as quoted in messages: "9223372036854775807 ns (about 292 years)". */
    public static String limit() {
        return MAX_TIME_NS + " ns (about " + MAX_TIME_NS / 31_556_952_000_000_000L + " years)";
    }
}
