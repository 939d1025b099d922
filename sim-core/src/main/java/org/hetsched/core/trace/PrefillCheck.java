package org.hetsched.core.trace;

/**
 * How far the final hidden states of a real run (the final norm's output of every real prompt
 * token) are from the two unchunked references a backend computes: whether a replay computed
 * the model correctly, reported beside its {@link SimulatedAndMeasured} timings.
 *
 * @param quantised against the unchunked computation with the same quantisation: must agree to
 *                  float rounding, so any ordering, K/V or layer bug shows here
 * @param float32   against the unchunked float32 computation: must agree within the quantisation
 *                  tolerance
 */
public record PrefillCheck(Comparison quantised, Comparison float32) {

    /** Whether both comparisons are within their tolerances. */
    public boolean passed() {
        return quantised.passed() && float32.passed();
    }

    /**
     * One comparison over the real prompt tokens. The relative error of token t is
     * {@code ||run_t − ref_t||₂ / ||ref_t||₂} over its hidden vector.
     *
     * @param reference          "quantised" or "float32"
     * @param tokens             real prompt tokens compared (padding rows are not)
     * @param maxRelativeError   largest per-token relative error
     * @param meanRelativeError  mean per-token relative error
     * @param tolerance          the bound {@code maxRelativeError} must not exceed (set by the backend's reference computation)
     */
    public record Comparison(String reference, int tokens, double maxRelativeError, double meanRelativeError, double tolerance) {
        public Comparison {
            if (tokens < 1 || !(tolerance > 0) || Double.isNaN(meanRelativeError)) {
                throw new IllegalArgumentException("bad comparison against " + reference + ": " + tokens + " tokens, tolerance "
                        + tolerance + ", mean " + meanRelativeError);
            }
        }

        /** Whether the largest per-token error is within the tolerance (false if it is NaN). */
        public boolean passed() {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: max %.3e, mean %.3e over %d tokens (tolerance %.3e, %s)", reference,
                    maxRelativeError, meanRelativeError, tokens, tolerance, passed() ? "passed" : "FAILED");
        }
    }
}
