package org.hetsched.scheduler.online;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;

class DmdaPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new DmdaPolicy();
    }
}
