package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class FifoPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new FifoPolicy();
    }

    /** Of two tasks started on one processor, the one started first became ready no later (or was alone). */
    @Test
    void startsTheEarliestReadyTaskFirst() {
        for (CostTable costs : fixtures()) {
            Trace trace = new Engine(costs).run(newPolicy());
            int n = trace.graph().size();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (trace.processorOf(a) != trace.processorOf(b) || trace.startNs(a) >= trace.startNs(b)) continue;
                    long readyA = readyAtNs(trace, a);
                    long readyB = readyAtNs(trace, b);
                    // b was ready when a started, so FIFO must have preferred the earlier-ready (or lower-id) one
                    if (readyB <= trace.startNs(a)) {
                        assertTrue(readyA < readyB || (readyA == readyB && a < b),
                                "task " + a + " (ready " + readyA + ") started before " + b + " (ready " + readyB + ")");
                    }
                }
            }
        }
    }
}
