package org.hetsched.profiles.format;

/** The range a number in an input file must lie in; every rule also excludes NaN and infinities. */
public enum NumberRule {
    NON_NEGATIVE("must be >= 0"),
    POSITIVE("must be > 0"),
    FRACTION("must be in [0, 1]"),
    AT_LEAST_ONE("must be >= 1");

    private final String expectation;

    NumberRule(String expectation) {
        this.expectation = expectation;
    }

    boolean accepts(double value) {
        return switch (this) {
            case NON_NEGATIVE -> value >= 0;
            case POSITIVE -> value > 0;
            case FRACTION -> value >= 0 && value <= 1;
            case AT_LEAST_ONE -> value >= 1;
        };
    }

    String expectation() {
        return expectation;
    }
}
