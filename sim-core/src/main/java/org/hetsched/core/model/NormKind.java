package org.hetsched.core.model;

/** Normalisation used before attention and the feed-forward block. */
public enum NormKind {
    RMS_NORM,
    LAYER_NORM
}
