package org.hetsched.scheduler.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.engine.Policy;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.exact.CpSatPlanner;
import org.hetsched.scheduler.online.CriticalPathPolicy;
import org.hetsched.scheduler.online.DmdaPolicy;
import org.hetsched.scheduler.online.FifoPolicy;
import org.hetsched.scheduler.online.InOrderPolicy;
import org.hetsched.scheduler.online.OutOfOrderPolicy;
import org.hetsched.scheduler.online.PipelinePolicy;
import org.hetsched.scheduler.online.RandomPolicy;
import org.hetsched.scheduler.online.StrictInOrderPolicy;
import org.hetsched.scheduler.plan.CpopPlanner;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.PeftPlanner;
import org.hetsched.scheduler.plan.PlannedPolicy;

/** The policies hetsched knows, by name. Each {@link #create} returns a fresh instance. */
public final class PolicyCatalog {
    private static final Map<String, Function<PolicyOptions, Policy>> POLICIES = new LinkedHashMap<>();

    static {
        register(o -> new InOrderPolicy());
        register(o -> new StrictInOrderPolicy());
        register(o -> new FifoPolicy());
        register(o -> new OutOfOrderPolicy());
        register(o -> new OutOfOrderPolicy(true));
        register(o -> new PipelinePolicy(o.pipelineLagSubgraphs()));
        register(o -> new CriticalPathPolicy());
        register(o -> new DmdaPolicy());
        register(o -> new PlannedPolicy(new HeftPlanner()));
        register(o -> new PlannedPolicy(new CpopPlanner()));
        register(o -> new PlannedPolicy(new PeftPlanner()));
        register(o -> new RandomPolicy(o.seed()));
        register(o -> new PlannedPolicy(new CpSatPlanner(o)));
    }

    private PolicyCatalog() {
    }

    private static void register(Function<PolicyOptions, Policy> factory) {
        POLICIES.put(factory.apply(PolicyOptions.DEFAULTS).name(), factory);
    }

    /** Names in listing order. */
    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    /** A new instance of the named policy with {@link PolicyOptions#DEFAULTS}. */
    public static Policy create(String name) {
        return create(name, PolicyOptions.DEFAULTS);
    }

    /**
     * A new instance of the named policy.
     *
     * @throws UnknownNameException if there is none
     */
    public static Policy create(String name, PolicyOptions options) {
        Function<PolicyOptions, Policy> factory = POLICIES.get(name);
        if (factory == null) throw new UnknownNameException("policy", name, names());
        return factory.apply(options);
    }
}
