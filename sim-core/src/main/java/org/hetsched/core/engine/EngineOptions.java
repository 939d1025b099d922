package org.hetsched.core.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.DurationAdjustment;

/**
 * Switches of one run. All are off by default.
 *
 * @param includeGraphPreparation charge each static graph's one-time preparation to the first task
 *                                that executes it on a processor (graphs built on demand); off means
 *                                graphs were prepared ahead of time, and the cost is only reported
 * @param measurePolicyTime       time every call into the policy with {@link System#nanoTime()}
 *                                (about 20–40 ns of overhead per call) and report it on the trace
 * @param effects                 optional effects, applied in this order; names distinct
 */
public record EngineOptions(boolean includeGraphPreparation, boolean measurePolicyTime, List<Effect> effects) {
    public static final EngineOptions DEFAULTS = new EngineOptions(false, false);

    /** @throws IllegalArgumentException if two effects share a name */
    public EngineOptions {
        effects = List.copyOf(effects);
        Set<String> names = new HashSet<>();
        for (Effect e : effects) {
            if (!names.add(e.name())) throw new IllegalArgumentException("effect " + e.name() + " is registered twice");
        }
    }

    /** Options without effects. */
    public EngineOptions(boolean includeGraphPreparation, boolean measurePolicyTime) {
        this(includeGraphPreparation, measurePolicyTime, List.of());
    }

    /** These options with {@code effects} instead of the current ones. */
    public EngineOptions withEffects(List<Effect> effects) {
        return new EngineOptions(includeGraphPreparation, measurePolicyTime, effects);
    }

    /**
     * The least that bounds and the exact optimum can claim under these effects: the largest of
     * their {@link Effect#runDurations()} ({@link Effect.RunDurations#UNCHANGED} without effects).
     */
    public Effect.RunDurations runDurations() {
        Effect.RunDurations worst = Effect.RunDurations.UNCHANGED;
        for (Effect e : effects) {
            if (e.runDurations().compareTo(worst) > 0) worst = e.runDurations();
        }
        return worst;
    }

    /**
     * These options without the effects whose listeners change durations (those whose
     * {@link Effect#runDurations()} is not {@link Effect.RunDurations#UNCHANGED}): a run that
     * charges exactly the priced table, as bounds and the exact solver price it. The table stays the
     * one these options price ({@link #pricedCosts}), since a table keeps the adjustments it carries.
     */
    public EngineOptions withoutRunDurationChanges() {
        return withEffects(effects.stream().filter(e -> e.runDurations() == Effect.RunDurations.UNCHANGED).toList());
    }

    /**
     * {@code costs} with every effect's schedule-independent {@link Effect#durations()} applied, in
     * registration order: the table the engine runs on and the one lower bounds and an exact solver
     * must price. An adjustment the table already carries is not applied again, so a table that is
     * already priced (e.g. the one a policy sees) comes back unchanged. Returns {@code costs} itself
     * when nothing applies.
     */
    public CostTable pricedCosts(CostTable costs) {
        CostTable priced = costs;
        for (Effect e : effects) {
            DurationAdjustment d = e.durations();
            if (d != null && !priced.adjustedBy(d)) priced = priced.adjusted(d);
        }
        return priced;
    }
}
