package org.hetsched.backend.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.backend.catalog.BackendModels;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * Everything that determines one replay: a resolved prefill workload (priced on the device profile
 * the plan is made with) and plain values, so a child JVM can rebuild exactly the graph and plan
 * the parent means from {@link #toArgs()}. The plan comes from simulating {@code policy} on the
 * device profile (any policy, static or online, yields a schedule); each device processor's order
 * goes to the host lane of the same name.
 *
 * @param workload          the prefill, its models resolved by {@link BackendModels} (synthetic host
 *                          models too); a task graph file has no model for a backend to compute
 * @param policy            policy name ({@link PolicyCatalog}), checked when the policy is made
 * @param seed              seeds the policy and the tensors
 * @param memoryBudgetBytes the host backend's tensor budget
 */
public record ReplayRequest(Workload workload, String policy, long seed, long memoryBudgetBytes) {
    private static final List<String> KEYS = List.of("model", "plan", "device", "prompt", "chunk", "shadow", "prep", "dispatch", "contention",
            "policy", "seed", "budget");

    /** @throws UserInputException listing every problem of the fields */
    public ReplayRequest {
        List<String> problems = new ArrayList<>();
        if (workload == null) problems.add("workload is required");
        else if (workload.prefill() == null) problems.add("a replay needs a prefill, not a task graph file");
        problems.addAll(problems(policy, memoryBudgetBytes));
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
    }

    /**
     * Resolves {@code workload} ({@link Workload#resolve} with {@link BackendModels}) into a request.
     *
     * @throws UserInputException listing every problem of the workload and the other fields
     */
    public static ReplayRequest of(WorkloadRequest workload, String policy, long seed, long memoryBudgetBytes) {
        List<String> problems = new ArrayList<>();
        Workload resolved = null;
        if (workload.graph() != null) {
            problems.add("a replay needs a prefill, not a task graph file");
        } else {
            try {
                resolved = Workload.resolve(workload, BackendModels::resolve);
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(problems(policy, memoryBudgetBytes));
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return new ReplayRequest(resolved, policy, seed, memoryBudgetBytes);
    }

    private static List<String> problems(String policy, long memoryBudgetBytes) {
        List<String> problems = new ArrayList<>();
        if (policy == null || policy.isBlank()) problems.add("policy is required");
        if (memoryBudgetBytes <= 0) problems.add("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
        return problems;
    }

    /** This request with another policy (the same resolved workload). */
    public ReplayRequest withPolicy(String otherPolicy) {
        return new ReplayRequest(workload, otherPolicy, seed, memoryBudgetBytes);
    }

    /** The model the backend computes. */
    public ModelSpec model() {
        return workload.prefill().model();
    }

    /** The graph this request replays. */
    public TaskGraph graph() {
        return workload.costs().graph();
    }

    /**
     * The policy's schedule of {@link #graph} on the device, as per-lane orders for {@code lanes}.
     *
     * @throws UserInputException if the schedule uses a device processor that has no lane of its name
     */
    public SchedulePlan plan(Platform lanes) {
        return plan(lanes, simulate());
    }

    /** The policy's simulated run of {@link #graph} on the device profile, the schedule {@link #plan} replays. */
    public Trace simulate() {
        return new Engine(workload.costs(), workload.engineOptions(false)).run(newPolicy());
    }

    /** A fresh instance of the request's policy, seeded with {@link #seed}. */
    public Policy newPolicy() {
        PolicyOptions defaults = PolicyOptions.DEFAULTS;
        return PolicyCatalog.create(policy, new PolicyOptions(seed, defaults.pipelineLagSubgraphs(), defaults.optimalTimeLimit(),
                defaults.optimalMaxTasks()));
    }

    /**
     * The device profile's costs of {@link #graph} as estimates for an online replay on {@code lanes}:
     * the profile must describe the lanes themselves (a profile calibrated on this backend).
     *
     * @throws UserInputException if the profile's processors are not the lanes, by name and in order
     */
    public CostTable estimates(Platform lanes) {
        CostTable costs = workload.costs();
        List<String> profiled = costs.platform().processors().stream().map(Processor::name).toList();
        List<String> laneNames = lanes.processors().stream().map(Processor::name).toList();
        if (!profiled.equals(laneNames)) {
            throw new UserInputException("an online replay decides with the profile's costs, so profile " + workload.request().device()
                    + " must describe the lanes " + laneNames + " in that order, but it has processors " + profiled
                    + " (calibrate one with 'hetsched profile')");
        }
        return costs;
    }

    /**
     * The per-lane orders of {@code simulated} (a {@link #simulate} result) for {@code lanes}.
     *
     * @throws UserInputException if the schedule uses a device processor that has no lane of its name
     */
    public SchedulePlan plan(Platform lanes, Trace simulated) {
        TaskGraph graph = graph();
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

    /** Command-line form: {@code key=value} per field of the workload as asked for, and of this request. */
    public List<String> toArgs() {
        WorkloadRequest w = workload.request();
        return List.of("model=" + w.model(), "plan=" + w.plan(), "device=" + w.device(), "prompt=" + w.promptTokens(),
                "chunk=" + w.chunkTokens(), "shadow=" + WorkloadRequest.formatShadowLayers(w.shadowLayers()),
                "prep=" + w.includeGraphPreparation(), "dispatch=" + w.includeDispatchOverhead(),
                "contention=" + w.includeContention(), "policy=" + policy,
                "seed=" + seed, "budget=" + memoryBudgetBytes);
    }

    /**
     * Parses {@link #toArgs()} and resolves the workload again.
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
        boolean prep = bool(values, "prep", problems);
        boolean dispatch = bool(values, "dispatch", problems);
        boolean contention = bool(values, "contention", problems);
        List<Integer> shadow = null;
        try {
            shadow = WorkloadRequest.parseShadowLayers(values.get("shadow"));
        } catch (UserInputException e) {
            problems.add("shadow: " + e.getMessage());
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return of(new WorkloadRequest(values.get("model"), values.get("device"), values.get("plan"), null, prompt, chunk, shadow,
                prep, dispatch, contention), values.get("policy"), seed, budget);
    }

    private static boolean bool(Map<String, String> values, String key, List<String> problems) {
        String v = values.get(key);
        if (!v.equals("true") && !v.equals("false")) problems.add(key + " must be true or false, got '" + v + "'");
        return v.equals("true");
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
