package org.hetsched.profiles.cost;

import java.util.List;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostModelContractTest;
import org.hetsched.core.platform.Platform;
import org.hetsched.profiles.load.ProfileCatalog;

/** The contract on the derived, all-analytic profile. */
class Sd8gen2ContractTest extends CostModelContractTest {
    private static final ProfileCostModel MODEL = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen2"));

    @Override
    protected CostModel costModel() {
        return MODEL;
    }

    @Override
    protected Platform platform() {
        return MODEL.platform();
    }

    @Override
    protected List<Task> sampleTasks() {
        return ProfileCostModelTest.sampleTasks(List.of("llm.npu", "gpu-only"));
    }
}
