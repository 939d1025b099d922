package org.hetsched.core.platform;

/** The kinds of processor a mobile SoC offers for prefill. */
public enum ProcessorKind {
    NPU,
    CPU,
    GPU
}
