package org.hetsched.scheduler.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.DelayOnStart;
import org.hetsched.core.fixtures.PerDispatchOverhead;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.PrefillCases;
import org.hetsched.scheduler.RandomTaskGraphs;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.hetsched.scheduler.plan.PlannedPolicy;

/**
 * Bounds, the exact optimum and the engine price the same things in every engine mode: for random
 * workloads and every combination of engine options, lower bound ≤ optimum ≤ every policy's
 * makespan, and the engine replays the optimum's own plan in exactly its makespan. Under an effect
 * that lengthens tasks per run (contention) the optimum is one of the table, and only a lower bound.
 */
class PricingProperties {
    /** The solver's settings, for the solver itself and for the 'optimal' policy, which must reach the same optimum. */
    private static final PolicyOptions SOLVER_OPTIONS = new PolicyOptions(42, 5, Duration.ofSeconds(20), 400);
    private static final CpSatPlanner SOLVER = new CpSatPlanner(SOLVER_OPTIONS);

    @Property(tries = 30)
    void prefillBoundsOptimumAndPoliciesAgreeInEveryEngineMode(@ForAll @IntRange(min = 1, max = 3) int chunks,
                                                               @ForAll @IntRange(min = 0, max = 3) int planIndex,
                                                               @ForAll @LongRange(min = 0, max = 20_000) long syncNs,
                                                               @ForAll @LongRange(min = 0, max = 40_000) long maxPrepNs,
                                                               @ForAll boolean transfers, @ForAll long seed,
                                                               @ForAll boolean graphPreparation,
                                                               @ForAll boolean measurePolicyTime) {
        List<PartitionPlan> plans = TestPlans.all();
        PartitionPlan plan = plans.get(planIndex % plans.size());
        int chunk = 8;
        PrefillConfig config = new PrefillConfig(TestModels.tiny(1), plan, chunks * chunk - 3, chunk, Set.of());
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(config), TestPlatforms.phone(),
                PrefillCases.withTransfers(syncNs, transfers, seed, maxPrepNs));
        check(costs, new EngineOptions(graphPreparation, measurePolicyTime));
    }

    @Property(tries = 30)
    void genericBoundsOptimumAndPoliciesAgreeInEveryEngineMode(@ForAll long seed, @ForAll boolean graphPreparation,
                                                               @ForAll boolean measurePolicyTime) {
        check(RandomTaskGraphs.of(seed), new EngineOptions(graphPreparation, measurePolicyTime));
    }

    /** The same agreement when a dispatch overhead comes through the engine's effect hook instead of the costs. */
    @Property(tries = 20)
    void boundsOptimumAndPoliciesAgreeWithADispatchOverhead(@ForAll @IntRange(min = 1, max = 3) int chunks,
                                                            @ForAll @IntRange(min = 0, max = 3) int planIndex,
                                                            @ForAll @LongRange(min = 0, max = 20_000) long syncNs,
                                                            @ForAll @LongRange(min = 0, max = 40_000) long npuDispatchNs,
                                                            @ForAll @LongRange(min = 0, max = 5_000) long cpuDispatchNs,
                                                            @ForAll long seed, @ForAll boolean graphPreparation,
                                                            @ForAll boolean generic) {
        EngineOptions options = new EngineOptions(graphPreparation, false,
                List.of(new PerDispatchOverhead(npuDispatchNs, cpuDispatchNs, cpuDispatchNs / 2)));
        if (generic) {
            CostTable costs = RandomTaskGraphs.of(seed);
            // a generic graph's platform may be smaller than three processors
            long[] overhead = new long[costs.platform().size()];
            for (int p = 0; p < overhead.length; p++) overhead[p] = p == 0 ? npuDispatchNs : cpuDispatchNs;
            check(costs, options.withEffects(List.of(new PerDispatchOverhead(overhead))));
            return;
        }
        List<PartitionPlan> plans = TestPlans.all();
        PartitionPlan plan = plans.get(planIndex % plans.size());
        PrefillConfig config = new PrefillConfig(TestModels.tiny(1), plan, chunks * 8 - 3, 8, Set.of());
        check(CostTable.build(PrefillGraphBuilder.build(config), TestPlatforms.phone(),
                PrefillCases.withTransfers(syncNs, true, seed, 40_000)), options);
    }

    /**
     * With an effect that lengthens running tasks (the shape of contention) the solver prices the
     * table without it: its proven optimum is replayed exactly without the effect, and bounds every
     * run with it from below, every policy's and its own plan's alike; the comparison's optimum then
     * says it is not the simulation's, and gives no makespan to take a gap to.
     */
    @Property(tries = 20)
    void withALengtheningEffectTheOptimumIsALowerBoundAndNotTheRunsOptimum(@ForAll @IntRange(min = 1, max = 3) int chunks,
                                                                          @ForAll @IntRange(min = 0, max = 3) int planIndex,
                                                                          @ForAll @LongRange(min = 0, max = 20_000) long syncNs,
                                                                          @ForAll @LongRange(min = 1, max = 30_000) long delayNs,
                                                                          @ForAll long seed, @ForAll boolean graphPreparation,
                                                                          @ForAll boolean generic) {
        CostTable costs;
        if (generic) {
            costs = RandomTaskGraphs.of(seed);
        } else {
            List<PartitionPlan> plans = TestPlans.all();
            PrefillConfig config = new PrefillConfig(TestModels.tiny(1), plans.get(planIndex % plans.size()), chunks * 8 - 3, 8, Set.of());
            costs = CostTable.build(PrefillGraphBuilder.build(config), TestPlatforms.phone(),
                    PrefillCases.withTransfers(syncNs, true, seed, 40_000));
        }
        EngineOptions plain = new EngineOptions(graphPreparation, false);
        EngineOptions contended = plain.withEffects(List.of(new DelayOnStart(delayNs)));
        long lower = MakespanLowerBound.of(costs, contended).bestNs();
        assertEquals(MakespanLowerBound.of(costs, plain).bestNs(), lower, "the bounds price the table, which the effect leaves alone");
        OptimalResult optimum = SOLVER.solve(costs, contended);
        OptimalResult withoutEffect = SOLVER.solve(costs, plain);
        assertEquals(withoutEffect.makespanNs(), optimum.makespanNs(), "the solve leaves the lengthening effect out");
        assertEquals(withoutEffect.boundNs(), optimum.boundNs());
        // a sample the solver cannot prove within its limit says nothing about agreement; jqwik fails the
        // property if too many samples are discarded, so it cannot pass vacuously
        Assume.that(optimum.proven());
        assertTrue(lower <= optimum.makespanNs());
        Trace uncontended = new Engine(costs, plain).run(new PlannedPolicy(new FixedPlanner(optimum.plan())));
        assertEquals(optimum.makespanNs(), uncontended.makespanNs(), "the optimum's plan without the effect");
        Trace replay = new Engine(costs, contended).run(new PlannedPolicy(new FixedPlanner(optimum.plan())));
        assertEquals(List.of(), TraceValidator.violations(replay));
        assertTrue(replay.makespanNs() >= optimum.makespanNs());
        for (String name : PolicyCatalog.names()) {
            Trace trace = new Engine(costs, contended).run(PolicyCatalog.create(name));
            assertEquals(List.of(), TraceValidator.violations(trace), name);
            assertTrue(trace.makespanNs() >= optimum.makespanNs(), name + " (" + trace.makespanNs() + ") beat the uncontended optimum ("
                    + optimum.makespanNs() + ") under a lengthening effect");
            assertTrue(trace.makespanNs() >= lower, name + " below the lower bound");
        }
        ExactSolver exact = new ExactSolver(new PolicyOptions(42, 5, Duration.ofSeconds(20), 400));
        Optimum reported = exact.optimum(costs, contended);
        assertTrue(reported.attempted() && reported.proven() && !reported.exactForRun(), reported.toString());
        assertNull(reported.provenMakespanNs(), "a gap must not be taken to an optimum of other durations");
        assertTrue(reported.note().contains("not the simulation's optimum") && reported.note().contains("test-delay"), reported.note());
        assertTrue(exact.optimum(costs, contended).boundNs() <= replay.makespanNs());
        Optimum exactRun = new ExactSolver(new PolicyOptions(42, 5, Duration.ofSeconds(20), 400)).optimum(costs, plain);
        assertTrue(exactRun.exactForRun());
        assertEquals(optimum.makespanNs(), exactRun.provenMakespanNs());
    }

    private static void check(CostTable costs, EngineOptions options) {
        long lower = MakespanLowerBound.of(costs, options).bestNs();
        OptimalResult optimum = SOLVER.solve(costs, options);
        // a sample the solver cannot prove within its limit says nothing about agreement; jqwik fails the
        // property if too many samples are discarded, so it cannot pass vacuously
        Assume.that(optimum.proven());
        assertTrue(lower <= optimum.makespanNs(), "lower bound " + lower + " above the optimum " + optimum.makespanNs());
        assertTrue(optimum.boundNs() <= optimum.makespanNs());

        Trace replay = new Engine(costs, options).run(new PlannedPolicy(new FixedPlanner(optimum.plan())));
        assertEquals(List.of(), TraceValidator.violations(replay));
        assertEquals(optimum.makespanNs(), replay.makespanNs(), "the engine prices the optimum's plan differently");
        // with the default 1 s limit the policy may stop at an unproven incumbent on the larger samples
        Trace asPolicy = new Engine(costs, options).run(PolicyCatalog.create("optimal", SOLVER_OPTIONS));
        assertEquals(optimum.makespanNs(), asPolicy.makespanNs(), "the optimal policy's run is not the optimum");

        for (String name : PolicyCatalog.names()) {
            Trace trace = new Engine(costs, options).run(PolicyCatalog.create(name));
            assertEquals(List.of(), TraceValidator.violations(trace), name);
            assertTrue(trace.makespanNs() >= optimum.makespanNs(),
                    name + " (" + trace.makespanNs() + ") beat the optimum (" + optimum.makespanNs() + ") with " + options);
            assertTrue(trace.makespanNs() >= lower, name + " below the lower bound with " + options);
        }
    }
}
