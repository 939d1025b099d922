package org.hetsched.profiles.format;

import org.hetsched.core.graph.DType;

/**
 * Roofline parameters of one (processor, dtype): they price every op that has no measured point,
 * and shape the interpolation between measured points.
 *
 * @param processor   the processor's name in the profile
 * @param matmul      parameters for matrix-multiply op kinds
 * @param elementwise parameters for memory-bound op kinds
 * @param attention   the compute rate of the attention matmuls as a function of context length,
 *                    or {@code null} to price them with {@link Matmul#macsPerSecond}
 * @param linearReshapeSpeedup how many times faster than their priced shape the LINEAR ops of a
 *                    prefill run on this (processor, dtype), because the graph runs each in an
 *                    equivalent shape chosen offline; &ge; 1, or {@code null} for 1
 */
public record AnalyticCosts(String processor, DType dtype, Matmul matmul, Elementwise elementwise, Attention attention,
                            SourcedValue linearReshapeSpeedup) {

    public AnalyticCosts {
        if (processor == null || dtype == null || matmul == null || elementwise == null) {
            throw new IllegalArgumentException("analytic costs need processor, dtype, matmul and elementwise parameters");
        }
        if (linearReshapeSpeedup != null && !(linearReshapeSpeedup.value() >= 1)) {
            throw new IllegalArgumentException("linear reshape speedup must be >= 1, got " + linearReshapeSpeedup.value());
        }
    }

    /** Without a reshape speedup. */
    public AnalyticCosts(String processor, DType dtype, Matmul matmul, Elementwise elementwise, Attention attention) {
        this(processor, dtype, matmul, elementwise, attention, null);
    }

    /** Without an attention curve or a reshape speedup. */
    public AnalyticCosts(String processor, DType dtype, Matmul matmul, Elementwise elementwise) {
        this(processor, dtype, matmul, elementwise, null, null);
    }

    /** {@link #linearReshapeSpeedup} as a number, 1 when absent. */
    public double linearSpeedup() {
        return linearReshapeSpeedup == null ? 1 : linearReshapeSpeedup.value();
    }

    /**
     * The compute rate of ATTENTION_SCORE and ATTENTION_VALUE ops at key/value length L:
     * {@code macsPerSecond / (1 + L / halfRateContextTokens)} (half the rate at L =
     * halfRateContextTokens). A fittable curve, not a published figure.
     *
     * @param macsPerSecond         the rate as L tends to 0, MAC/s, &gt; 0
     * @param halfRateContextTokens the context length at which the rate halves, tokens, &gt; 0
     */
    public record Attention(SourcedValue macsPerSecond, SourcedValue halfRateContextTokens) {

        public Attention {
            if (macsPerSecond == null || macsPerSecond.value() <= 0) throw new IllegalArgumentException("attention MAC rate must be > 0");
            if (halfRateContextTokens == null || halfRateContextTokens.value() <= 0) {
                throw new IllegalArgumentException("attention half-rate context must be > 0 tokens");
            }
        }
    }

    /**
     * {@code latency = fixedNs + max(batch·max(m, minRowsPerPass)·k·n / macsPerSecond,
     * batch·(m·k + k·n + m·n)·dtypeBytes / bytesPerSecond)}.
     *
     * @param fixedNs        per-op fixed cost, ns, &ge; 0
     * @param macsPerSecond  effective multiply-accumulates per second, &gt; 0
     * @param bytesPerSecond effective memory bandwidth, bytes/s, &gt; 0
     * @param minRowsPerPass an op with fewer rows (m) costs as much as one with this many (an
     *                       under-filled matrix unit); any number &ge; 1 (a fitted fill point
     *                       is continuous); {@code null} means 1
     */
    public record Matmul(SourcedValue fixedNs, SourcedValue macsPerSecond, SourcedValue bytesPerSecond,
                         SourcedValue minRowsPerPass) {

        public Matmul {
            if (fixedNs == null || fixedNs.value() < 0) throw new IllegalArgumentException("matmul fixed cost must be >= 0 ns");
            if (macsPerSecond == null || macsPerSecond.value() <= 0) throw new IllegalArgumentException("MAC rate must be > 0");
            if (bytesPerSecond == null || bytesPerSecond.value() <= 0) throw new IllegalArgumentException("bandwidth must be > 0");
            if (minRowsPerPass != null && !(minRowsPerPass.value() >= 1)) {
                throw new IllegalArgumentException("min rows per pass must be >= 1, got " + minRowsPerPass.value());
            }
        }

        /** {@link #minRowsPerPass} as a number, 1 when absent. */
        public double minRows() {
            return minRowsPerPass == null ? 1 : minRowsPerPass.value();
        }
    }

    /**
     * {@code latency = fixedNs + 2·batch·m·n·dtypeBytes / bytesPerSecond} (every element read and
     * written once).
     *
     * @param fixedNs        per-op fixed cost, ns, &ge; 0
     * @param bytesPerSecond effective memory bandwidth, bytes/s, &gt; 0
     */
    public record Elementwise(SourcedValue fixedNs, SourcedValue bytesPerSecond) {

        public Elementwise {
            if (fixedNs == null || fixedNs.value() < 0) throw new IllegalArgumentException("element-wise fixed cost must be >= 0 ns");
            if (bytesPerSecond == null || bytesPerSecond.value() <= 0) throw new IllegalArgumentException("bandwidth must be > 0");
        }
    }
}
