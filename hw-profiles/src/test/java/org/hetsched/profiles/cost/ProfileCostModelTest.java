package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostModelContractTest;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.format.AnalyticCosts;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

class ProfileCostModelTest extends CostModelContractTest {
    private static final DeviceProfile SD8GEN3 = ProfileCatalog.builtIn().get("sd8gen3-bottom-up");
    private static final ProfileCostModel MODEL = new ProfileCostModel(SD8GEN3);
    private static final Placement NPU_INT8 = new Placement(ProcessorKind.NPU, DType.INT8, DType.FP16);
    private static final Placement CPU_FP32 = new Placement(ProcessorKind.CPU, DType.FP32, DType.FP32);

    /** A small model, so the sample graphs stay small but exercise every plan op. */
    static final ModelSpec SMALL = new ModelSpec("small", 3, 256, 4, 2, 64, 512, FfnKind.GATED_SILU, NormKind.RMS_NORM,
            false, 1000, 4096, 0, 1e-6, 10_000);

    @Override
    protected CostModel costModel() {
        return MODEL;
    }

    @Override
    protected Platform platform() {
        return MODEL.platform();
    }

    @Override
    protected List<Task> sampleTasks() {
        return sampleTasks(List.of("llm.npu", "llm.npu+gpu", "npu-naive", "cpu-only"));
    }

    static List<Task> sampleTasks(List<String> plans) {
        List<Task> tasks = new ArrayList<>();
        for (String plan : plans) {
            PrefillConfig config = PrefillConfig.withDefaultShadowLayers(SMALL, PlanCatalog.builtIn().get(plan), 100, 32);
            tasks.addAll(PrefillGraphBuilder.build(config).tasks());
        }
        return tasks;
    }

    private static Processor processor(String name) {
        return MODEL.platform().byName(name);
    }

    @Test
    void aDtypeTheProcessorLacksIsUnsupported() {
        Task task = Tasks.of(Op.probe(OpKind.LINEAR, 1, 32, 256, 256), new Placement(ProcessorKind.GPU, DType.INT8, DType.FP16));
        assertEquals(TaskCost.UNSUPPORTED, MODEL.cost(task, processor("gpu")));
        Task floatOnly = Tasks.of(Op.probe(OpKind.NORM, 1, 32, 1, 256), new Placement(ProcessorKind.NPU, DType.INT8, DType.FP32));
        assertEquals(TaskCost.UNSUPPORTED, MODEL.cost(floatOnly, processor("npu")), "the NPU has no FP32 for the norm");
    }

    /**
     * The one case where the backend's rule and this model used to disagree: a profile built in code
     * (the reader refuses it) with analytic parameters for a dtype the processor does not compute.
     * The model priced it, the eligibility rule refuses it; the rule wins, as
     * {@link #aDtypeTheProcessorLacksIsUnsupported} and the {@link CostModel} contract require.
     */
    @Test
    void analyticParametersForADtypeTheProcessorLacksDoNotMakeItEligible() {
        AnalyticCosts npuInt8 = SD8GEN3.analytic().stream().filter(a -> a.processor().equals("npu") && a.dtype() == DType.INT8)
                .findFirst().orElseThrow();
        List<AnalyticCosts> analytic = new ArrayList<>(SD8GEN3.analytic());
        analytic.add(new AnalyticCosts("gpu", DType.INT8, npuInt8.matmul(), npuInt8.elementwise()));
        DeviceProfile extra = new DeviceProfile(SD8GEN3.name(), SD8GEN3.description(), SD8GEN3.sources(), SD8GEN3.processors(),
                analytic, SD8GEN3.costs(), SD8GEN3.sync(), SD8GEN3.graphPreparation(), SD8GEN3.measuredOn());
        ProfileCostModel model = new ProfileCostModel(extra);
        Processor gpu = model.platform().byName("gpu");
        Task task = Tasks.of(Op.probe(OpKind.LINEAR, 1, 32, 256, 256), new Placement(ProcessorKind.GPU, DType.INT8, DType.FP16));
        assertFalse(gpu.dtypes().contains(DType.INT8));
        assertFalse(Eligibility.eligible(task, gpu));
        assertEquals(TaskCost.UNSUPPORTED, model.cost(task, gpu));
    }

    @Test
    void basisIsTheWorstOfTheOpsAndAnalyticOpsAreListed() {
        Op measured = Op.probe(OpKind.LINEAR, 1, 64, 2048, 2048);
        Op interpolated = Op.probe(OpKind.LINEAR, 1, 256, 2048, 5504);
        Op norm = Op.probe(OpKind.NORM, 1, 256, 1, 2048);
        Op act = Op.probe(OpKind.ACTIVATION, 1, 256, 1, 5504);
        Processor npu = processor("npu");
        assertEquals(CostBasis.MEASURED, MODEL.cost(Tasks.of(measured, NPU_INT8), npu).basis());
        assertEquals(CostBasis.INTERPOLATED, MODEL.cost(Tasks.of(List.of(measured, interpolated), NPU_INT8), npu).basis());
        TaskCost mixed = MODEL.cost(Tasks.of(List.of(measured, norm, interpolated, act, norm), NPU_INT8), npu);
        assertEquals(CostBasis.ANALYTIC, mixed.basis());
        assertEquals(List.of("NORM/FP16", "ACTIVATION/FP16"), mixed.analyticOps(), "each kind/dtype once, in op order");
    }

