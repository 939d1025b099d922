package org.hetsched.artefacts.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelBuilderTest {

    @Test
    void encodesAnIdentityModelByteForByte() {
        byte[] model = new OnnxModelBuilder("g")
                .input("X", OnnxDataType.FLOAT, 1)
                .output("Y", OnnxDataType.FLOAT, 1)
                .node("Identity", "n", List.of("X"), List.of("Y"))
                .build();
        String node = "0a0158" + "120159" + "1a016e" + "2208" + hex("Identity");
        String x = "0a0158" + "120a" + "0a08" + "0801" + "1204" + "0a020801";
        String y = "0a0159" + "120a" + "0a08" + "0801" + "1204" + "0a020801";
        String graph = "0a13" + node + "120167" + "5a0f" + x + "620f" + y;
        String expected = "080a" + "1208" + hex("hetsched") + "3a3a" + graph + "4204" + "0a00" + "1015";
        assertEquals(expected, HexFormat.of().formatHex(model));
    }

    @Test
    void identityModelRunsOnOnnxRuntime() throws Exception {
        byte[] model = new OnnxModelBuilder("g")
                .input("X", OnnxDataType.FLOAT, 2, 3)
                .output("Y", OnnxDataType.FLOAT, 2, 3)
                .node("Identity", "n", List.of("X"), List.of("Y"))
                .build();
        float[] x = {1, 2, 3, 4, 5, -6};
        assertArrayEquals(x, OrtCpu.run(model, List.of(new OrtCpu.Feed("X", x, 2, 3))).get("Y"));
    }

    @Test
    void attributesOfEveryKindReachOnnxRuntime() throws Exception {
        // INTS: Transpose perm; INT: ReduceMean keepdims; FLOAT: LeakyRelu alpha; STRING: Gelu approximate
        byte[] model = new OnnxModelBuilder("attrs")
                .input("X", OnnxDataType.FLOAT, 2, 3)
                .output("T", OnnxDataType.FLOAT, 3, 2)
                .output("M", OnnxDataType.FLOAT, 2)
                .output("L", OnnxDataType.FLOAT, 2, 3)
                .output("G", OnnxDataType.FLOAT, 2, 3)
                .initializer(Initializer.int64("axes", new long[] {1}, 1))
                .node("Transpose", "t", List.of("X"), List.of("T"), OnnxAttribute.ints("perm", 1, 0))
                .node("ReduceMean", "m", List.of("X", "axes"), List.of("M"), OnnxAttribute.of("keepdims", 0L))
                .node("LeakyRelu", "l", List.of("X"), List.of("L"), OnnxAttribute.of("alpha", 0.5f))
                .node("Gelu", "gelu", List.of("X"), List.of("G"), OnnxAttribute.of("approximate", "tanh"))
                .build();
        float[] x = {1, -2, 3, -4, 5, -6};
        Map<String, float[]> out = OrtCpu.run(model, List.of(new OrtCpu.Feed("X", x, 2, 3)));
        assertArrayEquals(new float[] {1, -4, -2, 5, 3, -6}, out.get("T"));
        assertArrayEquals(new float[] {2f / 3, -5f / 3}, out.get("M"), 1e-6f);
        assertArrayEquals(new float[] {1, -1, 3, -2, 5, -3}, out.get("L"));
        float[] g = out.get("G");
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double tanhGelu = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertEquals(tanhGelu, g[i], 1e-5, "gelu(" + v + ")");
        }
    }

    @Test
    void int8Uint8AndFloatInitializersDecodeAsStored() throws Exception {
        // DequantizeLinear: (q - zero point) * scale, per tensor
        byte[] model = new OnnxModelBuilder("dq")
                .input("X", OnnxDataType.FLOAT, 1, 3)
                .output("A", OnnxDataType.FLOAT, 1, 3)
                .output("B", OnnxDataType.FLOAT, 1, 3)
                .initializer(Initializer.int8("qa", new long[] {1, 3}, (byte) -127, (byte) 0, (byte) 5))
                .initializer(Initializer.floatScalar("sa", 0.5f))
                .initializer(Initializer.int8Scalar("za", (byte) 1))
                .initializer(Initializer.uint8("qb", new long[] {1, 3}, (byte) 0, (byte) 128, (byte) 255))
                .initializer(Initializer.floatScalar("sb", 2f))
                .initializer(new Initializer("zb", OnnxDataType.UINT8, new long[0], new byte[] {(byte) 128}))
                .initializer(Initializer.floats("bias", new long[] {1, 3}, 10, 20, 30))
                .node("DequantizeLinear", "dqa", List.of("qa", "sa", "za"), List.of("da"))
                .node("DequantizeLinear", "dqb", List.of("qb", "sb", "zb"), List.of("db"))
                .node("Add", "adda", List.of("da", "X"), List.of("A"))
                .node("Add", "addb", List.of("db", "bias"), List.of("B"))
                .build();
        Map<String, float[]> out = OrtCpu.run(model, List.of(new OrtCpu.Feed("X", new float[3], 1, 3)));
        assertArrayEquals(new float[] {-64, -0.5f, 2}, out.get("A"));
        assertArrayEquals(new float[] {10 - 256, 20, 30 + 254}, out.get("B"));
    }

    @Test
    void reportsEveryProblemOfABadGraphAtOnce() {
        OnnxModelBuilder b = new OnnxModelBuilder("bad")
                .input("X", OnnxDataType.FLOAT, 0, 2)
                .output("Y", OnnxDataType.FLOAT, 1)
                .output("Z", OnnxDataType.FLOAT, 1)
                .node("Add", "n", List.of("X", "missing"), List.of("Y"))
                .node("Relu", "n", List.of("X"), List.of("Y"));
        OnnxModelException e = assertThrows(OnnxModelException.class, b::build);
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("reads missing"), all);
        assertTrue(all.contains("node name n is used twice"), all);
        assertTrue(all.contains("tensor Y (output of node n) is defined twice"), all);
        assertTrue(all.contains("output Z is produced by no node"), all);
        assertTrue(all.contains("input X has a non-positive dimension"), all);
        assertEquals(5, e.problems().size(), all);
        assertTrue(e.getMessage().startsWith("ONNX graph bad is invalid"), e.getMessage());
    }

    @Test
    void rejectsANodeThatReadsALaterNodesOutput() {
        OnnxModelBuilder b = new OnnxModelBuilder("order")
                .input("X", OnnxDataType.FLOAT, 1)
                .output("Z", OnnxDataType.FLOAT, 1)
                .node("Relu", "second", List.of("Y"), List.of("Z"))
                .node("Relu", "first", List.of("X"), List.of("Y"));
        assertTrue(assertThrows(OnnxModelException.class, b::build).getMessage().contains("node second reads Y"));
    }

    @Test
    void rejectsAGraphWithoutOutputsAndADuplicateInitializer() {
        assertTrue(assertThrows(OnnxModelException.class, () -> new OnnxModelBuilder("empty").build()).getMessage().contains("no output"));
        OnnxModelBuilder b = new OnnxModelBuilder("dup").initializer(Initializer.floatScalar("s", 1f));
        assertThrows(OnnxModelException.class, () -> b.initializer(Initializer.floatScalar("s", 2f)));
    }

    @Test
    void initializerChecksItsDataLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.floats("w", new long[] {2, 2}, 1, 2, 3));
        assertTrue(e.getMessage().contains("needs 16 bytes"), e.getMessage());
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
