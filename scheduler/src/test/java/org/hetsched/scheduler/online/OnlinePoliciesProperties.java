package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.bound.MakespanLowerBound;

/** Every online policy of this package yields a valid schedule no shorter than the lower bound. */
class OnlinePoliciesProperties {

    private static List<Policy> policies() {
        return List.of(new OutOfOrderPolicy(), new PipelinePolicy(), new PipelinePolicy(1), new CriticalPathPolicy(),
                new DmdaPolicy(), new RandomPolicy(), new RandomPolicy(7));
    }

    @Provide
    Arbitrary<CostTable> prefill() {
        return RandomGraphs.prefill();
    }

    @Provide
    Arbitrary<CostTable> generic() {
        return RandomGraphs.generic();
    }

    @Property(tries = 150)
    void validAndNoShorterThanTheLowerBoundOnPrefillGraphs(@ForAll("prefill") CostTable costs) {
        check(costs);
    }

    @Property(tries = 150)
    void validAndNoShorterThanTheLowerBoundOnGenericGraphs(@ForAll("generic") CostTable costs) {
        check(costs);
    }

    private static void check(CostTable costs) {
        long bound = MakespanLowerBound.of(costs).bestNs();
        for (Policy policy : policies()) {
            Trace trace = new Engine(costs).run(policy);
            assertEquals(List.of(), TraceValidator.violations(trace), policy.name() + " on " + costs.graph().name());
            assertTrue(trace.makespanNs() >= bound, policy.name() + " on " + costs.graph().name() + ": makespan "
                    + trace.makespanNs() + " < lower bound " + bound);
        }
    }
}
