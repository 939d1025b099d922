package org.hetsched.reports.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.scheduler.PolicyCatalog;
import org.hetsched.scheduler.bound.MakespanLowerBound;

/**
 * Runs one simulation from named inputs: resolve every name (reporting every bad one at once),
 * build the graph, price it with the device profile, run the policy, bound and summarise.
 * Stateless; safe to call from several threads at once.
 */
public final class Simulation {
    private Simulation() {
    }

    /**
     * @throws UserInputException if any name, file or value in the request is wrong; nothing has
     *                            run then, and the message lists every problem found
     */
    public static SimulationResult run(SimulationRequest request) {
        List<String> problems = new ArrayList<>();
        ModelSpec model = resolve(problems, () -> new ModelResolver().resolve(request.model()));
        DeviceProfile device = resolve(problems, () -> ProfileCatalog.builtIn().get(request.device()));
        PartitionPlan plan = resolve(problems, () -> PlanCatalog.builtIn().get(request.plan()));
        Policy policy = resolve(problems, () -> PolicyCatalog.create(request.policy()));
        if (request.promptTokens() <= 0) problems.add("prompt length must be > 0 tokens, got " + request.promptTokens());
        if (request.chunkTokens() <= 0) problems.add("chunk size must be > 0 tokens, got " + request.chunkTokens());
        if (plan != null && plan.shadow() == null && request.shadowLayers() != null && !request.shadowLayers().isEmpty()) {
            problems.add("plan '" + plan.name() + "' has no shadow-outlier subgraph, so shadow layers "
                    + request.shadowLayers() + " cannot apply");
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));

        Set<Integer> shadow = request.shadowLayers() == null || plan.shadow() == null
                ? PrefillConfig.defaultShadowLayers(model, plan) : Set.copyOf(request.shadowLayers());
        PrefillConfig config = new PrefillConfig(model, plan, request.promptTokens(), request.chunkTokens(), shadow);
        TaskGraph graph = PrefillGraphBuilder.build(config);
        ProfileCostModel costModel = new ProfileCostModel(device,
                new ProfileCostModel.Options(request.includeDispatchOverhead()));
        CostTable costs = CostTable.build(graph, device.platform(), costModel);
        Trace trace = new Engine(costs, new EngineOptions(request.includeGraphPreparation(), false)).run(policy);
        MakespanLowerBound bound = MakespanLowerBound.of(costs);
        Metrics metrics = Metrics.of(trace, bound.bestNs());
        return new SimulationResult(request, model.name(), device.name(), costModel.description(), plan.name(),
                config.shadowLayers(), trace, metrics, bound);
    }

    private static <T> T resolve(List<String> problems, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (UserInputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
