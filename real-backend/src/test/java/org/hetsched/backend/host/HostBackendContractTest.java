package org.hetsched.backend.host;

import org.hetsched.backend.Backend;
import org.hetsched.backend.BackendContractTest;
import org.junit.jupiter.api.Tag;

/** The host backend keeps the {@link Backend} contract (native kernels, hence tag "native"). */
@Tag("native")
class HostBackendContractTest extends BackendContractTest {

    @Override
    protected Backend newBackend() {
        return new HostBackend(64L << 20, 1);
    }
}
