package org.hetsched.core.engine;

import java.util.List;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.DurationAdjustment;
import org.hetsched.core.trace.RunTotal;

/**
 * An optional effect of the simulated machine beyond the cost table: a per-dispatch overhead,
 * shared-memory contention, stochastic durations, energy. Effects are registered by name on
 * {@link EngineOptions#effects()}; the engine calls them without knowing which they are. With none
 * registered the engine takes one branch per event and allocates nothing for them.
 *
 * <p>An effect has up to two parts, called at these moments:
 * <ol>
 *   <li>{@link #durations()}: a schedule-independent change to durations, a function of (task,
 *       processor) only. It is applied to the cost table once, before a run starts
 *       ({@link EngineOptions#pricedCosts}), so policies, lower bounds and the exact solver see
 *       the same durations the engine charges.</li>
 *   <li>{@link #begin}: per-run state that hears each task start and finish, may change the
 *       duration of the task that starts and the end of any task still running (contention slows
 *       a running task while an interfering one runs on another processor), and reports totals
 *       (energy) when the run ends.</li>
 * </ol>
 *
 * <p>Which effects keep lower bounds and the exact optimum valid: an effect without a per-run part
 * that changes durations (one whose only duration change is {@link #durations()}, or that only
 * accounts, like energy) keeps both exact, since they price the same adjusted table. A per-run part
 * that only ever lengthens tasks (contention) keeps lower bounds valid but makes the solver's
 * optimum a bound rather than the engine's optimum; one that may shorten a task (stochastic
 * durations) invalidates both. Each effect says which it is ({@link #runDurations()}), and the
 * engine holds it to that.
 *
 * <p>An effect instance may be shared between threads and runs: per-run state lives in the
 * {@link Listener} {@link #begin} returns, which one run uses from one thread.
 */
public interface Effect {

    /** Stable name, e.g. "dispatch-overhead"; two effects of one run never share it. */
    String name();

    /** One line: what it models and where its numbers come from. */
    String description();

    /**
     * The schedule-independent part, or {@code null} when the effect has none (the default). The
     * same instance each call: the engine uses its identity not to apply it twice.
     */
    default DurationAdjustment durations() {
        return null;
    }

    /**
     * What this effect's per-run part does to the priced durations: what bounds and the exact
     * solver, which price schedules without running the engine, can claim with it. The default,
     * {@link RunDurations#UNCHANGED}, suits an effect without a listener or whose listener only
     * accounts. The engine refuses a listener that breaks its effect's answer
     * ({@link IllegalStateException}): an {@code UNCHANGED} one that changes a duration or moves an
     * end, a {@code LENGTHENED} one that shortens a starting task or moves an end before the task's
     * start plus its priced duration.
     */
    default RunDurations runDurations() {
        return RunDurations.UNCHANGED;
    }

    /** How a run's listener may change durations beyond the priced table; in order of what it takes away. */
    enum RunDurations {
        /** Every task runs exactly its priced duration: bounds and the exact optimum price what the engine charges. */
        UNCHANGED,
        /**
         * Tasks only ever run longer than priced (contention): every lower bound stays one, and the
         * exact optimum of the priced table becomes a lower bound on a run, not the run's optimum.
         */
        LENGTHENED,
        /** Tasks may also run shorter (stochastic durations): neither bounds nor the exact optimum hold. */
        CHANGED
    }

    /**
     * Begins one run, after its costs are priced and before any task starts.
     *
     * @param costs the run's priced table ({@link EngineOptions#pricedCosts})
     * @return this run's listener, or {@code null} when the effect needs no events (the default):
     *         then it costs nothing per event
     */
    default Listener begin(CostTable costs) {
        return null;
    }

    /**
     * One run's events, in simulated-time order; ties in the engine's order (finishes of an
     * instant, then starts, processors in id order). Single-threaded.
     */
    interface Listener {

        /**
         * {@code task} starts now on {@code processor}; called before its end is scheduled, after
         * graph preparation has been added.
         *
         * @param durationNs what it would run for (what earlier effects of the run left), ≥ 0
         * @return what it runs for, ≥ 0 (default: unchanged); a negative answer is refused with an
         *         {@link IllegalStateException}
         */
        default long onStart(int task, int processor, long durationNs, EffectView run) {
            return durationNs;
        }

        /**
         * {@code task} finished now on {@code processor}; called after the engine freed the
         * processor, released the task's successors and told the policy.
         */
        default void onFinish(int task, int processor, EffectView run) {
        }

        /**
         * Called once, after the last task finished.
         *
         * @return what this effect accounted over the run (e.g. {@link RunTotal#ENERGY_J}), or empty
         *         when it has nothing to report (e.g. a figure it needs is unknown)
         */
        default List<RunTotal> totals(EffectView run) {
            return List.of();
        }
    }
}
