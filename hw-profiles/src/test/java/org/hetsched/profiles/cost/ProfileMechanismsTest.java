package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.PlanCatalog;
import org.junit.jupiter.api.Test;

/**
 * The optional prefill mechanisms of a profile, priced on the made-up two-processor device
 * (format/minimal-profile.json) and on cost/mechanisms-profile.json, which adds every mechanism to
 * it. Expectations are worked out by hand from the formulas in hw-profiles/README.md.
 */
class ProfileMechanismsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Placement CPU_FP32 = new Placement(ProcessorKind.CPU, DType.FP32, DType.FP32);

    private static String resource(String path) {
        try (InputStream in = ProfileMechanismsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static DeviceProfile minimal() {
        return ProfileReader.parse(resource("/org/hetsched/profiles/format/minimal-profile.json"), "minimal.json");
    }

    private static DeviceProfile mechanisms() {
        return ProfileReader.parse(resource("mechanisms-profile.json"), "mechanisms.json");
    }

    /** The minimal profile changed by {@code edit}. */
    private static DeviceProfile minimalWith(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(resource("/org/hetsched/profiles/format/minimal-profile.json"));
            edit.accept(root);
            return ProfileReader.parse(root.toString(), "edited.json");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sourced(ObjectNode parent, String field, double value) {
        ObjectNode o = parent.putObject(field);
        o.put("value", value);
        o.put("source", "made-up");
    }

    /** tiny(2) (hidden 64, 4 heads of 16, 2 K/V heads, FFN 128, vocabulary 1000) under llm.npu, 64 tokens in chunks of 32. */
    private static TaskGraph tinyPrefill(Set<Integer> shadowLayers) {
        return PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), PlanCatalog.builtIn().get("llm.npu"), 64, 32, shadowLayers));
    }

    private static long cost(ProfileCostModel model, Task task, Processor p) {
        return model.cost(task, p).durationNs();
    }

    @Test
    void theShadowSplitCostsEveryShadowedLayersNpuTaskInEveryChunkAndNothingElse() {
        ProfileCostModel without = new ProfileCostModel(minimal());
        ProfileCostModel with = new ProfileCostModel(minimalWith(r -> sourced(r.putObject("shadow"), "npuSplitUs", 250)));
        TaskGraph graph = tinyPrefill(Set.of(0));
        List<String> split = new ArrayList<>();
        for (Task t : graph.tasks()) {
            for (Processor p : with.platform().processors()) {
                if (!with.cost(t, p).supported()) continue;
                long extra = cost(with, t, p) - cost(without, t, p);
                if (extra != 0) {
                    assertEquals(250_000, extra, t.label() + " on " + p.name());
                    split.add(t.chunk() + ":" + t.subgraph().name() + "@" + t.subgraph().layer() + ":" + p.name());
                }
            }
        }
        // layer 0 keeps its outliers: its ffn (O projection through the next QKV) splits on the NPU, once per chunk
        assertEquals(List.of("0:ffn@0:npu", "1:ffn@0:npu"), split);
    }

    @Test
    void withoutShadowLayersTheSplitCostsNothing() {
        ProfileCostModel without = new ProfileCostModel(minimal());
        ProfileCostModel with = new ProfileCostModel(minimalWith(r -> sourced(r.putObject("shadow"), "npuSplitUs", 250)));
        TaskGraph graph = tinyPrefill(Set.of());
        for (Task t : graph.tasks()) {
            for (Processor p : with.platform().processors()) assertEquals(without.cost(t, p), with.cost(t, p), t.label());
        }
    }

    @Test
    void theShadowSplitIsInTheCostTableThatBoundsAndTheSolverRead() {
        DeviceProfile profile = minimalWith(r -> sourced(r.putObject("shadow"), "npuSplitUs", 250));
        ProfileCostModel model = new ProfileCostModel(profile);
        TaskGraph graph = tinyPrefill(Set.of(1));
        CostTable with = CostTable.build(graph, model.platform(), model);
        CostTable without = CostTable.build(graph, model.platform(), new ProfileCostModel(minimal()));
        int npu = profile.processorId("npu");
        for (Task t : graph.tasks()) {
            boolean shadowed = t.subgraph().name().equals("ffn") && t.subgraph().layer() == 1;
            assertEquals(shadowed, t.subgraph().shadowed(), t.label());
            if (with.eligible(t.id(), npu)) {
                assertEquals(without.durationNs(t.id(), npu) + (shadowed ? 250_000 : 0), with.durationNs(t.id(), npu), t.label());
            }
        }
    }

    @Test
    void attentionMatmulsFollowTheContextCurveAndOtherMatmulsTheRoofline() {
        ProfileCostModel plain = new ProfileCostModel(minimal());
        ProfileCostModel curve = new ProfileCostModel(mechanisms());
        Processor cpu = curve.platform().processor(1);
        // 4 heads × 64 queries × 16 head dim × 1024 keys = 4,194,304 MACs; L = 1024 keys:
        // rate 1e11 / (1 + 1024/512) = 3.333e10 MAC/s → 125,829.12 ns (memory: 1,327,104 bytes at 50 B/ns = 26,542 ns)
        Op score = Op.probe(OpKind.ATTENTION_SCORE, 4, 64, 16, 1024);
        Op value = Op.probe(OpKind.ATTENTION_VALUE, 4, 64, 1024, 16);
        assertEquals(125_829, curve.cost(Tasks.of(score, CPU_FP32), cpu).durationNs());
        assertEquals(125_829, curve.cost(Tasks.of(value, CPU_FP32), cpu).durationNs());
        // the matmul roofline: 4,194,304 MACs at 1e11 MAC/s
        assertEquals(41_943, plain.cost(Tasks.of(score, CPU_FP32), cpu).durationNs());
        // L = 256: 1,048,576 MACs at 1e11 / 1.5 MAC/s → 15,728.64 ns (memory: 344,064 bytes, 6,881 ns)
        assertEquals(15_729, curve.cost(Tasks.of(Op.probe(OpKind.ATTENTION_SCORE, 4, 64, 16, 256), CPU_FP32), cpu).durationNs());
        Op linear = Op.probe(OpKind.LINEAR, 1, 64, 1024, 64);
        assertEquals(41_943, curve.cost(Tasks.of(linear, CPU_FP32), cpu).durationNs(), "a weight matmul keeps the roofline's rate");
    }

    @Test
    void measuredAttentionPointsWinOverTheCurve() {
        DeviceProfile profile = minimalWith(r -> {
            ObjectNode attention = ((ObjectNode) r.at("/analytic/2")).putObject("attention");
            sourced(attention, "macsPerSecond", 1e11);
            sourced(attention, "halfRateContextTokens", 512);
            ObjectNode entry = r.withArray("costs").addObject();
            entry.put("processor", "cpu");
            entry.put("kind", "ATTENTION_SCORE");
            entry.put("dtype", "FP32");
            entry.put("source", "made-up");
            ObjectNode point = entry.putArray("points").addObject();
            point.put("batch", 4);
            point.put("m", 64);
            point.put("k", 16);
            point.put("n", 1024);
            point.put("latencyMs", 0.07);
        });
        ProfileCostModel model = new ProfileCostModel(profile);
        Processor cpu = model.platform().processor(1);
        assertEquals(70_000, model.cost(Tasks.of(Op.probe(OpKind.ATTENTION_SCORE, 4, 64, 16, 1024), CPU_FP32), cpu).durationNs());
    }

    @Test
    void weightBytesCountEachLayersLinearsOnceInThePlacementsDtype() {
        TaskGraph graph = tinyPrefill(Set.of());
        // NPU, INT8: qkv0 = Q 64×64 + K 64×32 + V 64×32 = 8192; ffn of layer 0 = O 64×64 + gate, up 64×128 + down 128×64
        // + layer 1's QKV 8192 = 36,864; ffn of layer 1 (no next layer) = 28,672; one byte each
        assertEquals(8192 + 36_864 + 28_672, graph.weightBytes(ProcessorKind.NPU));
        // CPU, FP32: the embedding table 1000×64 and the LM head 64×1000, four bytes each
        assertEquals(4L * (64_000 + 64_000), graph.weightBytes(ProcessorKind.CPU));
        assertEquals(0, graph.weightBytes(ProcessorKind.GPU));
    }

    @Test
    void theSetupIsTheConstantPlusTheWeightsBeyondMemoryOverTheRemapRate() {
        DeviceProfile profile = mechanisms();
        TaskGraph graph = tinyPrefill(Set.of());
        // 500 ms + (73,728 − 70,000 bytes) / 1e6 bytes/s = 500 ms + 3.728 ms
        assertEquals(503_728_000, new PrefillSetupTime(profile).setupNs(graph, profile.platform()));
        DeviceProfile roomy = minimalWith(r -> {
            ObjectNode prefill = r.putObject("prefill");
            sourced(prefill, "setupMs", 500);
            ObjectNode remap = prefill.putObject("weightRemap");
            remap.put("processor", "npu");
            sourced(remap, "bytesPerSecond", 1e6);
        });
        assertEquals(500_000_000, new PrefillSetupTime(roomy).setupNs(graph, roomy.platform()), "4 GB hold every weight");
        assertEquals(0, new PrefillSetupTime(minimal()).setupNs(graph, minimal().platform()), "no prefill section");
    }

    @Test
    void theSetupIsSerialWithTheGraphAndLeavesTheMakespanAlone() {
        DeviceProfile profile = mechanisms();
        ProfileCostModel model = new ProfileCostModel(profile);
        TaskGraph graph = tinyPrefill(Set.of());
        CostTable costs = CostTable.build(graph, model.platform(), model);
        Trace without = new Engine(costs, EngineOptions.DEFAULTS).run(new LowestIdFirstPolicy());
        Trace with = new Engine(costs, new EngineOptions(false, false, List.of(new PrefillSetupTime(profile))))
                .run(new LowestIdFirstPolicy());
        Metrics a = Metrics.of(without, 0);
        Metrics b = Metrics.of(with, 0);
        assertEquals(0, a.setupNs());
        assertEquals(503_728_000, b.setupNs());
        assertEquals(a.makespanNs(), b.makespanNs());
        assertEquals(b.makespanNs() + 503_728_000, b.prefillNs());
        assertEquals(64 / ((b.makespanNs() + 503_728_000) / 1e9), b.tokensPerSecond(), 1e-9);
        assertEquals(64 / (a.makespanNs() / 1e9), a.tokensPerSecond(), 1e-9);
        for (int p = 0; p < a.processors().size(); p++) {
            ProcessorUsage u = b.processors().get(p);
            assertEquals(a.processors().get(p).busyNs(), u.busyNs(), "busy time excludes the setup");
        }
        assertTrue(b.tokensPerSecond() < a.tokensPerSecond());
    }

    @Test
    void theInvocationCostIsAddedToEveryTaskOnItsProcessorInTheCostTable() {
        DeviceProfile profile = minimalWith(r -> sourced((ObjectNode) r.at("/processors/0"), "invocationUs", 40));
        assertTrue(InvocationOverhead.applies(profile));
        assertFalse(InvocationOverhead.applies(minimal()));
        ProfileCostModel model = new ProfileCostModel(profile);
        TaskGraph graph = tinyPrefill(Set.of(0));
        CostTable plain = CostTable.build(graph, model.platform(), model);
        CostTable priced = new EngineOptions(false, false, List.of(new InvocationOverhead(profile))).pricedCosts(plain);
        for (Task t : graph.tasks()) {
            for (int p = 0; p < 2; p++) {
                if (!plain.eligible(t.id(), p)) continue;
                // 40 µs on the NPU (processor 0), nothing on the CPU, which has no invocationUs
                assertEquals(plain.durationNs(t.id(), p) + (p == 0 ? 40_000 : 0), priced.durationNs(t.id(), p), t.label());
            }
        }
        assertEquals(40_000, new InvocationOverhead(profile).overheadNs(0));
        assertEquals(0, new InvocationOverhead(profile).overheadNs(1));
    }

    /** A profile whose prefill section has only a first-run cost of 7 ms per NPU graph. */
    private static DeviceProfile firstRunOnly() {
        return minimalWith(r -> {
            ObjectNode prefill = r.putObject("prefill");
            sourced(prefill, "setupMs", 0);
            ObjectNode first = prefill.putObject("firstRun");
            first.put("processor", "npu");
            sourced(first, "perGraphMs", 7);
        });
    }

    @Test
    void theFirstRunCostsTheFirstTaskOfEveryNpuStaticGraphOnceAndNothingElse() {
        DeviceProfile profile = firstRunOnly();
        ProfileCostModel model = new ProfileCostModel(profile);
        TaskGraph graph = tinyPrefill(Set.of(0));
        CostTable plain = CostTable.build(graph, model.platform(), new ProfileCostModel(minimal()));
        CostTable with = CostTable.build(graph, model.platform(), model);
        int npu = profile.processorId("npu");
        int cpu = profile.processorId("cpu");
        Set<Integer> seenGraphs = new HashSet<>();
        List<String> charged = new ArrayList<>();
        for (Task t : graph.tasks()) {
            boolean first = seenGraphs.add(t.staticGraph());
            if (with.eligible(t.id(), npu)) {
                long extra = with.durationNs(t.id(), npu) - plain.durationNs(t.id(), npu);
                assertEquals(first ? 7_000_000 : 0, extra, t.label());
                if (extra > 0) charged.add(t.chunk() + ":" + t.subgraph().name() + "@" + t.subgraph().layer());
            }
            if (with.eligible(t.id(), cpu)) assertEquals(plain.durationNs(t.id(), cpu), with.durationNs(t.id(), cpu), t.label());
        }
        // llm.npu on tiny(2): the NPU's static graphs are the first layer's QKV and one ffn per layer, all first run in chunk 0
        assertEquals(List.of("0:qkv0@-1", "0:ffn@0", "0:ffn@1"), charged);
    }

    @Test
    void theFirstRunIsReadAndWrittenBack() {
        DeviceProfile profile = firstRunOnly();
        assertEquals(7_000_000, profile.prefill().firstRun().perGraphNs().value(), 1e-6);
        DeviceProfile again = ProfileReader.parse(ProfileJson.toText(ProfileJson.of(profile)), "again.json");
        assertEquals(profile.prefill(), again.prefill());
    }

    @Test
    void theReshapeSpeedupDividesTheLinearsOfItsProcessorAndDtypeOnly() {
        DeviceProfile plain = minimal();
        DeviceProfile reshaped = minimalWith(r -> {
            for (com.fasterxml.jackson.databind.JsonNode a : r.get("analytic")) {
                if (a.get("processor").asText().equals("npu") && a.get("dtype").asText().equals("INT8")) {
                    sourced((ObjectNode) a, "linearReshapeSpeedup", 1.6);
                }
            }
        });
        ProfileCostModel without = new ProfileCostModel(plain);
        ProfileCostModel with = new ProfileCostModel(reshaped);
        TaskGraph graph = tinyPrefill(Set.of());
        int changed = 0;
        for (Task t : graph.tasks()) {
            for (Processor p : with.platform().processors()) {
                if (!with.cost(t, p).supported()) continue;
                double linears = 0;
                double others = 0;
                ProfileCostModel one = without;
                for (org.hetsched.core.graph.Op op : t.ops()) {
                    Task single = new Task(t.id(), t.chunk(), t.subgraph(), List.of(op), t.shapeClass(), t.staticGraph());
                    double ns = one.cost(single, p).durationNs();
                    boolean divided = op.kind() == org.hetsched.core.graph.OpKind.LINEAR && p.name().equals("npu")
                            && t.subgraph().placementOn(p.kind()).dtypeOf(op.kind()) == DType.INT8;
                    if (divided) linears += ns;
                    else others += ns;
                }
                // each op rounds to the ns on its own above, the task once: allow one ns per op
                assertEquals(others + linears / 1.6, cost(with, t, p), t.ops().size() + 1, t.label() + " on " + p.name());
                if (linears > 0) changed++;
            }
        }
        assertTrue(changed > 0, "some NPU INT8 linears must have been priced");
    }

    @Test
    void theShadowCpuSyncCostsEveryShadowTaskOnTheCpuAndNothingElse() {
        ProfileCostModel without = new ProfileCostModel(minimal());
        ProfileCostModel with = new ProfileCostModel(minimalWith(r -> {
            ObjectNode shadow = r.putObject("shadow");
            sourced(shadow, "npuSplitUs", 0);
            sourced(shadow, "cpuSyncUs", 900);
        }));
        TaskGraph graph = tinyPrefill(Set.of(1));
        List<String> charged = new ArrayList<>();
        for (Task t : graph.tasks()) {
            for (Processor p : with.platform().processors()) {
                if (!with.cost(t, p).supported()) continue;
                long extra = cost(with, t, p) - cost(without, t, p);
                if (extra != 0) {
                    assertEquals(900_000, extra, t.label() + " on " + p.name());
                    charged.add(t.chunk() + ":" + t.subgraph().name() + "@" + t.subgraph().layer() + ":" + p.name());
                }
            }
        }
        // layer 1 keeps its outliers: its SHADOW subgraph, on the CPU, once per chunk
        assertEquals(List.of("0:shadow@1:cpu", "1:shadow@1:cpu"), charged);
    }
}
