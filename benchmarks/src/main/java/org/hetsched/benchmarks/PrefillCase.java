package org.hetsched.benchmarks;

import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;

/** The prefill configurations the benchmarks measure, named as their {@code @Param} values. */
final class PrefillCase {
    private PrefillCase() {
    }

    /**
     * @param name "qwen-1024-256" (Qwen1.5-1.8B, 1024 tokens, chunk 256) or "mistral-32768-32"
     *             (Mistral-7B, 32768 tokens, chunk 32: 1024 chunks, ~74K tasks)
     */
    static PrefillConfig config(String name) {
        String[] parts = name.split("-");
        String model = switch (parts[0]) {
            case "qwen" -> "qwen1.5-1.8b";
            case "mistral" -> "mistral-7b";
            default -> throw new IllegalArgumentException("unknown benchmark case " + name);
        };
        return PrefillConfig.withDefaultShadowLayers(ModelCatalog.builtIn().get(model), PlanCatalog.builtIn().get("llm.npu"),
                Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    static TaskGraph graph(String name) {
        return PrefillGraphBuilder.build(config(name));
    }

    static CostTable costs(TaskGraph graph) {
        ProfileCostModel model = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen3"));
        return CostTable.build(graph, model.platform(), model);
    }
}
