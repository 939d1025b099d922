package org.hetsched.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.profiles.format.AnalyticCosts;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredCosts;
import org.hetsched.profiles.format.SyncCost;
import org.junit.jupiter.api.Test;

/**
 * Re-does the derivations written in the built-in profiles' sources from the numbers they start
 * from, so that a number and its written derivation cannot drift apart.
 */
class BuiltInProfileDerivationTest {
    // SoC spec table of llm-npu-facts.md; the A720s' "3.2/3.0 GHz" taken at the midpoint, as the profile says.
    private static final double CORE_GHZ_8GEN3 = 3.3 + 5 * 3.1 + 2 * 2.3;
    private static final double CORE_GHZ_8GEN2 = 3.2 + 4 * 2.8 + 3 * 2.0;
    private static final double DRAM_BYTES_PER_S_8GEN3 = 77e9;
    private static final double DRAM_BYTES_PER_S_8GEN2 = 67e9;
    // The profile's stated assumptions for the CPU FP32 rate.
    private static final double FP32_MACS_PER_CORE_CYCLE = 8;
    private static final double ATTENTION_EFFICIENCY = 0.5;
    // arXiv 2407.05858 Fig. 2: Qwen1.5-1.8B graph build and optimise.
    private static final double QWEN_PREPARATION_MS = 450 + 3300;
    /** The NPU fill the profile derives from the paper's chunk choice. */
    private static final int FILL_ROWS = 256;
    private static final double REL = 1e-4;

    /** The bottom-up profile: Table 3 and the spec, before any fit. */
    private final DeviceProfile sd8gen3 = ProfileCatalog.builtIn().get("sd8gen3-bottom-up");
    /** The default sd8gen3: the bottom-up one with its prefill mechanisms fitted to end-to-end measurements. */
    private final DeviceProfile fitted = ProfileCatalog.builtIn().get("sd8gen3");
    private final DeviceProfile sd8gen2 = ProfileCatalog.builtIn().get("sd8gen2");

    private static MeasuredCosts measured(DeviceProfile p, String processor, DType dtype) {
        return p.costs().stream().filter(c -> c.processor().equals(processor) && c.kind() == OpKind.LINEAR && c.dtype() == dtype)
                .findFirst().orElseThrow();
    }

    private static AnalyticCosts analytic(DeviceProfile p, String processor, DType dtype) {
        return p.analytic().stream().filter(a -> a.processor().equals(processor) && a.dtype() == dtype).findFirst().orElseThrow();
    }

