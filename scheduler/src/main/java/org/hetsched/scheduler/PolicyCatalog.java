package org.hetsched.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.engine.Policy;
import org.hetsched.scheduler.online.FifoPolicy;
import org.hetsched.scheduler.online.InOrderPolicy;

/** The policies hetsched knows, by name. Each {@link #create} returns a fresh instance. */
public final class PolicyCatalog {
    private static final Map<String, Supplier<Policy>> POLICIES = new LinkedHashMap<>();

    static {
        register(InOrderPolicy::new);
        register(FifoPolicy::new);
    }

    private PolicyCatalog() {
    }

    private static void register(Supplier<Policy> factory) {
        POLICIES.put(factory.get().name(), factory);
    }

    /** Names in listing order. */
    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    /**
     * A new instance of the named policy.
     *
     * @throws UnknownNameException if there is none
     */
    public static Policy create(String name) {
        Supplier<Policy> factory = POLICIES.get(name);
        if (factory == null) throw new UnknownNameException("policy", name, names());
        return factory.get();
    }
}
