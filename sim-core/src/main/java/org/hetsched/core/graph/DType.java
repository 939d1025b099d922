package org.hetsched.core.graph;

/** Numeric type an op computes in; it selects which cost curve prices the op. */
public enum DType {
    INT8(1),
    FP16(2),
    FP32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
