package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.junit.jupiter.api.Test;

class PrefillGraphBuilderTest {
    private final ModelSpec qwen = ModelCatalog.builtIn().get("qwen1.5-1.8b");

    @Test
    void qwenAt1024TokensInChunksOf256HasTheExpectedShape() {
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(qwen, TestPlans.llmNpu(), 1024, 256);
        TaskGraph graph = PrefillGraphBuilder.build(config);
        // 15% of 24 layers rounds to 4 shadow layers: 0, 23, 1, 22
        assertEquals(new TreeSet<>(List.of(0, 1, 22, 23)), config.shadowLayers());
        // per chunk: embed + qkv0 + 24 × (attention, ffn) + 4 shadows + head = 55
        assertEquals(55, graph.columns().size());
        assertEquals(4 * 55, graph.size());
        assertEquals(0, graph.paddedTokens());
        // 24 attention groups, each with 1 producer (ffn/qkv0) or 2 (ffn + shadow) per chunk
        assertEquals(24, graph.kvRule().groupCount());
    }

    @Test
    void exactlyTheSubgraphsThatAShadowSubgraphCorrectsAreShadowed() {
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(qwen, TestPlans.llmNpu(), 1024, 256);
        TaskGraph graph = PrefillGraphBuilder.build(config);
        List<String> shadowed = graph.columns().stream().filter(Subgraph::shadowed).map(s -> s.name() + "@" + s.layer()).toList();
        // the ffn of each of the 4 shadow layers, in column order
        assertEquals(List.of("ffn@0", "ffn@1", "ffn@22", "ffn@23"), shadowed);
        for (Task t : graph.tasks()) assertEquals(graph.columns().get(t.subgraph().index()), t.subgraph(), t.label());
        TaskGraph none = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 1024, 256, Set.of()));
        assertTrue(none.columns().stream().noneMatch(Subgraph::shadowed));
    }

    @Test
    void linearShapesFollowTheModel() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 300, 256, Set.of()));
        Task ffn = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 0).findFirst()
                .orElseThrow();
        List<String> labels = ffn.ops().stream().map(Op::label).toList();
        assertEquals(List.of("o_proj", "dequantize", "residual_add", "post_attention_norm", "ffn_gate", "ffn_up",
                "swiglu", "ffn_down", "residual_add", "next_input_norm", "q_proj", "k_proj", "v_proj"), labels);
        Op gate = ffn.ops().get(4);
        assertEquals(new Op(OpKind.LINEAR, OpStep.FFN_GATE, 0, null, List.of(TensorRef.of(Tensor.FFN_INPUT, 0)),
                List.of(TensorRef.of(Tensor.GATE, 0)), 1, 256, 2048, 5504), gate);
        assertEquals(212, graph.paddedTokens());
        // the LM head appears once, in the last chunk, for one token
        long heads = graph.tasks().stream().flatMap(t -> t.ops().stream()).filter(o -> o.step() == OpStep.LM_HEAD).count();
        assertEquals(1, heads);
    }

    @Test
    void lastLayerHasNoNextLayerProjection() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 256, 256, Set.of()));
        Task last = graph.tasks().stream().filter(t -> t.subgraph().name().equals("ffn") && t.layer() == 23)
                .findFirst().orElseThrow();
        assertTrue(last.ops().stream().noneMatch(o -> o.step() == OpStep.Q_PROJ));
    }

    @Test
    void slidingWindowCapsTheAttentionContext() {
        ModelSpec mistral = ModelCatalog.builtIn().get("mistral-7b");
        PrefillConfig config = new PrefillConfig(mistral, TestPlans.llmNpu(), 8192, 1024, Set.of());
        assertEquals(4096, config.contextTokens(3));
        assertEquals(4096 + 1024, config.contextTokens(7));
    }

    @Test
    void sharedShapesShareOneClass() {
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(qwen, TestPlans.llmNpu(), 2048, 256, Set.of()));
        // ffn of every chunk has the same ops; attention differs per chunk (context grows)
        Set<Integer> ffnClasses = new TreeSet<>();
        Set<Integer> attentionClasses = new TreeSet<>();
        for (Task t : graph.tasks()) {
            if (t.subgraph().name().equals("ffn") && t.layer() < 23) ffnClasses.add(t.shapeClass());
            if (t.subgraph().name().equals("attention")) attentionClasses.add(t.shapeClass());
        }
        assertEquals(1, ffnClasses.size());
        assertEquals(8, attentionClasses.size());
    }

    @Test
    void rejectsPromptBeyondTheContextAndNonPositiveSizes() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new PrefillConfig(qwen, TestPlans.llmNpu(), 40_000, 0, Set.of()));
        assertTrue(e.getMessage().contains("exceeds the max context"), e.getMessage());
        assertTrue(e.getMessage().contains("chunk size must be > 0"), e.getMessage());
        assertThrows(UserInputException.class, () -> new PrefillConfig(qwen, TestPlans.llmNpu(), 0, 256, Set.of()));
        assertThrows(UserInputException.class, () -> new PrefillConfig(qwen, TestPlans.llmNpu(), 10, 256, Set.of(24)));
    }

    @Test
    void rejectsAChunkThatPadsThePromptBeyondTheContext() {
        int context = qwen.maxContextTokens();
        UserInputException e = assertThrows(UserInputException.class,
                () -> new PrefillConfig(qwen, TestPlans.llmNpu(), 100, 100_000, Set.of()));
        assertEquals("chunk size 100000 pads the 100-token prompt to 100000 tokens, beyond the max context of " + qwen.name() + " ("
                + context + " tokens)", e.getMessage());
        assertEquals(1, new PrefillConfig(qwen, TestPlans.llmNpu(), 100, context, Set.of()).chunks());
        assertThrows(UserInputException.class, () -> new PrefillConfig(qwen, TestPlans.llmNpu(), context - 1, context / 2 + 1, Set.of()));
    }

    @Test
    void materialisingAHugeGraphIsRefused() {
        ModelSpec mistral = ModelCatalog.builtIn().get("mistral-7b");
        TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(mistral, TestPlans.cpuOnly(), 32768, 32, Set.of()));
        assertEquals(1024L * (1 + 32 * 2 + 1), graph.size());
        assertTrue(graph.dependencyCount() > 16_000_000L);
        assertThrows(IllegalStateException.class, graph::asGraph);
    }
}
