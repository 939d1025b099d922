package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceRow;
import org.junit.jupiter.api.Test;

class StrictInOrderPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new StrictInOrderPolicy();
    }

    /** Each processor starts its tasks in ascending id order, whatever became ready first. */
    @Test
    void everyProcessorRunsItsTasksInIdOrder() {
        for (CostTable costs : fixtures()) {
            Trace trace = new Engine(costs).run(newPolicy());
            for (int p = 0; p < costs.platform().size(); p++) {
                int processor = p;
                List<TraceRow> mine = trace.rows().stream().filter(r -> r.processor() == processor)
                        .sorted(Comparator.comparingLong(TraceRow::startNs).thenComparingInt(TraceRow::task)).toList();
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i - 1).task() < mine.get(i).task(), "processor " + p + " ran task " + mine.get(i).task()
                            + " after " + mine.get(i - 1).task() + " in " + costs.graph());
                }
            }
        }
    }

    /**
     * Where a processor's next task in id order is not ready but a later one is, the strict
     * reading waits and the lenient one does not, so on some fixture the two schedules differ.
     */
    @Test
    void waitsWhereTheLenientReadingSkipsAhead() {
        boolean differed = false;
        for (CostTable costs : fixtures()) {
            Trace strict = new Engine(costs).run(newPolicy());
            Trace lenient = new Engine(costs).run(new InOrderPolicy());
            assertEquals(costs.graph().size(), strict.rows().size());
            if (strict.makespanNs() != lenient.makespanNs()) differed = true;
        }
        assertTrue(differed, "the fixtures should include a graph where the two readings differ");
    }
}
