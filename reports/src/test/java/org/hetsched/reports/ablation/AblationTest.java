package org.hetsched.reports.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.Metrics;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;

class AblationTest {

    @Test
    void everyStepIsTheSimulationOfItsRequestWithDefaultPolicyOptions() {
        Ablation ablation = Ablation.run("qwen1.5-1.8b", "sd8gen3", 300, 128);
        assertEquals(Arrays.asList(AblationStep.values()), ablation.rows().stream().map(AblationRow::step).toList());
        for (AblationRow row : ablation.rows()) {
            Metrics expected = Simulation.run(row.request(), row.step().policy(), PolicyOptions.DEFAULTS).metrics();
            Metrics actual = row.result().metrics();
            assertEquals(expected.makespanNs(), actual.makespanNs(), row.step().label());
            assertEquals(expected.tokensPerSecond(), row.tokensPerSecond(), row.step().label());
            assertEquals(expected.graphPreparationNs(), actual.graphPreparationNs(), row.step().label());
            assertEquals(row.step().plan(), row.result().workload().plan());
        }
        assertEquals(300, ablation.row(AblationStep.NAIVE_NPU).chunkTokens());
        assertTrue(ablation.row(AblationStep.NAIVE_NPU).request().includeGraphPreparation());
        assertTrue(ablation.row(AblationStep.NAIVE_NPU).result().metrics().graphPreparationNs() > 0,
                "the naive NPU step prepares its graphs inside the makespan");
        assertFalse(ablation.row(AblationStep.CHUNK).request().includeGraphPreparation());
        assertEquals(List.of(128, 300, 128, 128, 128), ablation.rows().stream().map(AblationRow::chunkTokens).toList());
    }

    @Test
    void refusesAPromptOrChunkNotAboveZeroNamingBoth() {
        UserInputException e = assertThrows(UserInputException.class, () -> Ablation.run("qwen1.5-1.8b", "sd8gen3", 0, -1));
        assertTrue(e.getMessage().contains("prompt length must be > 0 tokens, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("chunk size must be > 0 tokens, got -1"), e.getMessage());
    }

    @Test
    void refusesAPromptBeyondTheModelsContext() {
        UserInputException e = assertThrows(UserInputException.class, () -> Ablation.run("phi-2", "sd8gen3", 3000, 256));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
    }
}
