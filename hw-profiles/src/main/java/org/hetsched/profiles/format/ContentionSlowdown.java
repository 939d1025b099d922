package org.hetsched.profiles.format;

import org.hetsched.core.graph.SubgraphRole;

/**
 * How much a task on one processor (the victim) slows while another processor (the aggressor) is
 * busy, through the memory and caches they share: the victim progresses at rate
 * {@code 1 / (1 + Σ slowdown)} over the busy aggressors (the {@code contention} engine effect,
 * hw-profiles/README.md). Optionally narrowed to the subgraph roles of the two tasks; the most
 * specific entry that matches a pair of tasks wins.
 *
 * @param victim        the slowed processor's name in the profile
 * @param aggressor     the interfering processor's name; a different processor
 * @param victimRole    only victim tasks of this role, or {@code null} for any
 * @param aggressorRole only while the aggressor runs a task of this role, or {@code null} for any
 * @param slowdown      the added time per unit of work, dimensionless, finite and &ge; 0 (0.5: the
 *                      victim's work takes 1.5 times as long while only this aggressor runs)
 */
public record ContentionSlowdown(String victim, String aggressor, SubgraphRole victimRole, SubgraphRole aggressorRole,
                                 SourcedValue slowdown) {

    public ContentionSlowdown {
        if (victim == null || aggressor == null || victim.equals(aggressor)) {
            throw new IllegalArgumentException("contention needs two different processors, got " + victim + " and " + aggressor);
        }
        if (slowdown == null || !(slowdown.value() >= 0)) {
            throw new IllegalArgumentException("contention of " + victim + " by " + aggressor + " must be >= 0");
        }
    }

    /**
     * How specific the entry is, for choosing among entries that match one pair of tasks: 3 with
     * both roles, 2 with the victim's only, 1 with the aggressor's only, 0 with neither.
     */
    public int specificity() {
        return (victimRole != null ? 2 : 0) + (aggressorRole != null ? 1 : 0);
    }

    /** Whether the entry applies to a victim task of {@code victimTaskRole} while the aggressor runs one of {@code aggressorTaskRole}. */
    public boolean matches(SubgraphRole victimTaskRole, SubgraphRole aggressorTaskRole) {
        return (victimRole == null || victimRole == victimTaskRole) && (aggressorRole == null || aggressorRole == aggressorTaskRole);
    }
}
