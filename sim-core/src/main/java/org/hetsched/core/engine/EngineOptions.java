package org.hetsched.core.engine;

/**
 * Switches of one run. All are off by default.
 *
 * @param includeGraphPreparation charge each static graph's one-time preparation to the first task
 *                                that executes it on a processor (graphs built on demand); off means
 *                                graphs were prepared ahead of time, and the cost is only reported
 */
public record EngineOptions(boolean includeGraphPreparation) {
    public static final EngineOptions DEFAULTS = new EngineOptions(false);
}
