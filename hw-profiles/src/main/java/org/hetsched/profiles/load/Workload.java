package org.hetsched.profiles.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.cost.BusyEnergy;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.cost.DispatchOverhead;
import org.hetsched.profiles.cost.GraphFileCostModel;
import org.hetsched.profiles.cost.InvocationOverhead;
import org.hetsched.profiles.cost.PrefillSetupTime;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.GraphFile;
import org.hetsched.profiles.format.GraphReader;

/**
 * A resolved, priced piece of work, ready for any number of policies: the graph with its cost
 * table, and the names to report it by. This is the one place where the names of a
 * {@link WorkloadRequest} become a model, a device profile, a plan and a graph, for every kind of
 * experiment. Immutable; the cost table may be shared between threads.
 *
 * @param request      what was asked for
 * @param model        model name (a graph file: its name)
 * @param device       device name (a graph file: its platform's name)
 * @param plan         plan name ("graph file" for a graph file)
 * @param shadowLayers layers whose outliers are kept (ascending; empty for a graph file)
 * @param costModel    the cost model's one-line description (with the effects that change durations)
 * @param costs        the priced graph, before the effects
 * @param effects      the engine effects every run of it has: the profile's dispatch overhead when
 *                     asked for, the per-invocation cost when the profile has one, busy energy when the profile has power figures, the prefill
 *                     setup when the profile has one, contention when the
 *                     profile has contention entries and the request does not leave it out (last)
 * @param prefill      the prefill the graph was built from, or {@code null} for a graph file
 * @param profile      the device profile that priced it, or {@code null} for a graph file
 */
