package org.hetsched.artefacts.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void encodesAVarintFieldAsTheProtobufDocumentationDoes() {
        // field 1 = 150: tag 0x08, then 150 as the varint 0x96 0x01
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varint(1, 150).toByteArray());
    }

    @Test
    void encodesAStringFieldWithItsLength() {
        assertArrayEquals(bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'), new ProtoWriter().string(2, "testing").toByteArray());
    }

    @Test
    void encodesAnEmbeddedMessageAsALengthDelimitedField() {
        ProtoWriter inner = new ProtoWriter().varint(1, 150);
        assertArrayEquals(bytes(0x1a, 0x03, 0x08, 0x96, 0x01), new ProtoWriter().message(3, inner).toByteArray());
    }

    @Test
    void encodesANegativeIntAsTenBytes() {
        assertArrayEquals(bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
                new ProtoWriter().varint(1, -1).toByteArray());
    }

    @Test
    void encodesAFloatAsFourLittleEndianBytes() {
        // field 2, wire type 5; 1.0f = 0x3f800000
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3f), new ProtoWriter().float32(2, 1.0f).toByteArray());
    }

    @Test
    void encodesLargeFieldNumbersAndZeroValuesAndEmptyBytes() {
        // field 20 = 2 (AttributeProto.type INT): tag 20 << 3 = 160 = 0xa0 0x01
        assertArrayEquals(bytes(0xa0, 0x01, 0x02), new ProtoWriter().varint(20, 2).toByteArray());
        assertArrayEquals(bytes(0x08, 0x00), new ProtoWriter().varint(1, 0).toByteArray());
        assertArrayEquals(bytes(0x0a, 0x00), new ProtoWriter().string(1, "").toByteArray());
        assertArrayEquals(new byte[0], new ProtoWriter().toByteArray());
    }

    @Test
    void rejectsFieldNumberZero() {
        assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().varint(0, 1));
    }
}
