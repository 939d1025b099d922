package org.hetsched.backend.qnn;

import org.hetsched.backend.Backend;
import org.hetsched.backend.BackendContractTest;
import org.junit.jupiter.api.Tag;

/**
 * The QNN backend keeps the {@link Backend} contract: its NPU lane on QNN's emulated HTP, its CPU
 * lane the host's. Needs the native host library (tag "native") and the onnxruntime-qnn package;
 * skipped with a message saying how to install it otherwise ({@link QnnTestRuntime}).
 */
@Tag("native")
class QnnBackendContractTest extends BackendContractTest {

    @Override
    protected Backend newBackend() {
        return new QnnBackend(QnnTestRuntime.get(), 64L << 20, 7);
    }
}
