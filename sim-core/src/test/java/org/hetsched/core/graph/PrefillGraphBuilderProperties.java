package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.model.ModelSpec;
import org.jgrapht.alg.cycle.CycleDetector;

class PrefillGraphBuilderProperties {

    @Provide
    Arbitrary<PrefillConfig> configs() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> chunksWanted = Arbitraries.integers().between(1, 12);
        Arbitrary<Integer> remainder = Arbitraries.integers().between(0, 63);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<Long> shadowMask = Arbitraries.longs().between(0, 15);
        return Combinators.combine(layers, chunk, chunksWanted, remainder, plan, shadowMask)
                .as((l, c, k, r, p, mask) -> {
                    ModelSpec model = TestModels.tiny(l);
                    int prompt = Math.max(1, (k - 1) * c + 1 + (r % c));
                    SortedSet<Integer> shadow = new TreeSet<>();
                    if (p.shadow() != null) {
                        for (int layer = 0; layer < l; layer++) if ((mask >> layer & 1) == 1) shadow.add(layer);
                    }
                    return new PrefillConfig(model, p, prompt, c, shadow);
                });
    }

    @Property(tries = 200)
    void graphIsAcyclic(@ForAll("configs") PrefillConfig config) {
        TaskGraph graph = PrefillGraphBuilder.build(config);
        assertFalse(new CycleDetector<>(graph.asGraph()).detectCycles());
    }

    @Property(tries = 200)
    void taskCountIsChunksTimesSubgraphsPerChunk(@ForAll("configs") PrefillConfig config) {
        PartitionPlan plan = config.plan();
        long nonShadowPerLayer = plan.layer().stream().filter(t -> t.role() != SubgraphRole.SHADOW).count();
        long shadowPerLayer = plan.layer().size() - nonShadowPerLayer;
        long perChunk = plan.prologue().size() + config.model().layers() * nonShadowPerLayer
                + config.shadowLayers().size() * shadowPerLayer + plan.epilogue().size();
        int chunks = (config.promptTokens() + config.chunkTokens() - 1) / config.chunkTokens();
        TaskGraph graph = PrefillGraphBuilder.build(config);
        assertEquals(chunks * perChunk, graph.size());
        assertEquals(chunks, graph.chunks());
    }

    @Property(tries = 200)
    void lastChunkPaddingIsAccounted(@ForAll("configs") PrefillConfig config) {
        TaskGraph graph = PrefillGraphBuilder.build(config);
        assertEquals(config.promptTokens(), graph.promptTokens());
        assertEquals((long) graph.chunks() * config.chunkTokens() - config.promptTokens(), graph.paddedTokens());
        assertTrue(graph.paddedTokens() >= 0 && graph.paddedTokens() < config.chunkTokens());
    }

    @Property(tries = 200)
    void attentionContextOfChunkIIsIPlusOneChunks(@ForAll("configs") PrefillConfig config) {
        TaskGraph graph = PrefillGraphBuilder.build(config);
        for (Task task : graph.tasks()) {
            if (task.subgraph().role() == SubgraphRole.ATTENTION) {
                assertEquals((task.chunk() + 1) * config.chunkTokens(), task.contextTokens(), task.label());
            } else {
                assertEquals(0, task.contextTokens(), task.label());
            }
        }
    }

    /**
     * The dependency rule restated on (chunk, column) pairs: within a chunk each column follows the
     * previous one (a SHADOW column takes the predecessors of the column it corrects, and the column
     * after a SHADOW waits for both); an ATTENTION column also waits for its intra-chunk
     * predecessors in every earlier chunk.
     */
    @Property(tries = 200)
    void dependenciesAreExactlyTheSpecifiedOnes(@ForAll("configs") PrefillConfig config) {
        TaskGraph graph = PrefillGraphBuilder.build(config);
        List<Subgraph> columns = graph.columns();
        int s = columns.size();
        for (Task task : graph.tasks()) {
            int i = task.chunk();
            int j = task.subgraph().index();
            int[] intra = intraChunkColumns(columns, j);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int c : intra) expected.add(i * s + c);
            if (columns.get(j).role() == SubgraphRole.ATTENTION) {
                for (int k = 0; k < i; k++) for (int c : intra) expected.add(k * s + c);
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), graph.predecessors(task.id()),
                    task.label());
        }
    }

    @Property(tries = 100)
    void shadowSubgraphsExistExactlyOnShadowLayers(@ForAll("configs") PrefillConfig config) {
        TaskGraph graph = PrefillGraphBuilder.build(config);
        TreeSet<Integer> layers = new TreeSet<>();
        graph.columns().stream().filter(c -> c.role() == SubgraphRole.SHADOW).forEach(c -> layers.add(c.layer()));
        assertEquals(config.plan().shadow() == null ? new TreeSet<Integer>() : config.shadowLayers(), layers);
    }

    private static int[] intraChunkColumns(List<Subgraph> columns, int j) {
        if (columns.get(j).role() == SubgraphRole.SHADOW) return intraChunkColumns(columns, j - 1);
        if (j == 0) return new int[0];
        if (columns.get(j - 1).role() == SubgraphRole.SHADOW) return new int[] {j - 2, j - 1};
        return IntStream.of(j - 1).toArray();
    }
}
