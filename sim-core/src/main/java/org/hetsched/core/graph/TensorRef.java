package org.hetsched.core.graph;

/**
 * One value of the dataflow: a tensor and, for per-layer tensors, its layer.
 *
 * @param tensor the value
 * @param layer  the decoder layer it belongs to, or −1 for tensors of the whole model
 *               ({@link Tensor#perLayer()} false)
 */
public record TensorRef(Tensor tensor, int layer) {

    public TensorRef {
        if (tensor == null) throw new IllegalArgumentException("tensor is required");
        if (tensor.perLayer() ? layer < 0 : layer != -1) {
            throw new IllegalArgumentException("tensor " + tensor + (tensor.perLayer() ? " needs a layer >= 0" : " has no layer")
                    + ", got " + layer);
        }
    }

    /** A tensor of the whole model (the residual stream, tokens, final output, logits). */
    public static TensorRef of(Tensor tensor) {
        return new TensorRef(tensor, -1);
    }

    /** {@code tensor} of {@code layer}. */
    public static TensorRef of(Tensor tensor, int layer) {
        return new TensorRef(tensor, layer);
    }

    /**
     * Reads {@link #toString()}'s form back: {@code "Q@3"} or {@code "HIDDEN"}.
     *
     * @throws IllegalArgumentException naming the text if it is neither
     */
    public static TensorRef parse(String text) {
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        Tensor tensor;
        try {
            tensor = Tensor.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tensor '" + name + "' in '" + text + "'", e);
        }
        if (at < 0) return new TensorRef(tensor, -1);
        try {
            return new TensorRef(tensor, Integer.parseInt(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tensor '" + text + "' has no layer number after '@'", e);
        }
    }

    @Override
    public String toString() {
        return tensor.perLayer() ? tensor + "@" + layer : tensor.name();
    }
}
