package org.hetsched.backend.qnn.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hetsched.backend.qnn.QnnRuntime;
import org.hetsched.core.trace.ProfilingEvent;
import org.junit.jupiter.api.Test;

/**
 * Path B against a real QNN backend library. Runs only where the adapter was built (QNN_SDK_ROOT
 * set at build time) and {@value QnnRuntime#DIR_ENV} names a directory with {@code libQnnHtp.so};
 * otherwise skipped with a message saying how to enable it, also under {@code CI=true}, since CI has
 * no QNN SDK to build the adapter with.
 */
class QnnDirectTest {
    static final String ENABLE = "build with QNN_SDK_ROOT set to a QAIRT SDK (it compiles the adapter) and set " + QnnRuntime.DIR_ENV
            + " to a directory holding libQnnHtp.so (e.g. an onnxruntime-qnn 2.7.0 install's onnxruntime_qnn folder)";

    private static Path htpLibrary() {
        assumeTrue(QnnDirect.isAvailable(), "QnnDirect tests skipped, the adapter was not built: " + ENABLE);
        Optional<Path> dir = QnnRuntime.configuredDirectory();
        assumeTrue(dir.isPresent(), "QnnDirect tests skipped, " + QnnRuntime.DIR_ENV + " is not set: " + ENABLE);
        return dir.get().resolve(QnnRuntime.HTP_LIBRARY);
    }

    @Test
    void addsOnTheHtpAndReportsNodeEvents() {
        Path htp = htpLibrary();
        int n = 2 * 64;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.25f;
            b[i] = 1.5f - i * 0.125f;
        }
        try (QnnDirect qnn = QnnDirect.open(htp)) {
            assertTrue(qnn.description().contains("core-api=2."), qnn.description());
            QnnDirectRun run = qnn.runElementWiseAdd(a, b, new int[] {1, 2, 64}, QnnDirect.DataType.FLOAT_16, 3);
            for (int i = 0; i < n; i++) {
                // fp16 on the HTP: |a + b| < 18, so half a unit in the last place is < 0.008
                assertEquals(a[i] + b[i], run.output()[i], 0.02f, "element " + i);
            }
            ProfilingEvent tree = run.tree();
            assertEquals(ProfilingEvent.Type.EXECUTE, tree.type());
            assertFalse(tree.children().isEmpty(), "no NODE sub-events: " + run.events());
            assertTrue(tree.children().stream().allMatch(c -> c.type() == ProfilingEvent.Type.NODE));
            assertTrue(tree.children().stream().anyMatch(c -> c.label().startsWith("add")), tree.toString());
            assertTrue(run.events().stream().anyMatch(e -> e.type() == QnnDirectEvent.EXECUTE && e.parent() == -1), run.events().toString());
            assertTrue(run.finalizeNs() > 0 && run.executeNs() > 0);
        }
    }

    @Test
    void aMissingBackendLibraryIsAnExceptionWithTheReason() {
        assumeTrue(QnnDirect.isAvailable(), "QnnDirect tests skipped, the adapter was not built: " + ENABLE);
        assertThrows(org.hetsched.backend.qnn.QnnUnavailableException.class, () -> QnnDirect.open(Path.of("/nonexistent/libQnnHtp.so")));
        // a file that exists but is no shared library: dlopen's own reason comes back
        QnnDirectException e = assertThrows(QnnDirectException.class, () -> QnnDirect.open(Path.of("pom.xml")));
        assertTrue(e.getMessage().contains("cannot load the QNN backend library"), e.getMessage());
    }

    @Test
    void theTreeKeepsTheLastExecutionAndItsNodes() {
        List<QnnDirectEvent> events = List.of(
                new QnnDirectEvent(QnnDirectEvent.FINALIZE, QnnDirectEvent.UNIT_MICROSEC, 900, "", -1),
                new QnnDirectEvent(QnnDirectEvent.EXECUTE, QnnDirectEvent.UNIT_MICROSEC, 40, "", -1),
                new QnnDirectEvent(QnnDirectEvent.NODE, QnnDirectEvent.UNIT_CYCLES, 7, "old", 1),
                new QnnDirectEvent(QnnDirectEvent.EXECUTE, QnnDirectEvent.UNIT_MICROSEC, 30, "", -1),
                new QnnDirectEvent(1000, QnnDirectEvent.UNIT_BYTES, 4096, "mem", 3),
                new QnnDirectEvent(QnnDirectEvent.NODE, QnnDirectEvent.UNIT_CYCLES, 1200, "add", 3),
                new QnnDirectEvent(QnnDirectEvent.NODE, QnnDirectEvent.UNIT_MICROSEC, 5, "nested", 4));
        ProfilingEvent tree = QnnDirect.tree(events, 99);
        assertEquals(30_000, tree.value());
        assertEquals(ProfilingEvent.Unit.TIME_NS, tree.unit());
        assertEquals(2, tree.children().size());
        assertEquals(new ProfilingEvent(ProfilingEvent.Type.NODE, 1200, ProfilingEvent.Unit.CYCLES, "add", List.of()), tree.children().get(0));
        assertEquals(5_000, tree.children().get(1).value());
        assertEquals(99, QnnDirect.tree(List.of(), 99).value());
        // the HTP's order: NODE events under a backend event, the EXECUTE event last and on its own
        List<QnnDirectEvent> htp = List.of(
                new QnnDirectEvent(QnnDirectEvent.EXECUTE, QnnDirectEvent.UNIT_MICROSEC, 50, "QNN (execute) time", -1),
                new QnnDirectEvent(3003, QnnDirectEvent.UNIT_CYCLES, 17208, "Accelerator (execute) time (cycles)", -1),
                new QnnDirectEvent(QnnDirectEvent.NODE, QnnDirectEvent.UNIT_CYCLES, 14625, "add:OpId_16 (cycles)", 1),
                new QnnDirectEvent(3004, QnnDirectEvent.UNIT_MICROSEC, 23635, "Accelerator (execute) time", -1),
                new QnnDirectEvent(QnnDirectEvent.EXECUTE, QnnDirectEvent.UNIT_MICROSEC, 23716, "QNN (execute) time", -1));
        ProfilingEvent last = QnnDirect.tree(htp, 0);
        assertEquals(23_716_000, last.value());
        assertEquals(List.of(new ProfilingEvent(ProfilingEvent.Type.NODE, 14625, ProfilingEvent.Unit.CYCLES, "add:OpId_16 (cycles)", List.of())),
                last.children());
    }
}
