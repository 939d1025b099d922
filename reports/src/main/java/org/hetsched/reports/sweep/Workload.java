package org.hetsched.reports.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.cost.BusyEnergy;
import org.hetsched.profiles.cost.DispatchOverhead;
import org.hetsched.profiles.cost.GraphFileCostModel;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.GraphFile;
import org.hetsched.profiles.format.GraphReader;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;

/**
 * A resolved, priced piece of work, ready for any number of policies: the graph with its cost
 * table, and the names to report it by. Immutable; the cost table may be shared between threads.
 *
 * @param request      what was asked for
 * @param model        model name (a graph file: its name)
 * @param device       device name (a graph file: its platform's name)
 * @param plan         plan name ("graph file" for a graph file)
 * @param shadowLayers layers whose outliers are kept (ascending; empty for a graph file)
 * @param costModel    the cost model's one-line description (with the effects that change durations)
 * @param costs        the priced graph, before the effects
 * @param effects      the engine effects every run of it has: the profile's dispatch overhead when
 *                     asked for, busy energy when the profile has power figures
 */
public record Workload(WorkloadRequest request, String model, String device, String plan, Set<Integer> shadowLayers,
                       String costModel, CostTable costs, List<Effect> effects) {

    public Workload {
        effects = List.copyOf(effects);
    }

    /** A workload without engine effects. */
    public Workload(WorkloadRequest request, String model, String device, String plan, Set<Integer> shadowLayers,
                    String costModel, CostTable costs) {
        this(request, model, device, plan, shadowLayers, costModel, costs, List.of());
    }

    /**
     * Resolves every name of the request and prices the graph.
     *
     * @throws UserInputException if any name, file or value is wrong; the message lists every
     *                            problem found, and nothing has been computed
     */
    public static Workload resolve(WorkloadRequest request) {
        return request.graph() != null ? fromGraphFile(request) : prefill(request);
    }

    private static Workload fromGraphFile(WorkloadRequest request) {
        GraphFile file = GraphReader.read(Path.of(request.graph()));
        GraphFileCostModel costModel = new GraphFileCostModel(file);
        CostTable costs = CostTable.build(file.graph(), file.platform(), costModel);
        return new Workload(request, file.platform().name(), file.platform().name(), "graph file", Set.of(),
                costModel.description(), costs);
    }

    private static Workload prefill(WorkloadRequest request) {
        List<String> problems = new ArrayList<>();
        ModelSpec model = resolve(problems, () -> new ModelResolver().resolve(request.model()));
        DeviceProfile device = resolve(problems, () -> ProfileCatalog.builtIn().get(request.device()));
        PartitionPlan plan = resolve(problems, () -> PlanCatalog.builtIn().get(request.plan()));
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
        ProfileCostModel costModel = new ProfileCostModel(device);
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), costModel.platform(), costModel);
        List<Effect> effects = new ArrayList<>();
        String description = costModel.description();
        if (request.includeDispatchOverhead()) {
            effects.add(new DispatchOverhead(device));
            description += "; per-dispatch overhead included";
        }
        // only a profile with power figures can report energy; without any, the run needs no listener
        if (BusyEnergy.applies(device)) effects.add(new BusyEnergy(device));
        return new Workload(request, model.name(), device.name(), plan.name(), config.shadowLayers(),
                description, costs, effects);
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