public record Workload(WorkloadRequest request, String model, String device, String plan, Set<Integer> shadowLayers,
                       String costModel, CostTable costs, List<Effect> effects, PrefillConfig prefill,
                       DeviceProfile profile) {

    public Workload {
        effects = List.copyOf(effects);
    }

    /**
     * Resolves every name of the request (models by {@link ModelResolver}) and prices the graph.
     *
     * @throws UserInputException if any name, file or value is wrong; the message lists every
     *                            problem found, and nothing has been computed
     */
    public static Workload resolve(WorkloadRequest request) {
        return resolve(request, name -> new ModelResolver().resolve(name));
    }

    /**
     * As {@link #resolve(WorkloadRequest)}, with models resolved by {@code models} (a backend that
     * accepts more model names than the catalog).
     *
     * @param models resolves a model name or path; throws {@link UserInputException} for an unknown one
     */
    public static Workload resolve(WorkloadRequest request, Function<String, ModelSpec> models) {
        return request.graph() != null ? fromGraphFile(request) : prefill(request, models);
    }

    /**
     * What a run of this workload charges beyond its costs (graph preparation, the engine effects
     * such as dispatch overhead), for the engine and for everything that must price a schedule as
     * the engine does (bounds, the exact solver).
     *
     * @param measurePolicyTime time the policy's calls (see {@link EngineOptions})
     */
    public EngineOptions engineOptions(boolean measurePolicyTime) {
        return new EngineOptions(request.includeGraphPreparation(), measurePolicyTime, effects);
    }

    private static Workload fromGraphFile(WorkloadRequest request) {
        GraphFile file = GraphReader.read(Path.of(request.graph()));
        GraphFileCostModel costModel = new GraphFileCostModel(file);
        CostTable costs = CostTable.build(file.graph(), file.platform(), costModel);
        return new Workload(request, file.platform().name(), file.platform().name(), "graph file", Set.of(),
                costModel.description(), costs, List.of(), null, null);
    }

    private static Workload prefill(WorkloadRequest request, Function<String, ModelSpec> models) {
        List<String> problems = new ArrayList<>();
        ModelSpec model = named(problems, "model", request.model(), models);
        DeviceProfile device = named(problems, "device", request.device(), ProfileCatalog.builtIn()::get);
        PartitionPlan plan = named(problems, "plan", request.plan(), PlanCatalog.builtIn()::get);
        if (request.promptTokens() <= 0) problems.add("prompt length must be > 0 tokens, got " + request.promptTokens());
        if (request.chunkTokens() <= 0) problems.add("chunk size must be > 0 tokens, got " + request.chunkTokens());
        if (plan != null && plan.shadow() == null && request.shadowLayers() != null && !request.shadowLayers().isEmpty()) {
            problems.add("plan '" + plan.name() + "' has no shadow-outlier subgraph, so shadow layers "
                    + request.shadowLayers() + " cannot apply");
        }
        PrefillConfig config = null;
        if (model != null && plan != null && request.promptTokens() > 0 && request.chunkTokens() > 0) {
            // the prefill's own checks (context length, shadow layers in range) join the others
            Set<Integer> shadow = request.shadowLayers() == null || plan.shadow() == null
                    ? PrefillConfig.defaultShadowLayers(model, plan) : Set.copyOf(request.shadowLayers());
            config = attempt(problems, () -> new PrefillConfig(model, plan, request.promptTokens(), request.chunkTokens(), shadow));
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));

        return priced(request, model.name(), plan.name(), config, PrefillGraphBuilder.build(config), device);
    }

    /**
     * This prefill's graph priced on {@code device} instead of its own profile: the same request,
     * names and graph, with the cost table, effects and cost model of {@code device}, exactly as
     * {@link #resolve} would price them. For re-evaluating one configuration on many variants of a
     * profile (a profile fit) without rebuilding its graph.
     *
     * @param device a profile with the same processors (names and order) as this workload's
     * @throws IllegalStateException for a workload read from a graph file (it has no profile)
     * @throws IllegalArgumentException if {@code device}'s processors differ from this workload's
     */
    public Workload pricedOn(DeviceProfile device) {
        if (prefill == null) throw new IllegalStateException("a graph file's workload has no profile to replace");
        if (!device.platform().equals(profile.platform())) {
            throw new IllegalArgumentException("profile '" + device.name() + "' has other processors than '" + profile.name() + "'");
        }
        return priced(request, model, plan, prefill, costs.graph(), device);
    }

    private static Workload priced(WorkloadRequest request, String model, String plan, PrefillConfig config, TaskGraph graph,
                                   DeviceProfile device) {
        ProfileCostModel costModel = new ProfileCostModel(device);
        CostTable costs = CostTable.build(graph, costModel.platform(), costModel);
        List<Effect> effects = new ArrayList<>();
        String description = costModel.description();
        if (request.includeDispatchOverhead()) {
            effects.add(new DispatchOverhead(device));
            description += "; per-dispatch overhead included";
        }
        if (InvocationOverhead.applies(device)) {
            effects.add(new InvocationOverhead(device));
            description += "; per-invocation cost included";
        }
        // only a profile with power figures can report energy; without any, the run needs no listener
        if (BusyEnergy.applies(device)) effects.add(new BusyEnergy(device));
        if (PrefillSetupTime.applies(device)) {
            effects.add(new PrefillSetupTime(device));
            description += "; per-prefill setup";
        }
        // last: its work is the duration every other effect left
        if (request.includeContention() && Contention.applies(device)) {
            effects.add(new Contention(device));
            description += "; shared-memory contention";
        }
        return new Workload(request, model, device.name(), plan, config.shadowLayers(), description, costs, effects, config, device);
    }

    /** {@code lookup} of {@code name}, or {@code null} with the reason added to {@code problems}. */
    private static <T> T named(List<String> problems, String kind, String name, Function<String, T> lookup) {
        if (name == null || name.isBlank()) {
            problems.add(kind + " is required");
            return null;
        }
        return attempt(problems, () -> lookup.apply(name));
    }

    private static <T> T attempt(List<String> problems, Supplier<T> step) {
        try {
            return step.get();
        } catch (UserInputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
