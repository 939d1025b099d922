package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hetsched.artefacts.qnn.QnnExecution;
import org.hetsched.artefacts.qnn.QnnNodeEvent;
import org.hetsched.core.trace.ProfilingEvent;
import org.junit.jupiter.api.Test;

/** The split of a run's wall time over ops; needs no QNN. */
class QnnBackendTest {

    private static QnnRun run(long wallNs, QnnNodeEvent... nodes) {
        return new QnnRun(wallNs, new QnnExecution(10, wallNs, -1, -1, List.of(nodes)), Map.of());
    }

    private static QnnNodeEvent node(String name, long cycles) {
        return new QnnNodeEvent(name, name + ":OpId_1 (cycles)", cycles, ProfilingEvent.Unit.CYCLES);
    }

    @Test
    void splitsTheWallTimeInProportionToEachOpsCycles() {
        QnnRun r = run(1_000, node("op0.o_proj.quantize_input", 100), node("op0.o_proj.matmul", 200), node("op1.dequantize.dequantize", 0),
                node("op2.residual_add.add", 700));
        assertArrayEquals(new long[] {300, 0, 700}, QnnBackend.opNs(r, 3));
    }

    @Test
    void qnnsOwnNodesAreSpreadOverTheOpsAndOpsWithoutNodesGetZero() {
        QnnRun r = run(900, node("Input OpId_2", 500), node("op0.a.x", 100), node("op2.b.x", 200), node("Output OpId_3", 500));
        long[] ns = QnnBackend.opNs(r, 3);
        assertArrayEquals(new long[] {300, 0, 600}, ns);
    }

    @Test
    void sharesAddUpToTheWallTimeExactly() {
        QnnRun r = run(1_000, node("op0.a.x", 1), node("op1.b.x", 1), node("op2.c.x", 1));
        long[] ns = QnnBackend.opNs(r, 3);
        assertEquals(1_000, ns[0] + ns[1] + ns[2]);
        assertTrue(Math.abs(ns[0] - 333) <= 1 && Math.abs(ns[2] - 333) <= 1, java.util.Arrays.toString(ns));
    }

    @Test
    void zeroCyclesEverywhereSplitEvenlyOverOpsWithNodes() {
        QnnRun r = run(100, node("op0.a.x", 0), node("op2.c.x", 0), node("op9.out_of_range.x", 5));
        assertArrayEquals(new long[] {50, 0, 50}, QnnBackend.opNs(r, 3));
    }

    @Test
    void aProfileNamingNoOpIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> QnnBackend.opNs(run(100, node("Input OpId_2", 3)), 2));
        assertTrue(e.getMessage().contains("names no node after an op"), e.getMessage());
    }

    @Test
    void lanesAreAnNpuAndACpu() {
        assertEquals(List.of("npu", "cpu"), QnnBackend.lanes().processors().stream().map(p -> p.name()).toList());
        assertEquals(QnnBackend.NPU, QnnBackend.lanes().processors().get(0).id());
    }
}
