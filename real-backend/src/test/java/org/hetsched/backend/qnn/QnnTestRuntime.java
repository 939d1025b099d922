package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The QNN runtime for tests that need the onnxruntime-qnn package: skipped with a message saying
 * how to enable them when {@value QnnRuntime#DIR_ENV} is not set, failed instead under {@code CI=true}
 * (.ci/run installs the package, so a skip there would hide a broken set-up). One runtime per JVM,
 * as the plugin is registered once; never closed (tests close their sessions).
 */
final class QnnTestRuntime {
    static final String ENABLE = "set " + QnnRuntime.DIR_ENV + " to an onnxruntime-qnn 2.7.0 install: pip install --no-deps --target DIR"
            + " onnxruntime-qnn==2.7.0 && export " + QnnRuntime.DIR_ENV + "=DIR/onnxruntime_qnn (.ci/run installs it into .ci/qnn)";

    private static QnnRuntime runtime;

    private QnnTestRuntime() {
    }

    static synchronized QnnRuntime get() {
        Optional<Path> dir = QnnRuntime.configuredDirectory();
        if ("true".equals(System.getenv("CI"))) assertTrue(dir.isPresent(), "CI must run the QNN tests: " + ENABLE);
        assumeTrue(dir.isPresent(), "QNN tests skipped: " + ENABLE);
        if (runtime == null) runtime = QnnRuntime.open(dir.get());
        return runtime;
    }
}
