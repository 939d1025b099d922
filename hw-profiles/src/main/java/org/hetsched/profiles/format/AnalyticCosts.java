package org.hetsched.profiles.format;

import org.hetsched.core.graph.DType;

/**
 * Roofline parameters of one (processor, dtype): they price every op that has no measured point,
 * and shape the interpolation between measured points.
 *
 * @param processor   the processor's name in the profile
 * @param matmul      parameters for matrix-multiply op kinds
 * @param elementwise parameters for memory-bound op kinds
 */
public record AnalyticCosts(String processor, DType dtype, Matmul matmul, Elementwise elementwise) {

    public AnalyticCosts {
        if (processor == null || dtype == null || matmul == null || elementwise == null) {
            throw new IllegalArgumentException("analytic costs need processor, dtype, matmul and elementwise parameters");
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
     *                       under-filled matrix unit); {@code null} means 1
     */
    public record Matmul(SourcedValue fixedNs, SourcedValue macsPerSecond, SourcedValue bytesPerSecond,
                         SourcedValue minRowsPerPass) {

        public Matmul {
            if (fixedNs == null || fixedNs.value() < 0) throw new IllegalArgumentException("matmul fixed cost must be >= 0 ns");
            if (macsPerSecond == null || macsPerSecond.value() <= 0) throw new IllegalArgumentException("MAC rate must be > 0");
            if (bytesPerSecond == null || bytesPerSecond.value() <= 0) throw new IllegalArgumentException("bandwidth must be > 0");
            if (minRowsPerPass != null && (minRowsPerPass.value() < 1 || minRowsPerPass.value() != Math.rint(minRowsPerPass.value()))) {
                throw new IllegalArgumentException("min rows per pass must be an integer >= 1, got " + minRowsPerPass.value());
            }
        }

        /** {@link #minRowsPerPass} as a number, 1 when absent. */
        public int minRows() {
            return minRowsPerPass == null ? 1 : (int) minRowsPerPass.value();
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
