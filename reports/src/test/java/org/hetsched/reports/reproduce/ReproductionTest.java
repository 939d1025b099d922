package org.hetsched.reports.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.Units;
import org.hetsched.core.trace.Metrics;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;

class ReproductionTest {
    private static final String TARGETS = """
            id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note
            range,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,32,64,80,default,prefillMs,100,1,Table 5,
            npu,qwen1.5-1.8b,sd8gen3,llm.npu,in-order,32,64,64,none,busyMs:npu,,0,Fig. 1,
            cpu,qwen1.5-1.8b,sd8gen3,llm.npu,in-order,32,64,64,none,busyMs:cpu,,0,Fig. 1,
            share,,,,,,,,,ratio:npu/cpu,1..2,2,Fig. 1,
            """;

    private static Metrics simulate(int prompt, String policy, List<Integer> shadow) {
        return Simulation.run(new WorkloadRequest("qwen1.5-1.8b", "sd8gen3", "llm.npu", null, prompt, 32, shadow, false, false),
                policy, PolicyOptions.DEFAULTS).metrics();
    }

    @Test
    void predictsWhatSimulateGivesForEachConfiguration() {
        Reproduction r = Reproduction.predict(TargetReader.parse("tiny.csv", TARGETS), null);
        List<Integer> samples = List.of(64, 66, 68, 70, 72, 74, 76, 78, 80);
        assertEquals(samples, r.targets().byId().get("range").promptSamples());
        double mean = samples.stream().mapToDouble(p -> Units.nsToMs(simulate(p, "ooe", null).prefillNs())).average().orElseThrow();
        TargetPrediction range = r.predictions().get(0);
        assertEquals(mean, range.predicted(), 1e-9);
        assertEquals(mean / 100 - 1, range.relativeError().getAsDouble(), 1e-12);
        assertEquals(Math.log(mean / 100), range.logError().getAsDouble(), 1e-12);

        Metrics oneRun = simulate(64, "in-order", List.of());
        double npu = Units.nsToMs(oneRun.processors().stream().filter(u -> u.processor().equals("npu")).findFirst().orElseThrow().busyNs());
        double cpu = Units.nsToMs(oneRun.processors().stream().filter(u -> u.processor().equals("cpu")).findFirst().orElseThrow().busyNs());
        assertEquals(npu, r.predictions().get(1).predicted(), 1e-9);
        assertTrue(r.predictions().get(1).relativeError().isEmpty());
        assertEquals(npu / cpu, r.predictions().get(3).predicted(), 1e-12);
    }

    @Test
    void summarisesOnlyWeightedRowsWithARangeErrorFromTheNearerEnd() {
        Reproduction r = Reproduction.predict(TargetReader.parse("tiny.csv", TARGETS), "sd8gen3");
        assertEquals(List.of("range", "share"), r.weighted().stream().map(p -> p.target().id()).toList());
        TargetPrediction share = r.predictions().get(3);
        double ratio = share.predicted();
        double expected = ratio < 1 ? ratio - 1 : ratio > 2 ? ratio / 2 - 1 : 0;
        assertEquals(expected, share.relativeError().getAsDouble(), 1e-12);
        double rangeLog = r.predictions().get(0).logError().getAsDouble();
        double shareLog = share.logError().getAsDouble();
        assertEquals(rangeLog * rangeLog + 2 * shareLog * shareLog, r.weightedSquaredLogError(), 1e-12);
        double a = Math.abs(r.predictions().get(0).relativeError().getAsDouble());
        double b = Math.abs(share.relativeError().getAsDouble());
        assertEquals(Math.max(a, b), r.maxAbsoluteError().getAsDouble(), 1e-12);
        assertEquals((a + b) / 2, r.medianAbsoluteError().getAsDouble(), 1e-12);
    }

    @Test
    void isDeterministicAndPrintsEveryRowInEachFormat() {
        TargetSet set = TargetReader.parse("tiny.csv", TARGETS);
        Reproduction r = Reproduction.predict(set, null);
        assertEquals(ReproductionTable.json(r), ReproductionTable.json(Reproduction.predict(set, null)));
        String text = ReproductionTable.text(r);
        for (Target t : set.targets()) assertTrue(text.contains(t.id()), t.id());
        assertEquals(set.targets().size() + 1, ReproductionTable.csv(r).lines().count());
        assertFalse(ReproductionTable.json(r).contains("NaN"));
    }
}
