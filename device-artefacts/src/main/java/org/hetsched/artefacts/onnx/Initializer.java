package org.hetsched.artefacts.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of a model (weights, scales, zero points), stored as ONNX {@code raw_data}:
 * the elements in row-major order, little-endian.
 *
 * @param name     the tensor's name in the graph
 * @param dataType element type
 * @param dims     static shape; empty for a scalar; every dimension ≥ 0
 * @param raw      {@code product(dims) · dataType.bytes()} bytes
 */
public record Initializer(String name, OnnxDataType dataType, long[] dims, byte[] raw) {

    public Initializer {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an initializer needs a name");
        if (dataType == null) throw new IllegalArgumentException("initializer " + name + " needs a data type");
        dims = dims.clone();
        long elements = 1;
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("initializer " + name + " has a negative dimension: " + Arrays.toString(dims));
            elements = Math.multiplyExact(elements, d);
        }
        if (raw.length != elements * dataType.bytes()) {
            throw new IllegalArgumentException("initializer " + name + " of shape " + Arrays.toString(dims) + " and type " + dataType
                    + " needs " + elements * dataType.bytes() + " bytes of data, got " + raw.length);
        }
        raw = raw.clone();
    }

    /** A float tensor; {@code values} row-major. */
    public static Initializer floats(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return new Initializer(name, OnnxDataType.FLOAT, dims, b.array());
    }

    /** A float scalar (shape {@code []}). */
    public static Initializer floatScalar(String name, float value) {
        return floats(name, new long[0], value);
    }

    /** An INT8 tensor; {@code values} row-major. */
    public static Initializer int8(String name, long[] dims, byte... values) {
        return new Initializer(name, OnnxDataType.INT8, dims, values);
    }

    /** An INT8 scalar (shape {@code []}), e.g. a zero point. */
    public static Initializer int8Scalar(String name, byte value) {
        return int8(name, new long[0], value);
    }

    /** A UINT8 tensor; each byte is read as 0..255. */
    public static Initializer uint8(String name, long[] dims, byte... values) {
        return new Initializer(name, OnnxDataType.UINT8, dims, values);
    }

    /** An INT64 tensor, e.g. the axes of a reduction. */
    public static Initializer int64(String name, long[] dims, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return new Initializer(name, OnnxDataType.INT64, dims, b.array());
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** {@code TensorProto}: dims = 1, data_type = 2, name = 8, raw_data = 9. */
    ProtoWriter encode() {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        return t.varint(2, dataType.code()).string(8, name).bytes(9, raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Initializer other && name.equals(other.name) && dataType == other.dataType
                && Arrays.equals(dims, other.dims) && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(dims)) + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Initializer[" + name + " " + dataType + " " + Arrays.toString(dims) + "]";
    }
}
