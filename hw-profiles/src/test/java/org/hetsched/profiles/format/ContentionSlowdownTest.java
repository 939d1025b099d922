package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.hetsched.core.graph.SubgraphRole;
import org.junit.jupiter.api.Test;

/** The optional {@code contention} section of a device profile: read, validated, written. */
class ContentionSlowdownTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The minimal test profile (npu, cpu) with {@code entries} as its contention section. */
    private static ObjectNode profile(String entries) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ProfileValidatorTest.minimalJson());
            root.set("contention", JSON.readTree(entries));
            return root;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** As {@link #profile}, as text: {@code entries} go in verbatim (a tree would write 1e999 as the string "Infinity"). */
    private static String text(String entries) {
        String json = ProfileValidatorTest.minimalJson().strip();
        return json.substring(0, json.length() - 1) + ", \"contention\": " + entries + "}";
    }

    private static ProfileFormatException fails(String entries) {
        return assertThrows(ProfileFormatException.class, () -> ProfileReader.parse(text(entries), "tiny.json"));
    }

    private static void assertProblem(ProfileFormatException e, String path, String fragment) {
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(fragment)),
                "expected a problem at " + path + " containing '" + fragment + "', got:\n" + e.getMessage());
    }

    @Test
    void readsEntriesWithAndWithoutRoles() {
        DeviceProfile p = ProfileReader.parse(profile("[{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"slowdown\": {\"value\": 0.5,"
                + " \"source\": \"made-up\"}}, {\"victim\": \"npu\", \"aggressor\": \"cpu\", \"victimRole\": \"LINEAR\","
                + " \"aggressorRole\": \"ATTENTION\", \"slowdown\": {\"value\": 0, \"source\": \"made-up\"}}]").toString(), "tiny.json");
        assertEquals(2, p.contention().size());
        ContentionSlowdown general = p.contention().get(0);
        assertEquals("cpu", general.victim());
        assertEquals("npu", general.aggressor());
        assertNull(general.victimRole());
        assertNull(general.aggressorRole());
        assertEquals(new SourcedValue(0.5, "made-up"), general.slowdown());
        assertEquals(0, general.specificity());
        ContentionSlowdown narrow = p.contention().get(1);
        assertEquals(SubgraphRole.LINEAR, narrow.victimRole());
        assertEquals(SubgraphRole.ATTENTION, narrow.aggressorRole());
        assertEquals(3, narrow.specificity());
        assertTrue(narrow.matches(SubgraphRole.LINEAR, SubgraphRole.ATTENTION));
        assertTrue(!narrow.matches(SubgraphRole.LINEAR, SubgraphRole.SHADOW));
        assertEquals(List.of(), ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json").contention(), "absent: none");
    }

    @Test
    void everyBadEntryIsReportedAtOnce() {
        ProfileFormatException e = fails("[{\"victim\": \"cpu\", \"aggressor\": \"cpu\", \"slowdown\": {\"value\": 0.5, \"source\": \"made-up\"}},"
                + "{\"victim\": \"tpu\", \"aggressor\": \"npu\", \"slowdown\": {\"value\": 0.5, \"source\": \"made-up\"}},"
                + "{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"slowdown\": {\"value\": -0.1, \"source\": \"made-up\"}},"
                + "{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"victimRole\": \"PROLOGUE\", \"slowdown\": {\"value\": 0.5, \"source\": \"nowhere\"}},"
                + "{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"victimRole\": \"GENERIC\", \"slowdown\": {\"value\": 1, \"source\": \"made-up\"}},"
                + "{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"aggressorRole\": \"FFN\", \"slowdown\": {\"value\": 1, \"source\": \"made-up\"}},"
                + "{\"victim\": \"npu\", \"aggressor\": \"cpu\", \"slowdown\": {\"value\": 1, \"source\": \"made-up\"}, \"slowdwn\": 1},"
                + "{\"victim\": \"npu\", \"aggressor\": \"cpu\", \"slowdown\": {\"value\": 2, \"source\": \"made-up\"}},"
                + "{\"victim\": \"npu\", \"aggressor\": \"cpu\", \"victimRole\": \"LINEAR\", \"slowdown\": {\"value\": 2, \"source\": \"made-up\"}},"
                + "{\"victim\": \"npu\", \"aggressor\": \"cpu\", \"victimRole\": \"LINEAR\", \"slowdown\": {\"value\": 3, \"source\": \"made-up\"}},"
                + "{\"aggressor\": \"cpu\", \"slowdown\": 2}]");
        assertProblem(e, "$.contention[0]", "processor 'cpu' cannot slow itself");
        assertProblem(e, "$.contention[1].victim", "unknown processor 'tpu'");
        assertProblem(e, "$.contention[2].slowdown.value", "must be >= 0, got -0.1");
        assertProblem(e, "$.contention[3].slowdown.source", "unknown source 'nowhere'");
        assertProblem(e, "$.contention[4].victimRole", "unknown subgraph role 'GENERIC' (expected PROLOGUE, ATTENTION, LINEAR, SHADOW, EPILOGUE)");
        assertProblem(e, "$.contention[5].aggressorRole", "unknown subgraph role 'FFN'");
        assertProblem(e, "$.contention[6].slowdwn", "unknown field (allowed here: victim, aggressor, victimRole, aggressorRole, slowdown)");
        assertProblem(e, "$.contention[7]", "duplicate contention entry for victim 'npu', aggressor 'cpu' (first at $.contention[6])");
        assertProblem(e, "$.contention[9]", "duplicate contention entry for victim 'npu', aggressor 'cpu', victimRole LINEAR (first at $.contention[8])");
        assertProblem(e, "$.contention[10].victim", "missing required field");
        assertProblem(e, "$.contention[10].slowdown", "expected an object");
        assertEquals(11, e.problems().size(), e.getMessage());
    }

    @Test
    void nonFiniteAndMistypedSlowdownsAreRefused() {
        assertProblem(fails("{\"victim\": \"cpu\"}"), "$.contention", "expected an array");
        assertProblem(fails("[{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"slowdown\": {\"value\": \"a lot\", \"source\": \"made-up\"}}]"),
                "$.contention[0].slowdown.value", "expected a number");
        // JSON has no NaN or infinity; a number too large for a double reads as infinity
        assertProblem(fails("[{\"victim\": \"cpu\", \"aggressor\": \"npu\", \"slowdown\": {\"value\": 1e999, \"source\": \"made-up\"}}]"),
                "$.contention[0].slowdown.value", "finite");
    }

    @Test
    void theRecordRefusesWhatTheValidatorRefuses() {
        SourcedValue half = new SourcedValue(0.5, "s");
        assertThrows(IllegalArgumentException.class, () -> new ContentionSlowdown("cpu", "cpu", null, null, half));
        assertThrows(IllegalArgumentException.class, () -> new ContentionSlowdown("cpu", "npu", null, null, new SourcedValue(-1, "s")));
        assertThrows(IllegalArgumentException.class, () -> new ContentionSlowdown("cpu", null, null, null, half));
        DeviceProfile p = ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json");
        assertThrows(IllegalArgumentException.class, () -> new DeviceProfile(p.name(), p.description(), p.sources(), p.processors(),
                p.analytic(), p.costs(), p.sync(), p.graphPreparation(), p.measuredOn(), p.prefill(), p.shadow(),
                List.of(new ContentionSlowdown("cpu", "gpu", null, null, half))), "an unknown processor");
    }

    @Test
    void writtenEntriesReadBackEqual() {
        ObjectNode root = profile("[]");
        ProfileJson.addContention(root, "cpu", "npu", null, null, 0.25, "made-up");
        ProfileJson.addContention(root, "npu", "cpu", SubgraphRole.LINEAR, null, 0.5, "made-up");
        ProfileJson.addContention(root, "npu", "cpu", null, SubgraphRole.SHADOW, 0, "made-up");
        DeviceProfile p = ProfileReader.parse(ProfileJson.toText(root), "tiny.json");
        assertEquals(List.of(new ContentionSlowdown("cpu", "npu", null, null, new SourcedValue(0.25, "made-up")),
                new ContentionSlowdown("npu", "cpu", SubgraphRole.LINEAR, null, new SourcedValue(0.5, "made-up")),
                new ContentionSlowdown("npu", "cpu", null, SubgraphRole.SHADOW, new SourcedValue(0, "made-up"))), p.contention());
        ObjectNode written = ProfileJson.of(p);
        assertEquals(p, ProfileReader.parse(ProfileJson.toText(written), "tiny.json"));
        assertTrue(!((ArrayNode) written.get("contention")).get(0).has("victimRole"), "an absent role is not written");
        assertTrue(!ProfileJson.of(ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json")).has("contention"),
                "no entries: no section");
    }
}
