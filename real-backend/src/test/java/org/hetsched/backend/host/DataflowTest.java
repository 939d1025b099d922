package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.host.Dataflow.Place;
import org.hetsched.backend.host.Dataflow.Step;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PlanOp;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.SubgraphTemplate;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.load.PlanCatalog;
import org.junit.jupiter.api.Test;

class DataflowTest {
    private static final ModelSpec TINY = HostModels.tiny();

    private static TaskGraph llmNpu(Set<Integer> shadows) {
        return PrefillGraphBuilder.build(new PrefillConfig(TINY, PlanCatalog.builtIn().get("llm.npu"), 40, 16, shadows));
    }

    private static Task task(TaskGraph g, int chunk, String subgraph, int layer) {
        for (Task t : g.tasks()) {
            if (t.chunk() == chunk && t.subgraph().name().equals(subgraph) && t.layer() == layer) return t;
        }
        throw new AssertionError("no " + subgraph + "@" + layer);
    }

    private static List<Place> places(Dataflow flow, Task t) {
        List<Place> out = new ArrayList<>();
        for (int i = 0; i < t.ops().size(); i++) out.add(flow.place(t.id(), i));
        return out;
    }

    @Test
    void theFfnSubgraphOfLayerLComputesLayerLPlusOnesQkvWithThatLayersWeights() {
        TaskGraph g = llmNpu(Set.of(1));
        Dataflow flow = Dataflow.of(g, TINY);
        Task ffn = task(g, 1, "ffn", 1);
        List<Place> places = places(flow, ffn);
        assertEquals(new Place(Step.O_PROJ, 1, null), places.get(0));
        assertEquals(new Place(Step.ATTENTION_RESIDUAL, 1, null), places.get(2));
        assertEquals(new Place(Step.FFN_RESIDUAL, 1, null), places.get(8));
        assertEquals(new Place(Step.INPUT_NORM, 2, null), places.get(9));
        assertEquals(new Place(Step.Q_PROJ, 2, null), places.get(10));
        assertEquals(new Place(Step.V_PROJ, 2, null), places.get(12));
        assertEquals(13, places.size());
        Task last = task(g, 0, "ffn", 3);
        assertEquals(Step.FFN_RESIDUAL, places(flow, last).get(places(flow, last).size() - 1).step(), "no next layer after the last");
    }

    @Test
    void theShadowOfLayerLShadowsItsLinearsAndTheNextSubgraphMergesIt() {
        TaskGraph g = llmNpu(Set.of(1, 3));
        Dataflow flow = Dataflow.of(g, TINY);
        assertEquals(Set.of(1, 3), flow.shadowLayers());
        assertEquals(10, flow.hotChannels());
        Task shadow = task(g, 2, "shadow", 1);
        List<Place> places = places(flow, shadow);
        assertEquals(new Place(Step.SHADOW, 1, Linear.O), places.get(0));
        assertEquals(new Place(Step.SHADOW_MERGE, 1, Linear.O), places.get(1));
        assertTrue(places.contains(new Place(Step.SHADOW, 2, Linear.Q)), "next layer's Q/K/V shadows use that layer");
        assertEquals(1, flow.mergeShadowLayer(task(g, 2, "attention", 2).id()));
        assertEquals(3, flow.mergeShadowLayer(task(g, 2, "head", -1).id()));
        assertEquals(-1, flow.mergeShadowLayer(task(g, 2, "attention", 1).id()));
        assertEquals(-1, flow.mergeShadowLayer(task(g, 2, "ffn", 1).id()));
    }

    @Test
    void withoutShadowSubgraphsNothingIsClipped() {
        Dataflow flow = Dataflow.of(llmNpu(Set.of()), TINY);
        assertEquals(0, flow.hotChannels());
        assertTrue(flow.hasFinalNorm());
    }

    /** Each layer computes its own input norm and Q/K/V first, in subgraph {@code qkv}, or inside its attention subgraph when fused. */
    static PartitionPlan perLayerQkv(boolean fused) {
        PartitionPlan llmNpu = PlanCatalog.builtIn().get("llm.npu");
        SubgraphTemplate attention = llmNpu.layer().get(0);
        SubgraphTemplate ffn = llmNpu.layer().get(1);
        SubgraphTemplate qkv0 = llmNpu.prologue().get(1);
        List<PlanOp> ffnOps = ffn.ops().subList(0, ffn.ops().indexOf(PlanOp.NEXT_LAYER_QKV));
        List<SubgraphTemplate> layer = new ArrayList<>();
        if (fused) {
            List<PlanOp> ops = new ArrayList<>(List.of(PlanOp.INPUT_NORM, PlanOp.QKV));
            ops.addAll(attention.ops());
            layer.add(new SubgraphTemplate("attention", SubgraphRole.ATTENTION, ops, attention.placements()));
        } else {
            layer.add(new SubgraphTemplate("qkv", SubgraphRole.LINEAR, qkv0.ops(), qkv0.placements()));
            layer.add(attention);
        }
        layer.add(new SubgraphTemplate("ffn", SubgraphRole.LINEAR, ffnOps, ffn.placements()));
        return new PartitionPlan(fused ? "fused" : "per-layer-qkv", "test", "test", List.of(llmNpu.prologue().get(0)), layer,
                llmNpu.epilogue(), null);
    }

