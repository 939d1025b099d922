package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.TraceValidator;

class OutOfOrderPolicyProperties {

    @Provide
    Arbitrary<CostTable> prefill() {
        return RandomGraphs.prefill();
    }

    @Provide
    Arbitrary<CostTable> generic() {
        return RandomGraphs.generic();
    }

    @Property(tries = 200)
    void incrementalScoresEqualAFromScratchComputationOnPrefillGraphs(@ForAll("prefill") CostTable costs) {
        checkEveryDecision(costs);
    }

    @Property(tries = 200)
    void incrementalScoresEqualAFromScratchComputationOnGenericGraphs(@ForAll("generic") CostTable costs) {
        checkEveryDecision(costs);
    }

    /** At every decision: every offered task's score as held equals the recomputed one, and the choice follows. */
    private static void checkEveryDecision(CostTable costs) {
        OutOfOrderProbe probe = new OutOfOrderProbe();
        TraceValidator.validate(new Engine(costs).run(probe));
        for (OutOfOrderProbe.Decision d : probe.decisions()) {
            String where = costs.graph().name() + ", processor " + d.processor() + " at " + d.nowNs() + " ns";
            assertEquals(d.bruteForce(), d.incremental(), where);
            assertEquals(d.expected(), d.chosen(), where);
        }
    }
}
