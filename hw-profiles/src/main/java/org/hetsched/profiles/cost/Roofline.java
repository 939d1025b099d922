package org.hetsched.profiles.cost;

import org.hetsched.core.Units;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.profiles.format.AnalyticCosts;

/**
 * The analytic latency of an op on one (processor, dtype), from the profile's roofline parameters
 * (see {@link AnalyticCosts}):
 * <ul>
 *   <li>matrix-multiply kinds: {@code fixed + max(batch·max(m, minRows)·k·n / macRate,
 *       batch·(m·k + k·n + m·n)·bytes / bandwidth)};</li>
 *   <li>the other kinds: {@code fixed + 2·batch·m·n·bytes / bandwidth} (read and write every
 *       element once).</li>
 * </ul>
 * With an attention curve ({@link AnalyticCosts.Attention}, only when asked for), ATTENTION_SCORE
 * and ATTENTION_VALUE ops use {@code macRate(L) = attentionMacRate / (1 + L / halfRateContext)}
 * in the compute term instead, L the op's key/value length (n of a score, k of a value product);
 * the fixed cost and the memory term stay the matmul roofline's.
 * For fixed batch, k and n the latency never falls as m grows, and its elasticity
 * {@code d ln A / d ln m} never falls either (the fixed part weighs less, and of the two roofline
 * terms the faster-growing one wins); {@link RatioCorrectedCurve} relies on both. Immutable.
 */
final class Roofline {

    private final DType dtype;
    private final double matmulFixedNs;
    private final double macsPerNs;
    private final double matmulBytesPerNs;
    private final double minRows;
    private final double elementwiseFixedNs;
    private final double elementwiseBytesPerNs;
    /** MACs per ns of the attention matmuls as L tends to 0, or 0 without an attention curve. */
    private final double attentionMacsPerNs;
    private final double halfRateContextTokens;

    /** The roofline of {@code costs}, without its attention curve. */
    Roofline(AnalyticCosts costs) {
        this(costs, false);
    }

    /**
     * @param attentionCurve price the attention matmuls by {@code costs}' attention curve (ignored
     *                       when it has none)
     */
    Roofline(AnalyticCosts costs, boolean attentionCurve) {
        this.dtype = costs.dtype();
        this.matmulFixedNs = costs.matmul().fixedNs().value();
        this.macsPerNs = Units.perSecondToPerNs(costs.matmul().macsPerSecond().value());
        this.matmulBytesPerNs = Units.perSecondToPerNs(costs.matmul().bytesPerSecond().value());
        this.minRows = costs.matmul().minRows();
        this.elementwiseFixedNs = costs.elementwise().fixedNs().value();
        this.elementwiseBytesPerNs = Units.perSecondToPerNs(costs.elementwise().bytesPerSecond().value());
        AnalyticCosts.Attention attention = attentionCurve ? costs.attention() : null;
        this.attentionMacsPerNs = attention == null ? 0 : Units.perSecondToPerNs(attention.macsPerSecond().value());
        this.halfRateContextTokens = attention == null ? 0 : attention.halfRateContextTokens().value();
    }

    /** Latency in ns, finite and &gt; 0 for dimensions &ge; 1. */
    double latencyNs(OpKind kind, int batch, int m, int k, int n) {
        int bytes = dtype.bytes();
        if (kind.matmul()) {
            double computeNs = (double) batch * Math.max(m, minRows) * k * n / macRatePerNs(kind, k, n);
            double memoryNs = (double) batch * ((double) m * k + (double) k * n + (double) m * n) * bytes / matmulBytesPerNs;
            return matmulFixedNs + Math.max(computeNs, memoryNs);
        }
        return elementwiseFixedNs + 2.0 * batch * m * n * bytes / elementwiseBytesPerNs;
    }

    /** The compute rate of a matmul of this kind and shape, MACs per ns. */
    private double macRatePerNs(OpKind kind, int k, int n) {
        if (attentionMacsPerNs == 0) return macsPerNs;
        // the key/value length: the score's output width, the value product's reduction
        int contextTokens = switch (kind) {
            case ATTENTION_SCORE -> n;
            case ATTENTION_VALUE -> k;
            default -> 0;
        };
        return contextTokens == 0 ? macsPerNs : attentionMacsPerNs / (1 + contextTokens / halfRateContextTokens);
    }
}
