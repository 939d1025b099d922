package org.hetsched.core.graph;

/** The part a subgraph plays in a chunk; roles decide the dependency rules that apply to it. */
public enum SubgraphRole {
    /** Embedding and anything before the first layer. */
    PROLOGUE,
    /**
     * Reads the K/V cache of its layer: besides its predecessor in the chunk it waits for the same
     * predecessor in every earlier chunk (the paper's Eq. 3).
     */
    ATTENTION,
    /** Weight-heavy linear/FFN work. */
    LINEAR,
    /**
     * Shadow-outlier correction: runs beside the subgraph just before it (same inputs), and the
     * subgraph after it waits for both.
     */
    SHADOW,
    /** Final norm and LM head. */
    EPILOGUE,
    /** A task of a graph that did not come from a partition plan. */
    GENERIC
}
