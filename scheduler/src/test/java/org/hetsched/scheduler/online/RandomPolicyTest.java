package org.hetsched.scheduler.online;

import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;

class RandomPolicyTest extends PolicyContractTest {

    @Override
    protected Policy newPolicy() {
        return new RandomPolicy();
    }
}
