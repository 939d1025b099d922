package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.junit.jupiter.api.Test;

class HostModelsTest {
    @Test
    void listsTheSyntheticModelsInFileOrder() {
        assertEquals(List.of("host-tiny", "host-tiny-parallel", "host-tiny-window", "host-balanced", "host-stream"), HostModels.names());
        assertEquals(HostModels.names(), HostModels.all().stream().map(ModelSpec::name).toList());
    }

    @Test
    void tinyIsSmallWithGroupedQueryAttention() {
        ModelSpec tiny = HostModels.tiny();
        assertEquals(4, tiny.layers());
        assertEquals(64, tiny.hiddenSize());
        assertEquals(4, tiny.attentionHeads());
        assertEquals(2, tiny.kvHeads());
        assertEquals(FfnKind.GATED_SILU, tiny.ffnKind());
        assertEquals(NormKind.RMS_NORM, tiny.normKind());
        assertTrue(tiny.ffnSize() >= 2 * tiny.hiddenSize() && tiny.ffnSize() <= 4 * tiny.hiddenSize());
    }

    @Test
    void variantsCoverParallelAttentionLayerNormAndASlidingWindow() {
        ModelSpec parallel = HostModels.get("host-tiny-parallel");
        assertTrue(parallel.parallelAttentionMlp());
        assertEquals(NormKind.LAYER_NORM, parallel.normKind());
        assertEquals(FfnKind.PLAIN_GELU, parallel.ffnKind());
        ModelSpec window = HostModels.get("host-tiny-window");
        assertTrue(window.slidingWindowTokens() > 0);
        assertEquals(1, window.kvHeads());
    }

    @Test
    void unknownNameListsTheModels() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> HostModels.get("host-huge"));
        assertTrue(e.getMessage().contains("host-tiny"), e.getMessage());
    }

    @Test
    void syntheticModelsAreNotInThePapersCatalog() {
        for (String name : HostModels.names()) assertFalse(ModelCatalog.builtIn().contains(name), name);
    }
}
