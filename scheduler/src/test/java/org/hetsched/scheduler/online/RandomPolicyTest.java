package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.TraceRow;
import org.hetsched.scheduler.PolicyOptions;
import org.junit.jupiter.api.Test;

class RandomPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new RandomPolicy();
    }

    @Test
    void defaultSeedIsTheOptionsSeed() {
        for (CostTable costs : fixtures()) {
            assertEquals(new Engine(costs).run(new RandomPolicy(PolicyOptions.DEFAULTS.seed())).rows(),
                    new Engine(costs).run(new RandomPolicy()).rows(), costs.graph().name());
        }
    }

    @Test
    void differentSeedsGiveDifferentSchedules() {
        CostTable costs = fixtures().get(0);
        Set<List<TraceRow>> schedules = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) schedules.add(new Engine(costs).run(new RandomPolicy(seed)).rows());
        assertTrue(schedules.size() > 5, schedules.size() + " distinct schedules from 10 seeds");
    }

    /**
     * At time 0 the cpu holds the three chunks' embeds and nothing else; over 300 seeds each is
     * the first to run about 100 times (a count outside 60..140 has a probability below 1e-5).
     */
    @Test
    void drawsUniformlyAmongTheReadyTasks() {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(1),
                TestPlans.llmNpu(), 96, 32, Set.of())), TestPlatforms.phone(), new SimpleCostModel(0));
        int perChunk = costs.graph().size() / costs.graph().chunks();
        int[] firsts = new int[3];
        for (long seed = 0; seed < 300; seed++) {
            var trace = new Engine(costs).run(new RandomPolicy(seed));
            for (int chunk = 0; chunk < 3; chunk++) {
                if (trace.startNs(chunk * perChunk) == 0) firsts[chunk]++;
            }
        }
        for (int chunk = 0; chunk < 3; chunk++) {
            assertTrue(firsts[chunk] >= 60 && firsts[chunk] <= 140, "embed of chunk " + chunk + " first " + firsts[chunk] + " times");
        }
    }
}