    @Test
    void aLayerMayComputeItsOwnQkvFirst() {
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TINY, perLayerQkv(false), 32, 16));
        Dataflow flow = Dataflow.of(g, TINY);
        Task qkv = task(g, 1, "qkv", 2);
        assertEquals(new Place(Step.INPUT_NORM, 2, null), flow.place(qkv.id(), 0));
        assertEquals(new Place(Step.K_PROJ, 2, null), flow.place(qkv.id(), 2));
    }

    @Test
    void refusesKvProjectionsInTheSubgraphOfTheirAttention() {
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TINY, perLayerQkv(true), 32, 16));
        UserInputException e = assertThrows(UserInputException.class, () -> Dataflow.of(g, TINY));
        assertTrue(e.getMessage().contains("earlier subgraph"), e.getMessage());
    }

    @Test
    void refusesAChunkWhoseOpsAreOutOfTheDecodersOrder() {
        PartitionPlan cpu = PlanCatalog.builtIn().get("cpu-only");
        List<SubgraphTemplate> layer = new ArrayList<>(cpu.layer());
        SubgraphTemplate ffn = layer.get(1);
        List<PlanOp> ops = new ArrayList<>(ffn.ops());
        ops.remove(PlanOp.POST_ATTENTION_NORM);
        layer.set(1, new SubgraphTemplate(ffn.name(), ffn.role(), ops, ffn.placements()));
        PartitionPlan plan = new PartitionPlan("no-post-norm", "test", "test", cpu.prologue(), layer, cpu.epilogue(), null);
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TINY, plan, 32, 16));
        UserInputException e = assertThrows(UserInputException.class, () -> Dataflow.of(g, TINY));
        assertTrue(e.getMessage().contains("expected post_attention_norm of layer 0"), e.getMessage());
    }

    @Test
    void refusesAChunkWithoutAnInPlaceStepThatNoLaterReadShows() {
        PartitionPlan cpu = PlanCatalog.builtIn().get("cpu-only");
        List<SubgraphTemplate> layer = new ArrayList<>(cpu.layer());
        SubgraphTemplate attention = layer.get(0);
        List<PlanOp> ops = new ArrayList<>(attention.ops());
        ops.remove(PlanOp.ROPE);
        layer.set(0, new SubgraphTemplate(attention.name(), attention.role(), ops, attention.placements()));
        PartitionPlan plan = new PartitionPlan("no-rope", "test", "test", cpu.prologue(), layer, cpu.epilogue(), null);
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TINY, plan, 32, 16));
        UserInputException e = assertThrows(UserInputException.class, () -> Dataflow.of(g, TINY));
        assertTrue(e.getMessage().contains("chunk 0 lacks rope of layer 0"), e.getMessage());
    }

    @Test
    void refusesAShadowThatDoesNotFollowTheSubgraphEndingItsLayer() {
        PartitionPlan llmNpu = PlanCatalog.builtIn().get("llm.npu");
        // split the ffn subgraph: the shadow then follows a subgraph that ends before the layer does
        List<SubgraphTemplate> layer = new ArrayList<>();
        SubgraphTemplate ffn = llmNpu.layer().get(1);
        layer.add(llmNpu.layer().get(0));
        layer.add(new SubgraphTemplate("oproj", SubgraphRole.LINEAR, ffn.ops().subList(0, 3), ffn.placements()));
        layer.add(llmNpu.layer().get(2));
        layer.add(new SubgraphTemplate("rest", SubgraphRole.LINEAR, ffn.ops().subList(3, ffn.ops().size()), ffn.placements()));
        PartitionPlan plan = new PartitionPlan("split", "test", "test", llmNpu.prologue(), layer, llmNpu.epilogue(), llmNpu.shadow());
        TaskGraph g = PrefillGraphBuilder.build(new PrefillConfig(TINY, plan, 32, 16, Set.of(0)));
        UserInputException e = assertThrows(UserInputException.class, () -> Dataflow.of(g, TINY));
        assertTrue(e.getMessage().contains("shadow subgraph shadow of layer 0"), e.getMessage());
    }

    @Test
    void refusesAnOddHeadDim() {
        ModelSpec odd = new ModelSpec("odd", 1, 30, 2, 2, 15, 60, TINY.ffnKind(), TINY.normKind(), false, 100, 1000, 0, 1e-6, 10_000);
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(odd, PlanCatalog.builtIn().get("cpu-only"), 8, 8));
        UserInputException e = assertThrows(UserInputException.class, () -> Dataflow.of(g, odd));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
    }

    @Test
    void contextAndFirstKeyFollowTheSlidingWindow() {
        ModelSpec window = HostModels.get("host-tiny-window");
        TaskGraph g = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(window, PlanCatalog.builtIn().get("cpu-only"), 64, 16));
        assertEquals(16, Dataflow.context(window, g, 0));
        assertEquals(40, Dataflow.context(window, g, 3), "window 24 + chunk 16");
        assertEquals(24, Dataflow.firstKey(window, g, 3));
        assertEquals(0, Dataflow.firstKey(TINY, llmNpu(Set.of()), 2));
    }
}
