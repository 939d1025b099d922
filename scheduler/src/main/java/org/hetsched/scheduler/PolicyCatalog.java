package org.hetsched.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.engine.Policy;
import org.hetsched.scheduler.online.FifoPolicy;
import org.hetsched.scheduler.online.InOrderPolicy;

/** The policies hetsched knows, by name. Each {@link #create} returns a fresh instance. */
public final class PolicyCatalog {
    private static final Map<String, Function<PolicyOptions, Policy>> POLICIES = new LinkedHashMap<>();

    static {
        register(o -> new InOrderPolicy());
        register(o -> new FifoPolicy());
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
