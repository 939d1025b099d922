package org.hetsched.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.cost.DispatchOverhead;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static WorkloadRequest prefill(String model, String device, String plan, int prompt, int chunk, List<Integer> shadow) {
        return new WorkloadRequest(model, device, plan, null, prompt, chunk, shadow, false, false);
    }

    @Test
    void resolvesAPrefillIntoAPricedGraphWithItsNames() {
        Workload w = Workload.resolve(prefill("qwen1.5-1.8b", "sd8gen3", "llm.npu", 100, 32, null));
        assertEquals("qwen1.5-1.8b", w.model());
        assertEquals("sd8gen3", w.device());
        assertEquals("llm.npu", w.plan());
        assertEquals(4, w.prefill().chunks());
        assertEquals(w.prefill().shadowLayers(), w.shadowLayers());
        assertEquals("sd8gen3", w.profile().name());
        assertEquals(w.profile().processors().size(), w.costs().platform().size());
        assertEquals(new EngineOptions(false, true, w.effects()), w.engineOptions(true));
    }

    @Test
    void reportsEveryProblemOfTheRequestAtOnce() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> Workload.resolve(prefill("qwen-9000", "no-such-device", " ", 0, -1, null)));
        String m = e.getMessage();
        assertTrue(m.contains("qwen-9000") && m.contains("no-such-device") && m.contains("plan is required")
                && m.contains("prompt length must be > 0 tokens, got 0") && m.contains("chunk size must be > 0 tokens, got -1"), m);
    }

    @Test
    void theNamesAndThePrefillsOwnChecksAreReportedTogether() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> Workload.resolve(prefill("qwen1.5-1.8b", "no-such-device", "llm.npu", 1 << 20, 256, List.of(99))));
        String m = e.getMessage();
        assertTrue(m.contains("no-such-device") && m.contains("exceeds the max context") && m.contains("shadow layer 99"), m);
    }

    @Test
    void shadowLayersOnAPlanWithoutAShadowSubgraphAreRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> Workload.resolve(prefill("qwen1.5-1.8b", "sd8gen3", "cpu-only", 64, 32, List.of(0))));
        assertTrue(e.getMessage().contains("plan 'cpu-only' has no shadow-outlier subgraph"), e.getMessage());
    }

    @Test
    void aCallerMayResolveModelsTheCatalogDoesNotKnow() {
        Workload w = Workload.resolve(prefill("tiny", "sd8gen3", "llm.npu", 32, 16, List.of()),
                name -> name.equals("tiny") ? TestModels.tiny(2) : new ModelResolver().resolve(name));
        assertEquals(TestModels.tiny(2).name(), w.model());
        assertTrue(w.shadowLayers().isEmpty());
        assertFalse(w.costs().graph().size() == 0);
    }

    @Test
    void shadowLayersReadBackAsWritten() {
        for (List<Integer> layers : java.util.Arrays.asList(null, List.<Integer>of(), List.of(0, 1, 22))) {
            assertEquals(layers, WorkloadRequest.parseShadowLayers(WorkloadRequest.formatShadowLayers(layers)));
        }
        assertNull(WorkloadRequest.parseShadowLayers("default"));
        UserInputException e = assertThrows(UserInputException.class, () -> WorkloadRequest.parseShadowLayers("0,x"));
        assertEquals("'x' is not a layer number (expected 'default', 'none' or a list such as 0,1,22)", e.getMessage());
    }

    @Test
    void contentionIsRegisteredLastWhenTheProfileHasItUnlessLeftOut() throws Exception {
        String device = Path.of(WorkloadTest.class.getResource("/org/hetsched/profiles/cost/contention-profile.json").toURI()).toString();
        WorkloadRequest request = new WorkloadRequest("tiny", device, "llm.npu", null, 32, 16, null, false, true);
        Workload on = Workload.resolve(request, name -> TestModels.tiny(2));
        assertEquals(List.of(DispatchOverhead.NAME, Contention.NAME), on.effects().stream().map(Effect::name).toList());
        assertTrue(on.costModel().endsWith("; shared-memory contention"), on.costModel());
        assertEquals(Effect.RunDurations.LENGTHENED, on.engineOptions(false).runDurations());
        Workload off = Workload.resolve(request.withContention(false), name -> TestModels.tiny(2));
        assertEquals(List.of(DispatchOverhead.NAME), off.effects().stream().map(Effect::name).toList());
        assertFalse(off.costModel().endsWith("; shared-memory contention"), off.costModel());
        // the default request asks for contention; a profile without entries has none to apply
        assertTrue(WorkloadRequest.DEFAULTS.includeContention());
        WorkloadRequest bottomUp = new WorkloadRequest("qwen1.5-1.8b", "sd8gen3-bottom-up", "llm.npu", null, 1024, 256, null,
                false, false);
        assertEquals(List.of(), Workload.resolve(bottomUp).effects());
    }
}
