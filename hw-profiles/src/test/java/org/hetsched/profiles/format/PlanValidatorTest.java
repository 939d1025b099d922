package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PlanOp;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.SubgraphRole;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
    private static final String ATTENTION = """
            {"name": "attention", "role": "ATTENTION", "ops": ["ROPE", "KV_APPEND", "ATTENTION"],
             "placements": [{"processor": "CPU", "linear": "FP32", "float": "FP32"}]}""";
    private static final String FFN = """
            {"name": "ffn", "role": "LINEAR", "ops": ["O_PROJ", "RESIDUAL", "FFN", "RESIDUAL", "NEXT_LAYER_QKV"],
             "placements": [{"processor": "NPU", "linear": "INT8", "float": "FP16"},
                            {"processor": "GPU", "linear": "FP16", "float": "FP16"}]}""";
    private static final String QKV = """
            {"name": "qkv0", "role": "LINEAR", "ops": ["EMBEDDING", "INPUT_NORM", "QKV"],
             "placements": [{"processor": "CPU", "linear": "FP32", "float": "FP32"}]}""";

    private static String plan(String prologue, String layer, String extra) {
        return "{\"name\": \"mine\", \"description\": \"a test plan\", \"source\": \"user\",\n"
                + "\"prologue\": [" + prologue + "],\n\"layer\": [" + layer + "]" + extra + "}";
    }

    private static PlanFormatException fails(String json) {
        return assertThrows(PlanFormatException.class, () -> PlanReader.parse(json, "mine.json"));
    }

    private static void assertProblem(PlanFormatException e, String path, String fragment) {
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(fragment)),
                "expected a problem at " + path + " containing '" + fragment + "', got:\n" + e.getMessage());
    }

    @Test
    void readsAPlanOneToOne() {
        PartitionPlan p = PlanReader.parse(plan(QKV, ATTENTION + "," + FFN, ""), "mine.json");
        assertEquals("mine", p.name());
        assertEquals("user", p.source());
        assertEquals(List.of("qkv0"), p.prologue().stream().map(t -> t.name()).toList());
        assertEquals(List.of(PlanOp.ROPE, PlanOp.KV_APPEND, PlanOp.ATTENTION), p.layer().get(0).ops());
        assertEquals(SubgraphRole.LINEAR, p.layer().get(1).role());
        assertEquals(List.of(new Placement(ProcessorKind.NPU, DType.INT8, DType.FP16), new Placement(ProcessorKind.GPU, DType.FP16, DType.FP16)),
                p.layer().get(1).placements());
        assertTrue(p.epilogue().isEmpty(), "an absent epilogue is empty");
        assertNull(p.shadow());
    }

    @Test
    void readsShadowSettings() {
        String shadow = """
                {"name": "shadow", "role": "SHADOW", "ops": ["SHADOW_OUTLIERS"],
                 "placements": [{"processor": "CPU", "linear": "FP32", "float": "FP32"}]}""";
        PartitionPlan p = PlanReader.parse(plan(QKV, ATTENTION + "," + FFN + "," + shadow,
                ", \"shadow\": {\"keptLayerFraction\": 0.25, \"hotChannelsPerLayer\": 7, \"source\": \"guess\"}"), "mine.json");
        assertEquals(0.25, p.shadow().keptLayerFraction());
        assertEquals(7, p.shadow().hotChannelsPerLayer());
        assertEquals("guess", p.shadow().source());
    }

    @Test
    void unknownNamesAreReportedWithPathsAndExpectedValues() {
        String bad = FFN.replace("\"LINEAR\"", "\"FFN\"").replace("\"O_PROJ\"", "\"OPROJ\"").replace("\"GPU\"", "\"DSP\"")
                .replace("\"linear\": \"FP16\"", "\"linear\": \"BF16\"");
        PlanFormatException e = fails(plan(QKV, ATTENTION + "," + bad, ""));
        assertProblem(e, "$.layer[1].role", "unknown subgraph role 'FFN' (expected PROLOGUE, ATTENTION, LINEAR, SHADOW, EPILOGUE)");
        assertProblem(e, "$.layer[1].ops[0]", "unknown plan op 'OPROJ'");
        assertProblem(e, "$.layer[1].placements[1].processor", "unknown processor kind 'DSP' (expected NPU, CPU, GPU)");
        assertProblem(e, "$.layer[1].placements[1].linear", "unknown dtype 'BF16'");
        assertTrue(e.getMessage().lines().allMatch(l -> l.startsWith("mine.json: $.layer[1].")), e.getMessage());
    }

    @Test
    void genericRoleIsNotAllowed() {
        assertProblem(fails(plan(QKV.replace("\"LINEAR\"", "\"GENERIC\""), ATTENTION, "")), "$.prologue[0].role",
                "unknown subgraph role 'GENERIC'");
    }

    @Test
    void duplicatesAndUnknownKeysAreRejected() {
        String twice = FFN.replace("\"GPU\", \"linear\": \"FP16\"", "\"NPU\", \"linear\": \"FP16\"");
        PlanFormatException e = fails(plan(QKV, ATTENTION + "," + twice + "," + ATTENTION.replace("\"ops\"", "\"opps\""), ""));
        assertProblem(e, "$.layer[1].placements[1].processor", "processor kind NPU is listed twice (first at $.layer[1].placements[0])");
        assertProblem(e, "$.layer[2].name", "duplicate subgraph name 'attention' in layer (first at $.layer[0])");
        assertProblem(e, "$.layer[2].opps", "unknown field (allowed here: name, role, ops, placements)");
        assertProblem(e, "$.layer[2].ops", "missing required field");
    }

    @Test
    void missingAndEmptySectionsAreRejected() {
        PlanFormatException e = fails("{\"name\": \"mine\", \"description\": \"d\", \"layer\": []}");
        assertProblem(e, "$.source", "missing required field");
        assertProblem(e, "$.layer", "must not be empty");
    }

    @Test
    void shadowSettingsAreRangeChecked() {
        PlanFormatException e = fails(plan(QKV, ATTENTION,
                ", \"shadow\": {\"keptLayerFraction\": 1.5, \"hotChannelsPerLayer\": 0, \"source\": \"\"}"));
        assertProblem(e, "$.shadow.keptLayerFraction", "must be in [0, 1], got 1.5");
        assertProblem(e, "$.shadow.hotChannelsPerLayer", "must be >= 1, got 0");
        assertProblem(e, "$.shadow.source", "must not be empty");
    }

    @Test
    void partitionPlanRulesComeBackWithTheFileName() {
        String shadowFirst = """
                {"name": "shadow", "role": "SHADOW", "ops": ["SHADOW_OUTLIERS"],
                 "placements": [{"processor": "CPU", "linear": "FP32", "float": "FP32"}]}""";
        PlanFormatException e = fails(plan("", shadowFirst + "," + ATTENTION, ""));
        assertTrue(e.getMessage().startsWith("mine.json: $: plan 'mine': "), e.getMessage());
        assertTrue(e.getMessage().contains("a SHADOW subgraph must follow the subgraph it corrects"), e.getMessage());
        assertTrue(e.getMessage().contains("no shadow settings"), e.getMessage());
    }

    @Test
    void aProfileIsRecognisedAsTheWrongFormat() {
        assertProblem(fails(plan(QKV, ATTENTION, ", \"format\": \"" + ProfileValidator.FORMAT + "\"")), "$.format",
                "(this is a device profile, not a partition plan)");
    }
}
