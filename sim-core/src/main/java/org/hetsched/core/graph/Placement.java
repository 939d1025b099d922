package org.hetsched.core.graph;


/**
 * Where a subgraph may run and in which dtypes: weight matmuls use {@code linearDType}, every
 * other op {@code floatDType}.
 */
public record Placement(ProcessorKind processorKind, DType linearDType, DType floatDType) {

    public Placement {
        if (processorKind == null || linearDType == null || floatDType == null) {
            throw new IllegalArgumentException("placement needs processor kind, linear dtype and float dtype");
        }
    }

    /** The dtype an op of this kind computes in under this placement. */
    public DType dtypeOf(OpKind kind) {
        return kind == OpKind.LINEAR ? linearDType : floatDType;
    }
}
