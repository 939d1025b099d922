package org.hetsched.backend.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.backend.BackendModels;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.scheduler.PolicyCatalog;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * Everything that determines one replay, as plain values, so a child JVM can rebuild exactly the
 * graph and plan the parent means. The plan comes from simulating {@code policy} on the device
 * profile (any policy, static or online, yields a schedule); each device processor's order goes to
 * the host lane of the same name.
 *
 * @param model             model name (a synthetic host model too) or Hugging Face config path ({@link BackendModels})
 * @param partitionPlan     partition plan name or path ({@link PlanCatalog})
 * @param device            device profile name or path the plan is made with ({@link ProfileCatalog})
 * @param promptTokens      prompt length
 * @param chunkTokens       chunk size
 * @param policy            policy name ({@link PolicyCatalog})
 * @param seed              seeds the policy and the tensors
 * @param memoryBudgetBytes the host backend's tensor budget
 */
public record ReplayRequest(String model, String partitionPlan, String device, int promptTokens, int chunkTokens,
                            String policy, long seed, long memoryBudgetBytes) {
    private static final List<String> KEYS = List.of("model", "plan", "device", "prompt", "chunk", "policy", "seed", "budget");

    public ReplayRequest {
        List<String> problems = new ArrayList<>();
        if (model == null || model.isBlank()) problems.add("model is required");
        if (partitionPlan == null || partitionPlan.isBlank()) problems.add("partition plan is required");
        if (device == null || device.isBlank()) problems.add("device is required");
        if (policy == null || policy.isBlank()) problems.add("policy is required");
        if (memoryBudgetBytes <= 0) problems.add("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
    }

    /** This request with another policy. */
    public ReplayRequest withPolicy(String otherPolicy) {
        return new ReplayRequest(model, partitionPlan, device, promptTokens, chunkTokens, otherPolicy, seed, memoryBudgetBytes);
    }

    /** The graph this request replays (prompt and chunk checked by {@link PrefillConfig}). */
    public TaskGraph graph() {
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(BackendModels.resolve(model),
                PlanCatalog.builtIn().get(partitionPlan), promptTokens, chunkTokens));
    }

    /**
     * The policy's schedule of {@code graph} on the device, as per-lane orders for {@code lanes}.
     *
     * @throws UserInputException if the schedule uses a device processor that has no lane of its name
     */
    public SchedulePlan plan(TaskGraph graph, Platform lanes) {
        return plan(graph, lanes, simulate(graph));
    }

    /** The policy's simulated run of {@code graph} on the device profile, the schedule {@link #plan} replays. */
    public Trace simulate(TaskGraph graph) {
        return new Engine(deviceCosts(graph)).run(newPolicy());
    }

    /** A fresh instance of the request's policy, seeded with {@link #seed}. */
    public Policy newPolicy() {
        PolicyOptions defaults = PolicyOptions.DEFAULTS;
        return PolicyCatalog.create(policy, new PolicyOptions(seed, defaults.pipelineLagSubgraphs(), defaults.optimalTimeLimit(),
                defaults.optimalMaxTasks()));
    }

    /**
     * The device profile's costs of {@code graph} as estimates for an online replay on {@code lanes}:
     * the profile must describe the lanes themselves (a profile calibrated on this backend).
     *
     * @throws UserInputException if the profile's processors are not the lanes, by name and in order
     */
    public CostTable estimates(TaskGraph graph, Platform lanes) {
        CostTable costs = deviceCosts(graph);
        List<String> profiled = costs.platform().processors().stream().map(Processor::name).toList();
        List<String> laneNames = lanes.processors().stream().map(Processor::name).toList();
        if (!profiled.equals(laneNames)) {
            throw new UserInputException("an online replay decides with the profile's costs, so profile " + device
                    + " must describe the lanes " + laneNames + " in that order, but it has processors " + profiled
                    + " (calibrate one with 'hetsched profile')");
        }
        return costs;
    }

    private CostTable deviceCosts(TaskGraph graph) {
        ProfileCostModel model = new ProfileCostModel(ProfileCatalog.builtIn().get(device));
        return CostTable.build(graph, model.platform(), model);
    }

    /**
     * The per-lane orders of {@code simulated} (a {@link #simulate} result for {@code graph}) for {@code lanes}.
     *
     * @throws UserInputException if the schedule uses a device processor that has no lane of its name
     */
    public SchedulePlan plan(TaskGraph graph, Platform lanes, Trace simulated) {
        Platform device = simulated.platform();
        int[] laneOf = new int[graph.size()];
        long[] start = new long[graph.size()];
        long[] end = new long[graph.size()];
        for (int t = 0; t < graph.size(); t++) {
            Processor onDevice = device.processor(simulated.processorOf(t));
            Processor lane = lanes.byName(onDevice.name());
            if (lane == null) {
                throw new UserInputException("policy " + policy + " puts " + graph.task(t).label() + " on " + onDevice.name()
                        + " of " + device.name() + ", which has no lane here " + lanes.processors().stream().map(Processor::name).toList());
            }
            laneOf[t] = lane.id();
            start[t] = simulated.startNs(t);
            end[t] = simulated.endNs(t);
        }
        return SchedulePlan.fromSchedule(lanes.size(), laneOf, start, end);
    }

    /** Command-line form: {@code key=value} per field. */
    public List<String> toArgs() {
        return List.of("model=" + model, "plan=" + partitionPlan, "device=" + device, "prompt=" + promptTokens,
                "chunk=" + chunkTokens, "policy=" + policy, "seed=" + seed, "budget=" + memoryBudgetBytes);
    }

    /**
     * Parses {@link #toArgs()}.
     *
     * @throws UserInputException naming every missing, unknown or malformed argument
     */
    public static ReplayRequest fromArgs(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !KEYS.contains(key)) problems.add("unexpected argument '" + arg + "' (expected key=value with keys " + KEYS + ")");
            else values.put(key, arg.substring(eq + 1));
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) problems.add("missing " + key + "=...");
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        int prompt = number(values, "prompt", problems);
        int chunk = number(values, "chunk", problems);
        long seed = numberLong(values, "seed", problems);
        long budget = numberLong(values, "budget", problems);
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return new ReplayRequest(values.get("model"), values.get("plan"), values.get("device"), prompt, chunk,
                values.get("policy"), seed, budget);
    }

    private static int number(Map<String, String> values, String key, List<String> problems) {
        long v = numberLong(values, key, problems);
        if (v != (int) v) {
            problems.add(key + " must fit an int, got " + v);
            return 0;
        }
        return (int) v;
    }

    private static long numberLong(Map<String, String> values, String key, List<String> problems) {
        try {
            return Long.parseLong(values.get(key));
        } catch (NumberFormatException e) {
            problems.add(key + " must be an integer, got '" + values.get(key) + "'");
            return 0;
        }
    }
}
