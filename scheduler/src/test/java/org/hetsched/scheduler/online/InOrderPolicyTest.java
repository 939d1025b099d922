package org.hetsched.scheduler.online;

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

class InOrderPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new InOrderPolicy();
    }

    /** On each processor, ready tasks start in (chunk, subgraph) order whenever both were ready together. */
    @Test
    void runsReadyTasksInChunkThenSubgraphOrder() {
        for (CostTable costs : fixtures()) {
            Trace trace = new Engine(costs).run(newPolicy());
            List<TraceRow> rows = trace.rows().stream().sorted(Comparator.comparingLong(TraceRow::startNs)).toList();
            for (TraceRow later : rows) {
                for (TraceRow earlier : rows) {
                    if (earlier.processor() != later.processor() || earlier.startNs() >= later.startNs()) continue;
                    // if the later-started task had the smaller id, it must not have been ready when the other started
                    if (later.task() < earlier.task()) {
                        long readyAt = readyAtNs(trace, later.task());
                        assertTrue(readyAt > earlier.startNs(), "task " + later.task() + " was ready at " + readyAt
                                + " but " + earlier.task() + " started first at " + earlier.startNs());
                    }
                }
            }
        }
    }
}