    @Test
    void aTaskCostsTheSumOfItsOps() {
        Op a = Op.probe(OpKind.LINEAR, 1, 256, 2048, 5504);
        Op b = Op.probe(OpKind.SOFTMAX, 16, 256, 1, 1024);
        Op c = Op.probe(OpKind.ATTENTION_SCORE, 16, 256, 128, 1024);
        Processor cpu = processor("cpu");
        long sum = 0;
        for (Op op : List.of(a, b, c)) sum += MODEL.cost(Tasks.of(op, CPU_FP32), cpu).durationNs();
        long whole = MODEL.cost(Tasks.of(List.of(a, b, c), CPU_FP32), cpu).durationNs();
        assertTrue(Math.abs(whole - sum) <= 1, "rounded once: " + whole + " vs " + sum);
    }

    @Test
    void aTaskWithoutOpsCostsNothing() {
        assertEquals(new TaskCost(0, CostBasis.MEASURED, List.of()), MODEL.cost(Tasks.of(List.of(), NPU_INT8), processor("npu")));
    }

    @Test
    void dispatchOverheadIsOffByDefaultAndAddedOncePerTaskWhenOn() {
        DispatchOverhead withDispatch = new DispatchOverhead(SD8GEN3);
        Task task = Tasks.of(List.of(Op.probe(OpKind.LINEAR, 1, 64, 2048, 2048), Op.probe(OpKind.LINEAR, 1, 64, 2048, 8192)), NPU_INT8);
        long off = MODEL.cost(task, processor("npu")).durationNs();
        assertEquals(900_000 + 1_500_000, off);
        long dispatchNs = Math.round(SD8GEN3.processors().get(0).dispatchOverheadNs().value());
        assertTrue(dispatchNs > 0);
        assertEquals(off + dispatchNs, withDispatch.adjustedNs(task, processor("npu"), off));
        assertTrue(withDispatch.description().contains("dispatch overhead included"));
        assertTrue(!MODEL.description().contains("dispatch"));
    }

    @Test
    void syncAndPreparationComeFromTheProfile() {
        assertEquals(177_330, MODEL.syncNs(processor("cpu"), processor("npu")));
        assertEquals(177_330, MODEL.syncNs(processor("npu"), processor("gpu")));
        assertEquals(0, MODEL.syncNs(processor("cpu"), processor("gpu")));
        Task npuTask = Tasks.of(Op.probe(OpKind.LINEAR, 1, 64, 2048, 2048), NPU_INT8, CPU_FP32);
        assertEquals(150_000_000, MODEL.graphPreparationNs(npuTask, processor("npu")));
        assertEquals(0, MODEL.graphPreparationNs(npuTask, processor("cpu")), "no preparation on the CPU");
        Task cpuTask = Tasks.of(Op.probe(OpKind.LINEAR, 1, 64, 2048, 2048), CPU_FP32);
        assertEquals(0, MODEL.graphPreparationNs(cpuTask, processor("npu")), "never prepared where it may not run");
    }

    @Test
    void aProcessorOfAnotherDeviceIsRejected() {
        Processor foreign = new Processor(0, "tpu", ProcessorKind.NPU, Set.of(DType.INT8));
        Task task = Tasks.of(Op.probe(OpKind.LINEAR, 1, 64, 2048, 2048), NPU_INT8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MODEL.cost(task, foreign));
        assertTrue(e.getMessage().contains("tpu") && e.getMessage().contains("sd8gen3-bottom-up"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MODEL.syncNs(foreign, processor("cpu")));
    }

    @Test
    void nameAndDescriptionNameTheProfileAndItsSources() {
        assertEquals("sd8gen3-bottom-up", MODEL.name());
        assertTrue(MODEL.description().startsWith("device profile sd8gen3-bottom-up: "), MODEL.description());
        assertTrue(MODEL.description().contains("Table 3"), MODEL.description());
    }

    /** Rates the loader accepts can still price a big task beyond the engine's clock: refused, naming task and processor. */
    @Test
    void aTaskCostBeyondTheEngineIsRefusedNotRounded() throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root;
        try (java.io.InputStream in = ProfileCatalog.class.getResourceAsStream("devices/sd8gen3-bottom-up.json")) {
            root = json.readTree(in);
        }
        for (com.fasterxml.jackson.databind.JsonNode a : root.get("analytic")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) a.get("elementwise").get("bytesPerSecond")).put("value", 1e-9);
        }
        ProfileCostModel slow = new ProfileCostModel(org.hetsched.profiles.format.ProfileReader.parse(root.toString(), "slow.json"));
        org.hetsched.core.TimeOverflowException e = assertThrows(org.hetsched.core.TimeOverflowException.class, () -> {
            for (Task task : sampleTasks()) {
                for (Processor p : slow.platform().processors()) slow.cost(task, p);
            }
        });
        assertTrue(e.getMessage().startsWith("device profile " + SD8GEN3.name() + ": task "), e.getMessage());
        assertTrue(e.getMessage().contains("beyond the engine's limit of 9223372036854775807 ns"), e.getMessage());
    }
}
