package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {
    private static final MeasuredOn MEASURED_ON = new MeasuredOn("host", "host-tiny", "hidden=64", "llm.npu", List.of(16, 32), "box",
            "amd64", "Some CPU", Instant.parse("2026-11-22T10:00:00Z"), "0.1.0");

    @Test
    void everyBuiltInProfileReadsBackEqualAfterBeingWritten() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        assertFalse(catalog.names().isEmpty());
        for (String name : catalog.names()) {
            DeviceProfile profile = catalog.get(name);
            String written = ProfileJson.toText(ProfileJson.of(profile));
            assertEquals(profile, ProfileReader.parse(written, name + " (written)"), name);
        }
    }

    @Test
    void aProfileWithoutMeasuredOnIsWrittenWithoutIt() {
        DeviceProfile profile = ProfileReader.parse(ProfileValidatorTest.minimalJson(), "tiny.json");
        ObjectNode tree = ProfileJson.of(profile);
        assertFalse(tree.has(MeasuredOn.FIELD));
        assertNull(ProfileReader.parse(ProfileJson.toText(tree), "tiny.json").measuredOn());
        assertEquals(profile, ProfileReader.parse(ProfileJson.toText(tree), "tiny.json"));
    }

    /**
     * A profile that fills every optional field, written, uses every name of {@link ProfileFields}
     * and no other; reading it back (the reader rejects keys it does not know) gives the same
     * profile, so the reader knows each of those names as well.
     */
    @Test
    void aCompleteProfileUsesEveryFieldNameOnBothSides() {
        DeviceProfile complete = complete();
        ObjectNode tree = ProfileJson.of(complete);
        assertEquals(declaredNames(), writtenNames(tree));
        assertEquals(complete, ProfileReader.parse(ProfileJson.toText(tree), "complete.json"));
    }

    /**
     * sd8gen3 (points, graph preparation, row minimum, memory) plus what no built-in has: power,
     * measuredOn, a per-invocation cost, a prefill setup with weight re-mapping and first runs, a shadow split with its CPU
     * side, an attention curve, a reshape speedup and contention.
     */
    private static DeviceProfile complete() {
        DeviceProfile base = ProfileCatalog.builtIn().get("sd8gen3-bottom-up");
        assertFalse(base.costs().isEmpty());
        assertFalse(base.graphPreparation().isEmpty());
        assertNotNull(base.processors().get(0).memoryBytes());
        assertFalse(base.analytic().stream().allMatch(a -> a.matmul().minRowsPerPass() == null));
        String source = base.sources().keySet().iterator().next();
        List<ProcessorProfile> processors = new ArrayList<>();
        for (ProcessorProfile p : base.processors()) {
            processors.add(new ProcessorProfile(p.name(), p.kind(), p.dtypes(), p.dispatchOverheadNs(), p.memoryBytes(),
                    new SourcedValue(4.5, source), new SourcedValue(20_000, source)));
        }
        List<AnalyticCosts> analytic = new ArrayList<>();
        for (AnalyticCosts a : base.analytic()) {
            analytic.add(new AnalyticCosts(a.processor(), a.dtype(), a.matmul(), a.elementwise(),
                    new AnalyticCosts.Attention(new SourcedValue(2e10, source), new SourcedValue(1024, source)),
                    new SourcedValue(1.25, source)));
        }
        PrefillSetup prefill = new PrefillSetup(new SourcedValue(5e8, source),
                new PrefillSetup.WeightRemap(base.processors().get(0).name(), new SourcedValue(2e9, source)),
                new PrefillSetup.FirstRun(base.processors().get(0).name(), new SourcedValue(4e6, source)));
        List<ContentionSlowdown> contention = List.of(
                new ContentionSlowdown("cpu", "npu", null, null, new SourcedValue(0.25, source)),
                new ContentionSlowdown("cpu", "npu", SubgraphRole.ATTENTION, SubgraphRole.LINEAR, new SourcedValue(0.5, source)));
        return new DeviceProfile(base.name(), base.description(), base.sources(), processors, analytic, base.costs(), base.sync(),
                base.graphPreparation(), MEASURED_ON, prefill, new ShadowSplit(new SourcedValue(3e5, source), new SourcedValue(2e5, source)), contention);
    }

    /** Every constant of every object group of {@link ProfileFields}. */
    private static TreeSet<String> declaredNames() {
        TreeSet<String> names = new TreeSet<>();
        Class<?>[] groups = ProfileFields.class.getDeclaredClasses();
        assertTrue(groups.length > 0, "ProfileFields has no object groups");
        for (Class<?> group : groups) {
            for (Field f : group.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    try {
                        f.setAccessible(true);
                        names.add((String) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return names;
    }

    /** Every key of the tree, except the ids inside {@code sources}, which are data. */
    private static TreeSet<String> writtenNames(JsonNode tree) {
        TreeSet<String> names = new TreeSet<>();
        collect(tree, names);
        return names;
    }

    private static void collect(JsonNode node, TreeSet<String> names) {
        if (node.isArray()) node.forEach(e -> collect(e, names));
        if (!node.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            if (!e.getKey().equals(ProfileFields.Top.SOURCES)) collect(e.getValue(), names);
        }
    }
}
