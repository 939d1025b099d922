package org.hetsched.core.graph;


/** The kinds of processor a mobile SoC offers for prefill. */
public enum ProcessorKind {
    NPU,
    CPU,
    GPU
}
