package org.hetsched.core.graph;

/**
 * Shadow-outlier execution parameters of a plan.
 *
 * @param keptLayerFraction   fraction of layers whose outliers are kept (the rest are pruned)
 * @param hotChannelsPerLayer outlier channels multiplied in float per shadowed linear
 * @param source              where the two numbers come from
 */
public record ShadowSettings(double keptLayerFraction, int hotChannelsPerLayer, String source) {

    public ShadowSettings {
        if (!(keptLayerFraction >= 0 && keptLayerFraction <= 1)) {
            throw new IllegalArgumentException("kept layer fraction must be in [0, 1], got " + keptLayerFraction);
        }
        if (hotChannelsPerLayer <= 0) {
            throw new IllegalArgumentException("hot channels per layer must be > 0, got " + hotChannelsPerLayer);
        }
    }

    /** How many of {@code layers} keep their outliers: the fraction, rounded to nearest. */
    public int keptLayers(int layers) {
        return (int) Math.round(keptLayerFraction * layers);
    }
}
