package org.hetsched.core.engine;

/**
 * Switches of one run. All are off by default.
 *
 * @param includeGraphPreparation charge each static graph's one-time preparation to the first task
 *                                that executes it on a processor (graphs built on demand); off means
 *                                graphs were prepared ahead of time, and the cost is only reported
 * @param measurePolicyTime       time every call into the policy with {@link System#nanoTime()}
 *                                (about 20–40 ns of overhead per call) and report it on the trace
 */
public record EngineOptions(boolean includeGraphPreparation, boolean measurePolicyTime) {
    public static final EngineOptions DEFAULTS = new EngineOptions(false, false);
}
