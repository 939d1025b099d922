package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String minimalJson() {
        try (InputStream in = ProfileValidatorTest.class.getResourceAsStream("minimal-profile.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode base() {
        try {
            return (ObjectNode) JSON.readTree(minimalJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ProfileFormatException fails(ObjectNode profile) {
        return fails(profile.toString());
    }

    private static ProfileFormatException fails(String json) {
        return assertThrows(ProfileFormatException.class, () -> ProfileReader.parse(json, "tiny.json"));
    }

    /** Asserts a problem at exactly {@code path} whose message contains {@code fragment}. */
    private static void assertProblem(ProfileFormatException e, String path, String fragment) {
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(fragment)),
                "expected a problem at " + path + " containing '" + fragment + "', got:\n" + e.getMessage());
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    @Test
    void readsEveryFieldOfAValidProfile() {
        DeviceProfile p = ProfileReader.parse(minimalJson(), "tiny.json");
        assertEquals("tiny", p.name());
        assertEquals(List.of("made-up"), List.copyOf(p.sources().keySet()));
        assertEquals(Set.of(DType.INT8, DType.FP16), p.processors().get(0).dtypes());
        assertEquals(50_000, p.processors().get(0).dispatchOverheadNs().value(), 1e-9);
        assertEquals(4294967296.0, p.processors().get(0).memoryBytes().value());
        assertNull(p.processors().get(0).powerW());
        assertEquals(3.5, p.processors().get(1).powerW().value());
        assertEquals(128, p.analytic().get(0).matmul().minRows());
        assertEquals(1, p.analytic().get(1).matmul().minRows(), "absent minRowsPerPass means 1");
        assertEquals(100_000, p.analytic().get(0).matmul().fixedNs().value(), 1e-9);
        assertEquals(2, p.costs().get(0).points().size());
        assertEquals(500_000, p.costs().get(0).points().get(0).latencyNs(), 1e-9);
        assertEquals(1, p.costs().get(0).points().get(0).batch(), "absent batch means 1");
        assertEquals(120_000, p.sync().get(1).latencyNs().value(), 1e-9);
        assertEquals(150_000_000, p.graphPreparation().get(0).perGraphNs().value(), 1e-6);
    }

    @Test
    void platformIdsFollowTheFileOrder() {
        Platform platform = ProfileReader.parse(minimalJson(), "tiny.json").platform();
        assertEquals("tiny", platform.name());
        assertEquals(List.of("npu", "cpu"), platform.processors().stream().map(p -> p.name()).toList());
        assertEquals(0, platform.byName("npu").id());
        assertEquals(ProcessorKind.CPU, platform.processor(1).kind());
    }

    @Test
    void unknownProcessorKindNamesFilePathAndExpectedValues() {
        ObjectNode p = base();
        at(p, "/processors/1").put("kind", "TPU");
        ProfileFormatException e = fails(p);
        assertEquals("tiny.json: $.processors[1].kind: unknown processor kind 'TPU' (expected NPU, CPU, GPU)", e.getMessage());
        assertInstanceOf(UserInputException.class, e);
        assertEquals("tiny.json", e.file());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ProfileFormatException e = fails("{\n  \"name\": \"x\",\n  \"description\" \"y\"\n}");
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("tiny.json: line 3, column "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void duplicateKeyIsRejectedWithItsLine() {
        ProfileFormatException e = fails("{\"name\": \"a\",\n\"name\": \"b\"}");
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Duplicate field 'name'"), e.getMessage());
    }

    @Test
    void emptyFileAndNonObjectRootAreRejected() {
        assertProblem(fails(""), "$", "empty");
        assertProblem(fails("[1, 2]"), "$", "expected an object, got an array");
        assertTrue(fails(minimalJson() + " {}").getMessage().contains("malformed JSON"), "trailing content is not ignored");
    }

    @Test
    void aMissingFileIsAUserErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        UserInputException e = assertThrows(UserInputException.class, () -> ProfileReader.read(missing));
        assertEquals(missing + ": no such device profile file", e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ObjectNode p = base();
        p.remove("description");
        at(p, "/processors/0").put("kind", "TPU");
        at(p, "/costs/0/points/0").put("latencyMs", -1);
        at(p, "/sync/0").put("from", "dsp");
        at(p, "/graphPreparation/0/perGraphMs").put("source", "nowhere");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.description", "missing required field");
        assertProblem(e, "$.processors[0].kind", "unknown processor kind 'TPU'");
        assertProblem(e, "$.costs[0].points[0].latencyMs", "must be > 0, got -1");
        assertProblem(e, "$.sync[0].from", "unknown processor 'dsp' (processors: npu, cpu)");
        assertProblem(e, "$.graphPreparation[0].perGraphMs.source", "unknown source 'nowhere'");
        assertEquals(1, e.getMessage().lines().count(), "every problem on one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("tiny.json: $."), e.getMessage());
        assertEquals(e.problems().size(), e.getMessage().split("; \\$\\.").length, e.getMessage());
    }

    @Test
    void unknownKeysAreRejectedAndTheAllowedOnesListed() {
        ObjectNode p = base();
        at(p, "/costs/0/points/1").put("latncyMs", 0.8);
        p.put("comment", "typo-prone");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.costs[0].points[1].latncyMs", "unknown field (allowed here: batch, m, k, n, latencyMs, source)");
        assertProblem(e, "$.comment", "unknown field");
    }

    @Test
    void wrongTypesAreNamed() {
        ObjectNode p = base();
        at(p, "/costs/0/points/0").put("latencyMs", "0.5");
        at(p, "/costs/0/points/0").put("m", 64.5);
        at(p, "/processors/0").put("dtypes", "INT8");
        p.putArray("sources");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.costs[0].points[0].latencyMs", "expected a number, got a string \"0.5\"");
        assertProblem(e, "$.costs[0].points[0].m", "expected an integer, got the number 64.5");
        assertProblem(e, "$.processors[0].dtypes", "expected an array, got a string \"INT8\"");
        assertProblem(e, "$.sources", "expected an object, got an array");
    }

    @Test
    void nanInfiniteAndNegativeNumbersAreRejected() {
        String json = minimalJson()
                .replace("\"latencyMs\": 0.5", "\"latencyMs\": NaN")
                .replace("{\"value\": 1e12,", "{\"value\": 1e400,")
                .replace("\"dispatchOverheadUs\": {\"value\": 5,", "\"dispatchOverheadUs\": {\"value\": -5,");
        ProfileFormatException e = fails(json);
        assertProblem(e, "$.costs[0].points[0].latencyMs", "must be a finite number, got NaN");
        assertProblem(e, "$.analytic[0].matmul.macsPerSecond.value", "must be a finite number");
        assertProblem(e, "$.processors[1].dispatchOverheadUs.value", "must be >= 0, got -5");
    }

    @Test
    void zeroLatencyAndZeroRateAreRejected() {
        ObjectNode p = base();
        at(p, "/costs/0/points/0").put("latencyMs", 0);
        at(p, "/analytic/2/elementwise/bytesPerSecond").put("value", 0);
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.costs[0].points[0].latencyMs", "must be > 0, got 0");
        assertProblem(e, "$.analytic[2].elementwise.bytesPerSecond.value", "must be > 0, got 0");
    }

    @Test
    void unknownDtypeOpKindAndUnsupportedDtypeAreRejected() {
        ObjectNode p = base();
        ((ArrayNode) p.at("/processors/0/dtypes")).add("BF16");
        at(p, "/costs/0").put("kind", "CONV");
        at(p, "/analytic/2").put("dtype", "INT8");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.processors[0].dtypes[2]", "unknown dtype 'BF16' (expected INT8, FP16, FP32)");
        assertProblem(e, "$.costs[0].kind", "unknown op kind 'CONV' (expected EMBEDDING,");
        assertProblem(e, "$.analytic[2].dtype", "processor 'cpu' does not support dtype INT8 (it supports FP32)");
    }

    @Test
    void unknownProcessorsAreRejectedInCostsSyncAndPreparation() {
        ObjectNode p = base();
        at(p, "/costs/0").put("processor", "gpu");
        at(p, "/sync/1").put("to", "gpu");
        at(p, "/graphPreparation/0").put("processor", "gpu");
        at(p, "/analytic/0").put("processor", "gpu");
        ProfileFormatException e = fails(p);
        for (String path : List.of("$.costs[0].processor", "$.sync[1].to", "$.graphPreparation[0].processor", "$.analytic[0].processor")) {
            assertProblem(e, path, "unknown processor 'gpu'");
        }
    }

    @Test
    void unknownSourceIdsAreRejectedWherever() {
        ObjectNode p = base();
        at(p, "/costs/0").put("source", "table9");
        at(p, "/costs/0/points/1").put("source", "table8");
        at(p, "/processors/0/dispatchOverheadUs").put("source", "nowhere");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.costs[0].source", "unknown source 'table9'");
        assertProblem(e, "$.costs[0].points[1].source", "unknown source 'table8'");
        assertProblem(e, "$.processors[0].dispatchOverheadUs.source", "unknown source 'nowhere'");
    }

    @Test
    void duplicatesAreRejected() {
        ObjectNode p = base();
        at(p, "/processors/1").put("name", "npu");
        ((ArrayNode) p.at("/costs/0/points")).add(p.at("/costs/0/points/0").deepCopy());
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.processors[1].name", "duplicate processor name 'npu' (first at $.processors[0])");
        assertProblem(e, "$.costs[0].points[2]", "duplicate point for batch=1 m=64 k=1024 n=1024 (first at $.costs[0].points[0])");

        ObjectNode q = base();
        ((ArrayNode) q.get("costs")).add(q.at("/costs/0").deepCopy());
        ((ArrayNode) q.get("sync")).add(q.at("/sync/0").deepCopy());
        ((ArrayNode) q.get("analytic")).add(q.at("/analytic/0").deepCopy());
        ProfileFormatException f = fails(q);
        assertProblem(f, "$.costs[1]", "duplicate costs entry for processor 'npu' LINEAR/INT8");
        assertProblem(f, "$.sync[2]", "duplicate sync entry from 'npu' to 'cpu'");
        assertProblem(f, "$.analytic[3]", "duplicate analytic entry for processor 'npu' dtype INT8");
    }

    @Test
    void everySupportedDtypeNeedsAnalyticParameters() {
        ObjectNode p = base();
        ((ArrayNode) p.get("analytic")).remove(1);
        assertProblem(fails(p), "$.analytic", "no entry for processor 'npu' dtype FP16");
    }

    @Test
    void everyOrderedPairNeedsASyncAndNoProcessorSyncsWithItself() {
        ObjectNode p = base();
        at(p, "/sync/1").put("to", "cpu");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.sync[1]", "sync from processor 'cpu' to itself is always 0");
        assertProblem(e, "$.sync", "no entry from 'cpu' to 'npu'");
    }

    @Test
    void aLargerMMustNotBeFaster() {
        ObjectNode p = base();
        at(p, "/costs/0/points/1").put("latencyMs", 0.4);
        assertProblem(fails(p), "$.costs[0].points[1]", "latency 0.4 ms at m=256 is below 0.5 ms at m=64");
    }

    @Test
    void elementwiseKindsNeedKOfOne() {
        ObjectNode p = base();
        at(p, "/costs/0").put("kind", OpKind.SOFTMAX.name()).put("dtype", "FP16");
        assertProblem(fails(p), "$.costs[0].points[0].k", "op kind SOFTMAX is element-wise (shape batch × m × n), so k must be 1, got 1024");
    }

    @Test
    void aPlanFileIsRecognisedAsTheWrongFormat() {
        ObjectNode p = base();
        p.put("format", PlanValidator.FORMAT);
        assertProblem(fails(p), "$.format", "(this is a partition plan, not a device profile)");
        ObjectNode q = base();
        q.put("format", ProfileValidator.FORMAT);
        assertEquals("tiny", ProfileReader.parse(q.toString(), "tiny.json").name());
    }

    @Test
    void measuredOnIsOptionalReadsBackAsWrittenAndIsChecked() {
        assertNull(ProfileReader.parse(minimalJson(), "tiny.json").measuredOn(), "a profile without it says nothing");
        MeasuredOn m = new MeasuredOn("host", "host-tiny", "hidden=64", "llm.npu", List.of(16, 32), "box", "amd64", "Some CPU",
                java.time.Instant.parse("2026-11-22T10:00:00Z"), "0.1.0");
        ObjectNode p = base();
        p.set(MeasuredOn.FIELD, m.toJson());
        assertEquals(m, ProfileReader.parse(p.toString(), "tiny.json").measuredOn());

        ObjectNode bad = base();
        ObjectNode o = m.toJson();
        o.remove("model");
        o.put("date", "yesterday");
        o.putArray("chunkTokens").add(0);
        o.put("gpu", "x");
        bad.set(MeasuredOn.FIELD, o);
        ProfileFormatException e = fails(bad);
        assertProblem(e, "$.measuredOn.model", "missing");
        assertProblem(e, "$.measuredOn.date", "ISO-8601");
        assertProblem(e, "$.measuredOn.chunkTokens[0]", ">= 1");
        assertProblem(e, "$.measuredOn.gpu", "unknown field");
    }

    /** Times the engine cannot hold in a long of ns are refused on load, each naming its field, value and the limit. */
    @Test
    void timesBeyondTheEngineAreRefusedOnLoad() {
        ObjectNode p = base();
        at(p, "/sync/0/latencyUs").put("value", 1e20);
        at(p, "/costs/0/points/1").put("latencyMs", 1e300);
        at(p, "/graphPreparation/0/perGraphMs").put("value", 1e18);
        at(p, "/processors/1/dispatchOverheadUs").put("value", 1e16);
        at(p, "/analytic/2/elementwise/fixedUs").put("value", 1e17);
        ProfileFormatException e = fails(p);
        String limit = "the engine's limit of 9.223372036854776E15 us = 9223372036854775807 ns (about 292 years)";
        assertProblem(e, "$.sync[0].latencyUs.value", "1.0E20 us is beyond the engine's limit of 9.223372036854776E15 us = 9223372036854775807 ns (about 292 years)");
        assertProblem(e, "$.costs[0].points[1].latencyMs", "1.0E300 ms is beyond the engine's limit of 9.223372036854775E12 ms");
        assertProblem(e, "$.graphPreparation[0].perGraphMs.value", "1.0E18 ms is beyond the engine's limit of 9.223372036854775E12 ms");
        assertProblem(e, "$.processors[1].dispatchOverheadUs.value", "1.0E16 us is beyond the engine's limit of 9.223372036854776E15 us");
        assertProblem(e, "$.analytic[2].elementwise.fixedUs.value", "1.0E17 us is beyond " + limit);
        assertEquals(5, e.problems().size(), e.getMessage());
    }

    @Test
    void aTimeJustBelowTheLimitLoads() {
        ObjectNode p = base();
        at(p, "/sync/0/latencyUs").put("value", 9e15);
        assertEquals(9e18, ProfileReader.parse(p.toString(), "tiny.json").sync().get(0).latencyNs().value());
    }

    /** A rate so low that one MAC or byte takes longer than the engine's clock holds. */
    @Test
    void ratesTooLowForTheEngineAreRefusedOnLoad() {
        ObjectNode p = base();
        at(p, "/analytic/0/matmul/macsPerSecond").put("value", 1e-300);
        at(p, "/analytic/1/elementwise/bytesPerSecond").put("value", 1e-11);
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.analytic[0].matmul.macsPerSecond.value", "1.0E-300 per second is below 1.0842021724855044E-10 per second");
        assertProblem(e, "$.analytic[1].elementwise.bytesPerSecond.value", "engine's limit of 9223372036854775807 ns");
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    /** One root cause, one message: without processors, the references to them are not reported again. */
    @Test
    void aMissingProcessorsArrayIsReportedOnce() {
        ObjectNode p = base();
        p.remove("processors");
        ProfileFormatException e = fails(p);
        assertEquals("tiny.json: $.processors: missing required field", e.getMessage());
        p.put("processors", "npu");
        assertEquals("tiny.json: $.processors: expected an array, got a string \"npu\"", fails(p).getMessage());
    }

    /** Jackson's "[Source: REDACTED ...]" insert becomes our own "line L, column C". */
    @Test
    void malformedJsonMessagesCarryNoParserNoise() {
        ProfileFormatException e = fails("{\"name\": 1");
        assertEquals("tiny.json: line 1, column 11: malformed JSON: Unexpected end-of-input: expected close marker for Object"
                + " (start marker at line 1, column 1)", e.getMessage());
    }
}
