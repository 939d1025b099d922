package org.hetsched.artefacts.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * One attribute of a node ({@code AttributeProto}): a float, an int, a string or a list of ints.
 * Build one with {@link #of(String, long)}, {@link #of(String, float)}, {@link #of(String, String)}
 * or {@link #ints(String, long...)}.
 *
 * @param name        the attribute name, e.g. "keepdims"
 * @param kind        which of the value fields holds the value
 * @param intValue    for {@link Kind#INT}
 * @param floatValue  for {@link Kind#FLOAT}
 * @param stringValue for {@link Kind#STRING}, else null
 * @param intsValue   for {@link Kind#INTS}, else empty
 */
public record OnnxAttribute(String name, Kind kind, long intValue, float floatValue, String stringValue, long[] intsValue) {

    /** The attribute types used here, with their {@code AttributeProto.AttributeType} codes. */
    public enum Kind {
        FLOAT(1),
        INT(2),
        STRING(3),
        INTS(7);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    public OnnxAttribute {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an attribute needs a name");
        if (kind == null) throw new IllegalArgumentException("attribute " + name + " needs a kind");
        if (kind == Kind.STRING && stringValue == null) throw new IllegalArgumentException("string attribute " + name + " needs a value");
        intsValue = intsValue == null ? new long[0] : intsValue.clone();
    }

    public static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, Kind.INT, value, 0f, null, null);
    }

    public static OnnxAttribute of(String name, float value) {
        return new OnnxAttribute(name, Kind.FLOAT, 0, value, null, null);
    }

    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, Kind.STRING, 0, 0f, value, null);
    }

    public static OnnxAttribute ints(String name, long... values) {
        return new OnnxAttribute(name, Kind.INTS, 0, 0f, null, values);
    }

    @Override
    public long[] intsValue() {
        return intsValue.clone();
    }

    /** {@code AttributeProto}: name = 1, f = 2, i = 3, s = 4, ints = 8, type = 20. */
    ProtoWriter encode() {
        ProtoWriter a = new ProtoWriter().string(1, name);
        switch (kind) {
            case FLOAT -> a.float32(2, floatValue);
            case INT -> a.varint(3, intValue);
            case STRING -> a.string(4, stringValue);
            case INTS -> {
                for (long v : intsValue) a.varint(8, v);
            }
            default -> throw new IllegalStateException("unhandled attribute kind " + kind);
        }
        return a.varint(20, kind.code());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxAttribute other && name.equals(other.name) && kind == other.kind && intValue == other.intValue
                && Float.compare(floatValue, other.floatValue) == 0 && Objects.equals(stringValue, other.stringValue)
                && Arrays.equals(intsValue, other.intsValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, intValue, floatValue, stringValue) * 31 + Arrays.hashCode(intsValue);
    }

    @Override
    public String toString() {
        String value = switch (kind) {
            case FLOAT -> Float.toString(floatValue);
            case INT -> Long.toString(intValue);
            case STRING -> '"' + stringValue + '"';
            case INTS -> Arrays.toString(intsValue);
        };
        return name + "=" + value;
    }
}
