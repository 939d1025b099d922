package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The optional prefill mechanisms of the profile format: fractional fill point, {@code prefill}, {@code shadow}, {@code attention}. */
class ProfileMechanismsValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode base() {
        try {
            return (ObjectNode) JSON.readTree(ProfileValidatorTest.minimalJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode sourced(ObjectNode parent, String field, double value) {
        ObjectNode o = parent.putObject(field);
        o.put("value", value);
        o.put("source", "made-up");
        return o;
    }

    /** The base with every mechanism: fill 128.5, setup 500 ms, re-mapping on npu at 1e6 B/s, split 250 µs, attention on cpu. */
    private static ObjectNode withAll() {
        ObjectNode p = base();
        sourced((ObjectNode) p.at("/analytic/0/matmul"), "minRowsPerPass", 128.5);
        ObjectNode prefill = p.putObject("prefill");
        sourced(prefill, "setupMs", 500);
        ObjectNode remap = prefill.putObject("weightRemap");
        remap.put("processor", "npu");
        sourced(remap, "bytesPerSecond", 1e6);
        sourced(p.putObject("shadow"), "npuSplitUs", 250);
        ObjectNode attention = ((ObjectNode) p.at("/analytic/2")).putObject("attention");
        sourced(attention, "macsPerSecond", 1e11);
        sourced(attention, "halfRateContextTokens", 512);
        return p;
    }

    private static ProfileFormatException fails(ObjectNode profile) {
        return assertThrows(ProfileFormatException.class, () -> ProfileReader.parse(profile.toString(), "tiny.json"));
    }

    private static void assertProblem(ProfileFormatException e, String path, String fragment) {
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(fragment)),
                "expected a problem at " + path + " containing '" + fragment + "', got:\n" + e.getMessage());
    }

    @Test
    void readsEveryMechanismInTheRecordsUnits() {
        DeviceProfile p = ProfileReader.parse(withAll().toString(), "tiny.json");
        assertEquals(128.5, p.analytic().get(0).matmul().minRows());
        assertEquals(500e6, p.prefill().setupNs().value(), 1e-6, "setupMs in ns");
        assertEquals("npu", p.prefill().weightRemap().processor());
        assertEquals(1e6, p.prefill().weightRemap().bytesPerSecond().value());
        assertEquals(250_000, p.shadow().npuSplitNs().value(), 1e-9, "npuSplitUs in ns");
        assertEquals(1e11, p.analytic().get(2).attention().macsPerSecond().value());
        assertEquals(512, p.analytic().get(2).attention().halfRateContextTokens().value());
        assertNull(p.analytic().get(0).attention());
    }

    @Test
    void withoutTheSectionsNothingIsSet() {
        DeviceProfile p = ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json");
        assertNull(p.prefill());
        assertNull(p.shadow());
        assertTrue(p.analytic().stream().allMatch(a -> a.attention() == null));
    }

    @Test
    void everyMechanismReadsBackEqualAfterBeingWritten() {
        DeviceProfile p = ProfileReader.parse(withAll().toString(), "tiny.json");
        assertEquals(p, ProfileReader.parse(ProfileJson.toText(ProfileJson.of(p)), "again.json"));
    }

    @Test
    void aWholeFillPointIsWrittenAsAnIntegerAndAFractionalOneAsItIs() {
        DeviceProfile whole = ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json");
        assertEquals("128", ProfileJson.of(whole).at("/analytic/0/matmul/minRowsPerPass/value").toString());
        DeviceProfile fractional = ProfileReader.parse(withAll().toString(), "tiny.json");
        assertEquals("128.5", ProfileJson.of(fractional).at("/analytic/0/matmul/minRowsPerPass/value").toString());
    }

    @Test
    void aFillPointBelowOneIsRefused() {
        ObjectNode p = base();
        sourced((ObjectNode) p.at("/analytic/0/matmul"), "minRowsPerPass", 0.5);
        assertProblem(fails(p), "$.analytic[0].matmul.minRowsPerPass.value", "must be >= 1, got 0.5");
    }

