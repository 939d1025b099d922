package org.hetsched.reports.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyCatalog;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.exact.ExactSolver;
import org.hetsched.scheduler.exact.Optimum;
import org.hetsched.scheduler.plan.PlannedPolicy;

/**
 * Runs several policies on one workload, priced once: the comparison {@code hetsched compare}
 * prints. Stateless; safe to call from several threads at once.
 */
public final class Comparison {
    /** The word that stands for every policy. */
    public static final String ALL = "all";

    private Comparison() {
    }

    /**
     * @param policies policy names in the order to report them, or just {@link #ALL} (which leaves out
     *                 the exact solver when the instance is larger than it accepts)
     * @throws UserInputException if a policy is unknown or listed twice, or the workload is wrong;
     *                            nothing has run then
     */
    public static ComparisonResult run(WorkloadRequest request, List<String> policies, PolicyOptions options) {
        List<String> names = new ArrayList<>(resolveNames(policies));
        ExactSolver exact = new ExactSolver(options);
        Workload workload = Workload.resolve(request);
        if (policies.equals(List.of(ALL)) && !exact.accepts(workload.costs())) {
            names.remove(exact.name()); // 'all' means every policy that can run here; named explicitly, it is refused
        }
        Map<String, Policy> instances = new LinkedHashMap<>();
        for (String name : names) {
            // the optimal row replays the comparison's one solve, so the solver runs once
            instances.put(name, name.equals(exact.name()) ? new PlannedPolicy(exact) : PolicyCatalog.create(name, options));
        }
        Map<String, Trace> traces = new LinkedHashMap<>();
        if (instances.containsKey(exact.name())) {
            // first: it tightens every row's bound, and an instance too large for it fails before other work
            traces.put(exact.name(), Simulation.trace(workload, instances.get(exact.name())));
        }
        // the exact solver runs only when asked for: on a few hundred tasks it can take minutes
        Optimum optimum = instances.containsKey(exact.name()) ? exact.optimum(workload.costs(), Simulation.pricing(workload))
                : Optimum.skipped("the exact solver runs only when 'optimal' is among the policies");
        for (Map.Entry<String, Policy> policy : instances.entrySet()) {
            if (!traces.containsKey(policy.getKey())) traces.put(policy.getKey(), Simulation.trace(workload, policy.getValue()));
        }
        MakespanLowerBound bound = MakespanLowerBound.of(workload.costs(), Simulation.pricing(workload)).withSolverBound(optimum.boundNs());
        List<SimulationResult> runs = new ArrayList<>();
        for (String name : names) runs.add(Simulation.result(workload, traces.get(name), bound));
        return new ComparisonResult(workload, runs, bound, optimum);
    }

    private static List<String> resolveNames(List<String> policies) {
        if (policies.equals(List.of(ALL))) return PolicyCatalog.names();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : policies) {
            if (name.equals(ALL)) {
                problems.add("'all' cannot be combined with other policy names");
            } else if (!PolicyCatalog.names().contains(name)) {
                problems.add("unknown policy '" + name + "'");
            } else if (!seen.add(name)) {
                problems.add("policy '" + name + "' is listed twice");
            }
        }
        if (policies.isEmpty()) problems.add("no policy given");
        if (!problems.isEmpty()) {
            throw new UserInputException(String.join("; ", problems) + " (known policies: "
                    + String.join(", ", PolicyCatalog.names()) + ", or 'all')");
        }
        return List.copyOf(seen);
    }
}
