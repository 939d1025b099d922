package org.hetsched.artefacts.onnx;


/** The element types hetsched's models use, with their {@code TensorProto.DataType} codes from onnx.proto. */
public enum OnnxDataType {
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    INT64(7, 8);

    private final int code;
    private final int bytes;

    OnnxDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The {@code TensorProto.DataType} value. */
    public int code() {
        return code;
    }

    /** Bytes per element in {@code raw_data}. */
    public int bytes() {
        return bytes;
    }
}
