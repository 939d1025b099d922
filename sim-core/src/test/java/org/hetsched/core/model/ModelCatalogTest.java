package org.hetsched.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private final ModelCatalog catalog = ModelCatalog.builtIn();

    @Test
    void holdsThePapersFiveModels() {
        assertEquals(List.of("qwen1.5-1.8b", "gemma-2b", "phi-2", "llama-2-7b", "mistral-7b"), catalog.names());
    }

    @Test
    void gemmaIsMultiQueryWithAWideHeadDim() {
        ModelSpec gemma = catalog.get("gemma-2b");
        assertEquals(1, gemma.kvHeads());
        assertEquals(256, gemma.headDim());
        assertEquals(2048, gemma.queryWidth());
        assertEquals(256, gemma.kvWidth());
        assertEquals(FfnKind.GATED_GELU, gemma.ffnKind());
    }

    @Test
    void phiRunsAttentionAndMlpInParallel() {
        ModelSpec phi = catalog.get("phi-2");
        assertTrue(phi.parallelAttentionMlp());
        assertEquals(FfnKind.PLAIN_GELU, phi.ffnKind());
        assertEquals(NormKind.LAYER_NORM, phi.normKind());
    }

    @Test
    void mistralHasGroupedKvAndASlidingWindow() {
        ModelSpec mistral = catalog.get("mistral-7b");
        assertEquals(8, mistral.kvHeads());
        assertEquals(4096, mistral.slidingWindowTokens());
        assertEquals(14336, mistral.ffnSize());
    }

    @Test
    void unknownNameListsTheCatalog() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> catalog.get("gpt-5"));
        assertTrue(e.getMessage().contains("qwen1.5-1.8b") && e.getMessage().contains("gpt-5"), e.getMessage());
    }

    @Test
    void specRejectsInconsistentHeads() {
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec("bad", 2, 64, 6, 4, 16, 128,
                FfnKind.GATED_SILU, NormKind.RMS_NORM, false, 100, 1024, 0, 1e-6, 10_000));
    }

    @Test
    void readsAnotherResourceInTheSameFormat() {
        ModelCatalog other = ModelCatalog.fromResource(ModelCatalogTest.class, "one-model.tsv");
        assertEquals(List.of("tiny"), other.names());
        assertEquals(2, other.get("tiny").attentionHeads());
    }

    @Test
    void aShortRowNamesItsResourceAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelCatalog.fromResource(ModelCatalogTest.class, "short-row.tsv"));
        assertTrue(e.getMessage().startsWith("short-row.tsv:4: expected 15"), e.getMessage());
    }

    @Test
    void aMissingResourceSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelCatalog.fromResource(ModelCatalogTest.class, "no-such.tsv"));
        assertTrue(e.getMessage().contains("no-such.tsv is missing"), e.getMessage());
    }
}
