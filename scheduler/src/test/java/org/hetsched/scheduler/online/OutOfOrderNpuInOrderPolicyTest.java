package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceRow;
import org.junit.jupiter.api.Test;

class OutOfOrderNpuInOrderPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new OutOfOrderPolicy(true);
    }

    @Test
    void isNamedAsTheVariant() {
        assertEquals("ooe-npu-in-order", newPolicy().name());
        assertEquals("ooe", new OutOfOrderPolicy().name());
    }

    /** On the NPU, of two tasks ready together the one with the smaller id starts first, as in-order has it. */
    @Test
    void theNpuRunsItsReadyTasksInIdOrder() {
        for (CostTable costs : fixtures()) {
            Trace trace = new Engine(costs).run(newPolicy());
            List<TraceRow> rows = trace.rows().stream()
                    .filter(r -> costs.platform().processor(r.processor()).kind() == ProcessorKind.NPU)
                    .sorted(Comparator.comparingLong(TraceRow::startNs)).toList();
            for (TraceRow earlier : rows) {
                for (TraceRow later : rows) {
                    if (earlier.startNs() >= later.startNs() || later.task() > earlier.task()) continue;
                    long readyAt = readyAtNs(trace, later.task());
                    assertTrue(readyAt > earlier.startNs(), "NPU task " + later.task() + " was ready at " + readyAt + " but "
                            + earlier.task() + " started first at " + earlier.startNs());
                }
            }
        }
    }
}
