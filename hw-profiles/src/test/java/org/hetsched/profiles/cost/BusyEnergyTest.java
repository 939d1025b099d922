package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

class BusyEnergyTest {
    /** Power figures made up for the test: only their arithmetic is checked. */
    private static final Map<String, Double> POWER_W = Map.of("npu", 2.0, "cpu", 5.0, "gpu", 3.0);

    /** sd8gen3 with {@code powerW} on the named processors. */
    private static DeviceProfile withPower(List<String> processors) throws IOException {
        JsonNode root;
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/sd8gen3.json")) {
            root = new ObjectMapper().readTree(in);
        }
        ((ObjectNode) root.get("sources")).put("test-power", "Made up for a test.");
        for (JsonNode p : root.get("processors")) {
            String name = p.get("name").asText();
            if (processors.contains(name)) ((ObjectNode) p).putObject("powerW").put("value", POWER_W.get(name)).put("source", "test-power");
        }
        return ProfileReader.parse(root.toString(), "powered.json");
    }

    private static Trace run(DeviceProfile profile, String plan, boolean energy) {
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(ProfileCostModelTest.SMALL, PlanCatalog.builtIn().get(plan), 100, 32);
        ProfileCostModel model = new ProfileCostModel(profile);
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), model.platform(), model);
        EngineOptions options = new EngineOptions(false, false, energy ? List.of(new BusyEnergy(profile)) : List.of());
        return new Engine(costs, options).run(new LowestIdFirstPolicy());
    }

    @Test
    void energyIsEachUsedProcessorsPowerTimesItsBusyTime() throws IOException {
        DeviceProfile profile = withPower(List.of("npu", "cpu", "gpu"));
        assertTrue(BusyEnergy.applies(profile));
        Trace trace = run(profile, "llm.npu", true);
        Metrics m = Metrics.of(trace, 0);
        double expected = 0;
        for (ProcessorUsage u : m.processors()) expected += POWER_W.get(u.processor()) * u.busyNs() / 1e9;
        assertTrue(expected > 0);
        assertEquals(expected, m.energyJ().getAsDouble(), expected * 1e-12);
        assertEquals(expected / 100, m.energyJPerPromptToken().getAsDouble(), expected * 1e-12);
        assertEquals(run(profile, "llm.npu", false).rows(), trace.rows(), "energy changes no duration");
    }

    @Test
    void energyIsAbsentWhenAUsedProcessorHasNoPowerFigure() throws IOException {
        Metrics m = Metrics.of(run(withPower(List.of("npu", "gpu")), "llm.npu", true), 0);
        assertTrue(m.processors().get(1).busyNs() > 0, "llm.npu uses the CPU");
        assertFalse(m.energyJ().isPresent());
        assertFalse(m.energyJPerPromptToken().isPresent());
    }

    @Test
    void anUnusedProcessorNeedsNoPowerFigure() throws IOException {
        Metrics m = Metrics.of(run(withPower(List.of("npu", "cpu")), "llm.npu", true), 0);
        assertEquals(0, m.processors().get(2).busyNs(), "llm.npu leaves the GPU idle");
        assertTrue(m.energyJ().isPresent());
    }

    @Test
    void theBuiltInProfilesHaveNoPowerFigures() {
        for (String name : ProfileCatalog.builtIn().names()) assertFalse(BusyEnergy.applies(ProfileCatalog.builtIn().get(name)), name);
    }

    @Test
    void effectsAreListedByName() {
        assertEquals(List.of(DispatchOverhead.NAME, BusyEnergy.NAME, InvocationOverhead.NAME, PrefillSetupTime.NAME,
                Contention.NAME), ProfileEffects.names());
        DeviceProfile sd8gen3 = ProfileCatalog.builtIn().get("sd8gen3");
        assertEquals(DispatchOverhead.NAME, ProfileEffects.create(DispatchOverhead.NAME, sd8gen3).name());
        assertEquals(BusyEnergy.NAME, ProfileEffects.create(BusyEnergy.NAME, sd8gen3).name());
        assertFalse(ProfileEffects.description(BusyEnergy.NAME).isBlank());
        org.junit.jupiter.api.Assertions.assertThrows(org.hetsched.core.UserInputException.class,
                () -> ProfileEffects.create("nope", sd8gen3));
    }
}