    @Test
    void negativeAndZeroNumbersAreRefusedAllAtOnce() {
        ObjectNode p = withAll();
        sourced((ObjectNode) p.get("prefill"), "setupMs", -1);
        sourced((ObjectNode) p.at("/prefill/weightRemap"), "bytesPerSecond", 0);
        sourced((ObjectNode) p.get("shadow"), "npuSplitUs", -2);
        sourced((ObjectNode) p.at("/analytic/2/attention"), "macsPerSecond", -1);
        sourced((ObjectNode) p.at("/analytic/2/attention"), "halfRateContextTokens", 0);
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.prefill.setupMs.value", "must be >= 0");
        assertProblem(e, "$.prefill.weightRemap.bytesPerSecond.value", "must be > 0");
        assertProblem(e, "$.shadow.npuSplitUs.value", "must be >= 0");
        assertProblem(e, "$.analytic[2].attention.macsPerSecond.value", "must be > 0");
        assertProblem(e, "$.analytic[2].attention.halfRateContextTokens.value", "must be > 0");
        assertEquals(5, e.problems().size(), e.getMessage());
    }

    @Test
    void missingAndUnknownSourcesAreRefused() {
        ObjectNode p = withAll();
        ((ObjectNode) p.at("/prefill/setupMs")).remove("source");
        ((ObjectNode) p.at("/shadow/npuSplitUs")).put("source", "nowhere");
        ((ObjectNode) p.at("/analytic/2/attention/halfRateContextTokens")).remove("source");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.prefill.setupMs.source", "missing");
        assertProblem(e, "$.shadow.npuSplitUs.source", "unknown source 'nowhere'");
        assertProblem(e, "$.analytic[2].attention.halfRateContextTokens.source", "missing");
    }

    @Test
    void unknownKeysAndMissingFieldsAreRefused() {
        ObjectNode p = withAll();
        ((ObjectNode) p.get("prefill")).put("setupUs", 1);
        ((ObjectNode) p.get("shadow")).put("splitUs", 1);
        ((ObjectNode) p.at("/prefill/weightRemap")).put("bytesPerSec", 1);
        ((ObjectNode) p.at("/analytic/2/attention")).put("halfRate", 1);
        ((ObjectNode) p.at("/analytic/2/attention")).remove("macsPerSecond");
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.prefill.setupUs", "unknown field (allowed here: setupMs, weightRemap, firstRun)");
        assertProblem(e, "$.shadow.splitUs", "unknown field (allowed here: npuSplitUs, cpuSyncUs)");
        assertProblem(e, "$.prefill.weightRemap.bytesPerSec", "unknown field (allowed here: processor, bytesPerSecond)");
        assertProblem(e, "$.analytic[2].attention.halfRate", "unknown field (allowed here: macsPerSecond, halfRateContextTokens)");
        assertProblem(e, "$.analytic[2].attention.macsPerSecond", "missing");
    }

    @Test
    void theInvocationCostIsReadInNsAndRefusedWhenNegativeUnsourcedOrMisspelt() {
        ObjectNode p = base();
        sourced((ObjectNode) p.at("/processors/0"), "invocationUs", 40);
        DeviceProfile read = ProfileReader.parse(p.toString(), "tiny.json");
        assertEquals(40_000, read.processors().get(0).invocationNs().value(), 1e-9);
        assertNull(read.processors().get(1).invocationNs());
        assertEquals(read, ProfileReader.parse(ProfileJson.toText(ProfileJson.of(read)), "again.json"));
        sourced((ObjectNode) p.at("/processors/0"), "invocationUs", -1);
        ((ObjectNode) p.at("/processors/1")).putObject("invocationUs").put("value", 3);
        ((ObjectNode) p.at("/processors/1")).put("invocationMs", 3);
        ProfileFormatException e = fails(p);
        assertProblem(e, "$.processors[0].invocationUs.value", "must be >= 0");
        assertProblem(e, "$.processors[1].invocationUs.source", "missing");
        assertProblem(e, "$.processors[1].invocationMs", "unknown field");
    }

    @Test
    void weightsAreRemappedOnlyOnAKnownProcessorWithMemory() {
        ObjectNode p = withAll();
        ((ObjectNode) p.at("/prefill/weightRemap")).put("processor", "cpu");
        assertProblem(fails(p), "$.prefill.weightRemap.processor", "processor 'cpu' has no memoryBytes");
        ((ObjectNode) p.at("/prefill/weightRemap")).put("processor", "dsp");
        assertProblem(fails(p), "$.prefill.weightRemap.processor", "unknown processor 'dsp'");
    }
}
