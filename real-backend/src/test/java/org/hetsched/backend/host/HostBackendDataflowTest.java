package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.SubgraphTemplate;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.hetsched.core.trace.PrefillCheck;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunked, out-of-order prefills on the host lanes against the unchunked references. */
@Tag("native")
class HostBackendDataflowTest {
    private static final long BUDGET = 256L << 20;
    private static final int PROMPT = 100;

    private static TaskGraph graph(ModelSpec model, String plan, int prompt, int chunk) {
        PartitionPlan p = PlanCatalog.builtIn().get(plan);
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, p, prompt, chunk));
    }

    private static HostBackend backend(ModelSpec model) {
        return new HostBackend(model, new HostBackend.Options(BUDGET, 42, false));
    }

    enum Order { HEFT, RANDOM_EXTENSION, BY_ID }

    static Stream<Arguments> plansChunksAndOrders() {
        List<Arguments> out = new ArrayList<>();
        for (String plan : List.of("llm.npu", "cpu-only", "npu-naive")) {
            // 100 tokens: 7 chunks of 16 (12 padding rows), 4 of 32 (28), one of 100, and chunks of 24 (20)
            for (int chunk : List.of(16, 24, 32, 100)) {
                for (Order order : Order.values()) out.add(Arguments.of(plan, chunk, order));
            }
        }
        return out.stream();
    }

    private static SchedulePlan schedule(TaskGraph graph, HostBackend backend, Order order, long seed) {
        return switch (order) {
            case HEFT -> Orders.heft(graph, backend.platform());
            case RANDOM_EXTENSION -> Orders.plan(graph, backend.platform(), Orders.randomLinearExtension(graph, seed));
            case BY_ID -> Orders.plan(graph, backend.platform(), Orders.byId(graph));
        };
    }

    @ParameterizedTest(name = "{0}, chunk {1}, {2}")
    @MethodSource("plansChunksAndOrders")
    void replayedChunkedRunMatchesBothUnchunkedReferences(String plan, int chunk, Order order) {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, plan, PROMPT, chunk);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            new Replayer(backend).replay(graph, schedule(graph, backend, order, chunk), order.name());
            PrefillCheck check = backend.check();
            assertTrue(check.passed(), check.toString());
            assertEquals(PROMPT, check.quantised().tokens());
            assertEquals(0.0, check.quantised().maxRelativeError(), "the kernels make a chunked run reproduce the reference bit for bit");
            assertTrue(check.float32().maxRelativeError() > 1e-3, "INT8 linears differ from float32: " + check.float32());
            assertTrue(check.float32().tolerance() < 0.6, "a tolerance near 1 would accept unrelated states: " + check.float32());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherModels")
    void parallelAttentionAndSlidingWindowModelsMatchToo(String name, String plan) {
        ModelSpec model = HostModels.get(name);
        TaskGraph graph = graph(model, plan, 70, 16);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            new Replayer(backend).replay(graph, Orders.plan(graph, backend.platform(), Orders.randomLinearExtension(graph, 3)), "random");
            PrefillCheck check = backend.check();
            assertTrue(check.passed(), check.toString());
            assertEquals(0.0, check.quantised().maxRelativeError());
        }
    }

    static Stream<Arguments> otherModels() {
        return Stream.of(Arguments.of("host-tiny-parallel", "llm.npu"), Arguments.of("host-tiny-parallel", "cpu-only"),
                Arguments.of("host-tiny-window", "llm.npu"), Arguments.of("host-tiny-window", "npu-naive"));
    }

    @Test
    void everyLayerShadowedStillMatchesAndTheShadowCorrectionIsPartOfTheResult() {
        ModelSpec model = HostModels.tiny();
        PrefillConfig config = new PrefillConfig(model, PlanCatalog.builtIn().get("llm.npu"), PROMPT, 32, Set.of(0, 1, 2, 3));
        TaskGraph graph = PrefillGraphBuilder.build(config);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            new Replayer(backend).replay(graph, Orders.heft(graph, backend.platform()), "heft");
            PrefillCheck check = backend.check();
            assertTrue(check.passed(), check.toString());
            // the same quantisation without the merged corrections is measurably different
            PrefillState s = backend.state();
            boolean[][] int8 = new boolean[model.layers()][Linear.values().length];
            for (boolean[] layer : int8) {
                for (Linear l : Linear.values()) layer[l.ordinal()] = l != Linear.LM_HEAD;
            }
            float[] withoutShadow = PrefillReference.quantised(s, PrefillReference.Workspace.allocate(model, PROMPT, 10), int8, Set.of());
            PrefillCheck.Comparison c = PrefillReference.compare("no shadow", s.hidden(), withoutShadow, PROMPT, model.hiddenSize(), 1);
            assertTrue(c.maxRelativeError() > 10 * PrefillReference.QUANTISED_TOLERANCE, c.toString());
        }
    }

    @Test
    void aPlanWhereEachLayerComputesItsOwnQkvMatchesToo() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, DataflowTest.perLayerQkv(false), 70, 16));
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            new Replayer(backend).replay(graph, Orders.plan(graph, backend.platform(), Orders.randomLinearExtension(graph, 4)), "random");
            PrefillCheck check = backend.check();
            assertTrue(check.passed(), check.toString());
            assertEquals(0.0, check.quantised().maxRelativeError());
        }
    }

    @Test
    void attentionRunBeforeAnEarlierChunksKvExistsFailsTheCheck() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "cpu-only", 64, 32);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            // chunk 1 entirely before chunk 0: valid inside each chunk, but chunk 1's attention
            // reads K/V rows chunk 0 has not written (the K/V rule forbids this order)
            int columns = graph.columns().size();
            for (int chunk : new int[] {1, 0}) {
                for (int j = 0; j < columns; j++) {
                    int task = chunk * columns + j;
                    backend.execute(task, Orders.firstLane(graph, backend.platform(), task));
                }
            }
            PrefillCheck check = backend.check();
            assertFalse(check.quantised().passed(), check.toString());
            assertTrue(check.quantised().maxRelativeError() > 1e-2, check.toString());
            // chunk 0 itself never read anything stale
            PrefillCheck.Comparison firstChunk = PrefillReference.compare("chunk 0", backend.state().hidden(),
                    PrefillReference.quantised(backend.state(), PrefillReference.Workspace.allocate(model, 64, 0),
                            allInt8(model), Set.of()), 32, model.hiddenSize(), PrefillReference.QUANTISED_TOLERANCE);
            assertTrue(firstChunk.passed(), firstChunk.toString());
        }
    }

    private static boolean[][] allInt8(ModelSpec model) {
        boolean[][] int8 = new boolean[model.layers()][Linear.values().length];
        for (boolean[] layer : int8) java.util.Arrays.fill(layer, true);
        return int8;
    }

    @Test
    void aDamagedWeightFailsTheFloat32Check() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "cpu-only", 64, 16);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            ByteBuffer down = backend.state().weights(1).down().int8();
            for (int i = 0; i < down.capacity(); i++) down.put(i, (byte) 0);
            new Replayer(backend).replay(graph, Orders.heft(graph, backend.platform()), "heft");
            PrefillCheck check = backend.check();
            assertTrue(check.quantised().passed(), "the quantised reference uses the same (damaged) weights: " + check);
            assertFalse(check.float32().passed(), check.toString());
        }
    }

    @Test
    void repeatedReplaysOfOnePreparedGraphGiveTheSameStates() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "llm.npu", 64, 16);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            Replayer replayer = new Replayer(backend);
            replayer.replay(graph, Orders.heft(graph, backend.platform()), "heft");
            float[] first = backend.finalHiddenStates();
            replayer.replay(graph, Orders.plan(graph, backend.platform(), Orders.randomLinearExtension(graph, 9)), "random");
            assertEquals(0, java.util.Arrays.compare(first, backend.finalHiddenStates()));
            assertTrue(backend.check().passed());
        }
    }

    @Test
    void checkNeedsEveryTaskRun() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "cpu-only", 32, 16);
        try (HostBackend backend = backend(model)) {
            assertThrows(IllegalStateException.class, backend::check, "nothing prepared");
            backend.prepare(graph);
            backend.execute(0, HostBackend.CPU);
            IllegalStateException e = assertThrows(IllegalStateException.class, backend::check);
            assertTrue(e.getMessage().contains("has not run"), e.getMessage());
        }
    }

    @Test
    void sharedLayerWeightsTakeLessMemoryAndStillMatch() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "llm.npu", 64, 16);
        long perLayer;
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            perLayer = bytes(backend.tensors());
        }
        try (HostBackend backend = new HostBackend(model, new HostBackend.Options(BUDGET, 42, true))) {
            backend.prepare(graph);
            assertTrue(bytes(backend.tensors()) < perLayer, backend.tensors().toString());
            new Replayer(backend).replay(graph, Orders.heft(graph, backend.platform()), "heft");
            PrefillCheck check = backend.check();
            assertTrue(check.passed(), check.toString());
        }
    }

    private static long bytes(List<String> tensors) {
        return tensors.stream().mapToLong(s -> Long.parseLong(s.substring(s.lastIndexOf(": ") + 2, s.lastIndexOf(" bytes")))).sum();
    }

    @Test
    void overBudgetRefusalNamesTheLargestConsumerBeforeAllocating() {
        ModelSpec big = new ModelSpec("big-vocab", 2, 64, 4, 2, 16, 128, FfnKind.GATED_SILU, NormKind.RMS_NORM, false, 300_000, 4096, 0, 1e-6, 10_000);
        TaskGraph graph = graph(big, "llm.npu", 32, 16);
        try (HostBackend backend = new HostBackend(big, new HostBackend.Options(16L << 20, 1, false))) {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> backend.prepare(graph));
            assertTrue(e.getMessage().contains("lm_head float32 weights (64x300000) = 76800000 bytes"), e.getMessage());
            assertTrue(e.neededBytes() > 76_800_000L);
            assertThrows(IllegalStateException.class, () -> backend.execute(0, HostBackend.CPU), "nothing was prepared");
        }
    }

    @Test
    void refusesAGraphBuiltForAnotherModel() {
        TaskGraph graph = graph(HostModels.tiny(), "llm.npu", 32, 16);
        try (HostBackend backend = backend(HostModels.get("host-tiny-parallel"))) {
            UserInputException e = assertThrows(UserInputException.class, () -> backend.prepare(graph));
            assertTrue(e.getMessage().contains("host-tiny-parallel") && e.getMessage().contains("does not fit"), e.getMessage());
        }
    }

    @Test
    void refusesAttentionOutsideAnAttentionSubgraphBecauseItsKvReadsWouldBeUnordered() {
        PartitionPlan llmNpu = PlanCatalog.builtIn().get("llm.npu");
        List<SubgraphTemplate> layer = new ArrayList<>();
        for (SubgraphTemplate t : llmNpu.layer()) {
            SubgraphRole role = t.role() == SubgraphRole.ATTENTION ? SubgraphRole.LINEAR : t.role();
            layer.add(new SubgraphTemplate(t.name(), role, t.ops(), t.placements()));
        }
        PartitionPlan bad = new PartitionPlan("no-attention-role", "test", "test", llmNpu.prologue(), layer, llmNpu.epilogue(),
                llmNpu.shadow());
        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(HostModels.tiny(), bad, 32, 16));
        try (HostBackend backend = backend(HostModels.tiny())) {
            UserInputException e = assertThrows(UserInputException.class, () -> backend.prepare(graph));
            assertTrue(e.getMessage().contains("role ATTENTION"), e.getMessage());
        }
    }

    @Test
    void aBackendWithoutAModelReadsItFromTheGraph() {
        ModelSpec parallel = HostModels.get("host-tiny-parallel");
        TaskGraph graph = graph(parallel, "cpu-only", 48, 16);
        try (HostBackend backend = new HostBackend(BUDGET, 5)) {
            backend.prepare(graph);
            assertEquals(parallel, backend.model(), "a host model of the graph's name is used, LayerNorm included");
            new Replayer(backend).replay(graph, Orders.heft(graph, backend.platform()), "heft");
            assertTrue(backend.check().passed());
        }
    }

    @Test
    void lmHeadProducesFiniteLogitsForTheLastRealToken() {
        ModelSpec model = HostModels.tiny();
        TaskGraph graph = graph(model, "llm.npu", 40, 16);
        try (HostBackend backend = backend(model)) {
            backend.prepare(graph);
            new Replayer(backend).replay(graph, Orders.heft(graph, backend.platform()), "heft");
            java.nio.FloatBuffer logits = backend.state().logits();
            double norm = 0;
            for (int i = 0; i < logits.capacity(); i++) {
                assertTrue(Float.isFinite(logits.get(i)));
                norm += logits.get(i) * logits.get(i);
            }
            assertTrue(norm > 0);
        }
    }
}
