package org.hetsched.backend.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.profiles.load.WorkloadRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("native")
class ChildProcessReplayerTest {
    @TempDir
    Path dir;

    /** A tiny Qwen2-style config: the catalog models' vocab-sized LM heads are too big for a test. */
    private ReplayRequest tinyRequest() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """);
        return ReplayRequest.of(new WorkloadRequest(config.toString(), "sd8gen3", "llm.npu", null, 64, 16, null, false, false),
                "heft", 3, 256L << 20);
    }

    @Test
    void childProcessReplayRunsTheSameTasksOnTheSameLanesAsInProcess() throws IOException {
        ReplayRequest request = tinyRequest();
        Trace here = RequestReplay.inProcess(request).trace();
        ReplayResult child = new ChildProcessReplayer(List.of()).replay(request);
        Trace there = child.trace();

        assertEquals(List.of(), TraceValidator.violations(there));
        assertEquals(here.graph().size(), there.graph().size());
        assertEquals("heft", there.policy());
        for (int t = 0; t < here.graph().size(); t++) assertEquals(here.processorOf(t), there.processorOf(t), "task " + t);
        assertEquals(1 + there.graph().size() + there.graph().tasks().stream().mapToInt(x -> x.ops().size()).sum(),
                child.events().size());
    }

    @Test
    void aNativeCrashInTheChildBecomesAnErrorAndTheParentSurvives() throws IOException {
        ChildProcessReplayer crashing = new ChildProcessReplayer(List.of(), NativeCrashReplayMain.class);
        ReplayProcessException e = assertThrows(ReplayProcessException.class, () -> crashing.replay(tinyRequest()));
        assertTrue(e.nativeCrash() != null && e.nativeCrash().startsWith("SIGSEGV"), e.getMessage());
        assertTrue(e.getMessage().contains("crashed in native code (SIGSEGV"), e.getMessage());
        // still alive, and a clean request still works afterwards
        assertEquals("heft", new ChildProcessReplayer(List.of()).replay(tinyRequest()).trace().policy());
    }

    @Test
    void aBadRequestInTheChildExitsWithCodeTwo() throws IOException {
        ReplayRequest bad = ReplayRequest.of(new WorkloadRequest(tinyRequest().workload().request().model(), "sd8gen3", "llm.npu", null, 64, 16, null, false, false),
                "no-such-policy", 3, 1 << 20);
        ReplayProcessException e = assertThrows(ReplayProcessException.class, () -> new ChildProcessReplayer(List.of()).replay(bad));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("no-such-policy"), e.getMessage());
    }
}