    private static double sync(DeviceProfile p, String from, String to) {
        for (SyncCost s : p.sync()) if (s.from().equals(from) && s.to().equals(to)) return s.latencyNs().value();
        throw new AssertionError("no sync " + from + "->" + to);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * REL, what);
    }

    /** Latency (ns) against x(point), with or without an intercept. */
    private static SimpleRegression fit(MeasuredCosts costs, boolean intercept, boolean filledRows) {
        SimpleRegression r = new SimpleRegression(intercept);
        for (CostPoint p : costs.points()) {
            double rows = filledRows ? Math.max(p.m(), FILL_ROWS) : p.m();
            r.addData(rows * p.k() * p.n(), p.latencyNs());
        }
        return r;
    }

    @Test
    void npuRooflinesAreTheTable3Fits() {
        SimpleRegression int8 = fit(measured(sd8gen3, "npu", DType.INT8), true, true);
        AnalyticCosts.Matmul npuInt8 = analytic(sd8gen3, "npu", DType.INT8).matmul();
        assertRelative(int8.getIntercept(), npuInt8.fixedNs().value(), "NPU INT8 intercept");
        assertRelative(1e9 / int8.getSlope(), npuInt8.macsPerSecond().value(), "NPU INT8 MAC rate");
        assertEquals(FILL_ROWS, npuInt8.minRows());

        AnalyticCosts.Matmul npuFp16 = analytic(sd8gen3, "npu", DType.FP16).matmul();
        assertTrue(fit(measured(sd8gen3, "npu", DType.FP16), true, true).getIntercept() < 0, "why the FP16 line goes through 0");
        assertEquals(0, npuFp16.fixedNs().value());
        assertRelative(1e9 / fit(measured(sd8gen3, "npu", DType.FP16), false, true).getSlope(), npuFp16.macsPerSecond().value(),
                "NPU FP16 MAC rate");
        assertEquals(FILL_ROWS, npuFp16.minRows());
    }

    @Test
    void cpuAndGpuRooflinesAreTheTable3Fits() {
        SimpleRegression cpu = fit(measured(sd8gen3, "cpu", DType.INT8), true, false);
        AnalyticCosts.Matmul cpuInt8 = analytic(sd8gen3, "cpu", DType.INT8).matmul();
        assertRelative(cpu.getIntercept(), cpuInt8.fixedNs().value(), "CPU INT8 intercept");
        assertRelative(1e9 / cpu.getSlope(), cpuInt8.macsPerSecond().value(), "CPU INT8 MAC rate");

        double gpuIntercept = fit(measured(sd8gen3, "gpu", DType.FP16), true, false).getIntercept();
        assertTrue(gpuIntercept < 0 && gpuIntercept > -50_000, "the GPU's free intercept is about 0: " + gpuIntercept);
        AnalyticCosts.Matmul gpuFp16 = analytic(sd8gen3, "gpu", DType.FP16).matmul();
        assertEquals(0, gpuFp16.fixedNs().value());
        assertRelative(1e9 / fit(measured(sd8gen3, "gpu", DType.FP16), false, false).getSlope(), gpuFp16.macsPerSecond().value(),
                "GPU FP16 MAC rate");
    }

    @Test
    void floatRatesFollowFromTheSpecAndTheLaneWidths() {
        double cpuFp32 = analytic(sd8gen3, "cpu", DType.FP32).matmul().macsPerSecond().value();
        assertRelative(CORE_GHZ_8GEN3 * 1e9 * FP32_MACS_PER_CORE_CYCLE * ATTENTION_EFFICIENCY, cpuFp32, "CPU FP32");
        assertRelative(2 * cpuFp32, analytic(sd8gen3, "cpu", DType.FP16).matmul().macsPerSecond().value(), "CPU FP16");
        assertRelative(analytic(sd8gen3, "gpu", DType.FP16).matmul().macsPerSecond().value() / 2,
                analytic(sd8gen3, "gpu", DType.FP32).matmul().macsPerSecond().value(), "GPU FP32");
        for (AnalyticCosts a : sd8gen3.analytic()) {
            assertEquals(DRAM_BYTES_PER_S_8GEN3, a.matmul().bytesPerSecond().value(), a.processor() + "/" + a.dtype());
            assertEquals(DRAM_BYTES_PER_S_8GEN3, a.elementwise().bytesPerSecond().value(), a.processor() + "/" + a.dtype());
        }
    }

    @Test
    void dispatchAndSyncComeFromTheNpuIntercept() {
        double intercept = analytic(sd8gen3, "npu", DType.INT8).matmul().fixedNs().value();
        assertEquals(intercept, sd8gen3.processors().get(0).dispatchOverheadNs().value());
        assertRelative(intercept / 2, sync(sd8gen3, "cpu", "npu"), "cpu->npu");
        assertRelative(intercept / 2, sync(sd8gen3, "npu", "cpu"), "npu->cpu");
        assertEquals(0, sync(sd8gen3, "cpu", "gpu"));
        assertEquals(sync(sd8gen3, "npu", "cpu") + sync(sd8gen3, "cpu", "gpu"), sync(sd8gen3, "npu", "gpu"));
        assertEquals(sync(sd8gen3, "gpu", "cpu") + sync(sd8gen3, "cpu", "npu"), sync(sd8gen3, "gpu", "npu"));
    }

    @Test
    void graphPreparationSplitsFig2OverLlmNpusNpuGraphs() {
        PrefillConfig config = PrefillConfig.withDefaultShadowLayers(ModelCatalog.builtIn().get("qwen1.5-1.8b"),
                PlanCatalog.builtIn().get("llm.npu"), 1024, 256);
        TaskGraph graph = PrefillGraphBuilder.build(config);
        Set<Integer> npuGraphs = graph.tasks().stream().filter(t -> t.subgraph().placementOn(ProcessorKind.NPU) != null)
                .map(t -> t.staticGraph()).collect(Collectors.toSet());
        assertEquals(25, npuGraphs.size(), "the profile's text says 25 NPU graphs");
        assertRelative(QWEN_PREPARATION_MS * 1e6 / npuGraphs.size(), sd8gen3.graphPreparation().get(0).perGraphNs().value(),
                "per-graph preparation");
    }

    @Test
    void sd8gen2IsSd8gen3ScaledBySpecRatios() {
        double cpuRate = CORE_GHZ_8GEN2 / CORE_GHZ_8GEN3;
        double bandwidth = DRAM_BYTES_PER_S_8GEN2 / DRAM_BYTES_PER_S_8GEN3;
        for (AnalyticCosts a : sd8gen2.analytic()) {
            AnalyticCosts reference = analytic(sd8gen3, a.processor(), a.dtype());
            AnalyticCosts fit = analytic(fitted, a.processor(), a.dtype());
            double rate = a.processor().equals("cpu") ? cpuRate : bandwidth;
            String what = a.processor() + "/" + a.dtype();
            assertRelative(reference.matmul().macsPerSecond().value() * rate, a.matmul().macsPerSecond().value(), what + " MAC rate");
            assertRelative(reference.matmul().fixedNs().value() / rate, a.matmul().fixedNs().value(), what + " fixed");
            // the fill point and the reshape speedup are the fitted sd8gen3's (the same NPU tiling)
            assertEquals(fit.matmul().minRows(), a.matmul().minRows(), what);
            assertEquals(fit.linearSpeedup(), a.linearSpeedup(), what);
            assertEquals(DRAM_BYTES_PER_S_8GEN2, a.matmul().bytesPerSecond().value(), what);
            assertEquals(DRAM_BYTES_PER_S_8GEN2, a.elementwise().bytesPerSecond().value(), what);
            assertEquals(reference.elementwise().fixedNs().value(), a.elementwise().fixedNs().value(), what);
            if (fit.attention() == null) {
                assertNull(a.attention(), what);
            } else {
                assertRelative(fit.attention().macsPerSecond().value() * cpuRate, a.attention().macsPerSecond().value(), what + " attention");
                assertEquals(fit.attention().halfRateContextTokens().value(), a.attention().halfRateContextTokens().value(), what);
            }
        }
        assertEquals(sd8gen3.analytic().size(), sd8gen2.analytic().size());
        double npuDispatch = sd8gen2.processors().get(0).dispatchOverheadNs().value();
        assertRelative(sd8gen3.processors().get(0).dispatchOverheadNs().value() / bandwidth, npuDispatch, "NPU dispatch");
        // hand-offs with the NPU: the fitted sd8gen3's, scaled like the NPU's fixed costs; NPU<->GPU through the CPU
        assertRelative(sync(fitted, "cpu", "npu") / bandwidth, sync(sd8gen2, "cpu", "npu"), "cpu->npu");
        assertRelative(sync(fitted, "npu", "cpu") / bandwidth, sync(sd8gen2, "npu", "cpu"), "npu->cpu");
        assertRelative(sync(sd8gen2, "npu", "cpu") + sync(sd8gen2, "cpu", "gpu"), sync(sd8gen2, "npu", "gpu"), "npu->gpu");
        assertRelative(sync(sd8gen2, "gpu", "cpu") + sync(sd8gen2, "cpu", "npu"), sync(sd8gen2, "gpu", "npu"), "gpu->npu");
        assertRelative(sd8gen3.graphPreparation().get(0).perGraphNs().value() / cpuRate,
                sd8gen2.graphPreparation().get(0).perGraphNs().value(), "graph preparation");
        assertEquals(sd8gen3.processors().get(0).memoryBytes(), sd8gen2.processors().get(0).memoryBytes());
        assertNull(sd8gen2.processors().get(0).powerW());
        // the prefill mechanisms: CPU work by the core-GHz ratio, NPU work and rates by the DRAM ratio
        assertRelative(fitted.prefill().setupNs().value() / cpuRate, sd8gen2.prefill().setupNs().value(), "setup");
        assertRelative(fitted.prefill().weightRemap().bytesPerSecond().value() * bandwidth,
                sd8gen2.prefill().weightRemap().bytesPerSecond().value(), "re-mapping rate");
        assertRelative(fitted.prefill().firstRun().perGraphNs().value() / bandwidth, sd8gen2.prefill().firstRun().perGraphNs().value(),
                "first run");
        assertRelative(fitted.shadow().npuSplitNs().value() / bandwidth, sd8gen2.shadow().npuSplitNs().value(), "shadow split");
        assertRelative(fitted.shadow().cpuSync() / cpuRate, sd8gen2.shadow().cpuSync(), "shadow CPU sync");
        assertEquals(fitted.contention().size(), sd8gen2.contention().size());
        for (int i = 0; i < fitted.contention().size(); i++) {
            assertEquals(fitted.contention().get(i).slowdown().value(), sd8gen2.contention().get(i).slowdown().value(), "contention");
        }
    }
}
