package org.hetsched.profiles.format;

/**
 * One measured latency of an op shape, in the shape convention of {@link org.hetsched.core.graph.Op}
 * ({@code batch × (m×k · k×n)}; element-wise kinds have {@code k = 1}).
 *
 * @param latencyNs measured latency, ns, &gt; 0
 * @param source    id of the profile's {@code sources} entry for this number
 */
public record CostPoint(int batch, int m, int k, int n, double latencyNs, String source) {

    public CostPoint {
        if (batch <= 0 || m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("point dimensions must be > 0, got batch=" + batch + " m=" + m + " k=" + k + " n=" + n);
        }
        if (!(latencyNs > 0) || !Double.isFinite(latencyNs)) {
            throw new IllegalArgumentException("point latency must be finite and > 0 ns, got " + latencyNs);
        }
        if (source == null || source.isBlank()) throw new IllegalArgumentException("every cost point needs a source");
    }

    /** Whether this point has the shape {@code (batch, m, k, n)}. */
    public boolean hasShape(int batch, int m, int k, int n) {
        return this.batch == batch && this.m == m && this.k == k && this.n == n;
    }
}
