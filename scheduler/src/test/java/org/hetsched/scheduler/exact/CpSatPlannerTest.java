package org.hetsched.scheduler.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.SmallGraphs;
import org.hetsched.scheduler.TopcuogluExample;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.PlannedPolicy;
import org.junit.jupiter.api.Test;

class CpSatPlannerTest extends PolicyContractTest {
    private static final CpSatPlanner SOLVER = new CpSatPlanner(Duration.ofSeconds(2), 400, 42);

    /** A short budget: the contract fixtures with GPU choice take longer to prove, and must stay deterministic anyway. */
    @Override
    protected Policy newPolicy() {
        return new PlannedPolicy(new CpSatPlanner(Duration.ofMillis(500), 400, 42));
    }

    private static Trace replay(CostTable costs, OptimalResult result) {
        return new Engine(costs).run(new PlannedPolicy(new FixedPlanner(result.plan())));
    }

    /** Tiny prefills (1–2 layers, 2–4 chunks) on every test plan: optimal, no worse than HEFT, replayed exactly. */
    @Test
    void beatsOrMatchesHeftOnSmallPrefills() {
        for (PartitionPlan plan : TestPlans.all()) {
            for (int layers = 1; layers <= 2; layers++) {
                for (int chunks = 2; chunks <= 4; chunks += 2) {
                    CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(layers), plan,
                            16 * chunks, 16, plan.shadow() == null ? Set.of() : Set.of(0))), TestPlatforms.phone(),
                            new SimpleCostModel(20_000));
                    OptimalResult result = SOLVER.solve(costs);
                    long heft = new Engine(costs).run(new PlannedPolicy(new HeftPlanner())).makespanNs();
                    String name = costs.graph().name();
                    assertTrue(result.proven(), name + " not proven: " + result);
                    assertTrue(result.makespanNs() <= heft, name + ": " + result.makespanNs() + " > heft " + heft);
                    assertTrue(result.boundNs() >= MakespanLowerBound.of(costs).bestNs(), name);
                    Trace trace = replay(costs, result);
                    assertEquals(List.of(), TraceValidator.violations(trace), name);
                    assertEquals(result.makespanNs(), trace.makespanNs(), name);
                }
            }
        }
    }

    /**
     * With GPU choice and no sync, 50 ms of deterministic time does not prove this prefill's optimum:
     * the result says so, its bound and makespan straddle the optimum, and it is the same every time.
     */
    @Test
    void staysDeterministicWhenTheTimeLimitCutsTheSearch() {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.npuOrGpu(),
                150, 32, Set.of(1))), TestPlatforms.phone(), new SimpleCostModel(0));
        CpSatPlanner hurried = new CpSatPlanner(Duration.ofMillis(50), 400, 42);
        OptimalResult first = hurried.solve(costs);
        OptimalResult second = hurried.solve(costs);
        OptimalResult proven = SOLVER.solve(costs);
        assertTrue(!first.proven() && first.boundNs() < first.makespanNs(), first.toString());
        assertTrue(proven.proven());
        assertTrue(first.boundNs() <= proven.makespanNs() && proven.makespanNs() <= first.makespanNs());
        assertEquals(first.makespanNs(), second.makespanNs());
        assertEquals(first.boundNs(), second.boundNs());
        for (int p = 0; p < first.plan().processors(); p++) {
            assertArrayEquals(first.plan().order(p), second.plan().order(p));
        }
        Trace trace = replay(costs, first);
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertTrue(trace.makespanNs() <= first.makespanNs());
    }

    /**
     * The Topcuoglu graph with every cost ×10¹¹ ns: makespans beyond {@link CpSatPlanner#MAX_DIRECT_NS}
     * are solved in coarser units; the schedule is still valid and better than HEFT's, but only
     * the lower bound of {@link MakespanLowerBound} is claimed.
     */
    @Test
    void solvesInCoarserUnitsBeyondTheDirectRange() {
        CostTable costs = TopcuogluExample.load(100_000_000_000L).costs;
        OptimalResult result = SOLVER.solve(costs);
        long heft = new Engine(costs).run(new PlannedPolicy(new HeftPlanner())).makespanNs();
        assertTrue(heft > CpSatPlanner.MAX_DIRECT_NS);
        assertTrue(result.makespanNs() < heft, result + " vs heft " + heft);
        assertEquals(MakespanLowerBound.of(costs).bestNs(), result.boundNs());
        Trace trace = replay(costs, result);
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertTrue(trace.makespanNs() <= result.makespanNs());
    }

    /** HEFT's 80 on the Topcuoglu et al. (2002) sample graph is not optimal; CP-SAT finds and proves better. */
    @Test
    void improvesOnHeftInTheTopcuogluExample() {
        CostTable costs = TopcuogluExample.load().costs;
        OptimalResult result = SOLVER.solve(costs);
        assertTrue(result.proven());
        assertTrue(result.makespanNs() < 80, "optimum " + result.makespanNs());
        assertEquals(result.makespanNs(), replay(costs, result).makespanNs());
    }

    /** One processor runs a chain without idling: HEFT meets the lower bound, so the solver is not needed. */
    @Test
    void acceptsHeftWhenItMeetsTheLowerBound() {
        CostTable costs = new SmallGraphs().task("a", 3).task("b", 4).edge("a", "b", 9).build();
        OptimalResult result = SOLVER.solve(costs);
        assertEquals(new OptimalResult(result.plan(), 7, 7, true), result);
    }

    /** Zero-duration tasks may not sit inside another task on the same processor, or the replay would be late. */
    @Test
    void keepsZeroDurationTasksOutOfOtherTasks() {
        CostTable costs = new SmallGraphs()
                .task("a", 10, 10).task("z", 0, -1).task("b", 5, 30).task("c", 6, 40)
                .edge("a", "z", 0).edge("z", "b", 0).edge("a", "c", 0).build();
        OptimalResult result = SOLVER.solve(costs);
        Trace trace = replay(costs, result);
        assertTrue(result.proven());
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals(result.makespanNs(), trace.makespanNs());
    }

    /**
     * With graph preparation charged, a processor where a task may run but is far too slow for it
     * (start + duration beyond the incumbent's makespan) must not make the model infeasible: the
     * interval's end is tied to its start only where the task runs there.
     */
    @Test
    void chargesPreparationWhereAnEligibleProcessorIsFarTooSlow() {
        CostModel base = new SimpleCostModel(20_000);
        CostModel slowNpu = new CostModel() {
            @Override
            public String name() {
                return "test-slow-npu";
            }

            @Override
            public String description() {
                return "test costs, every task a million times slower on the NPU, which prepares its graphs";
            }

            @Override
            public TaskCost cost(Task task, Processor processor) {
                TaskCost cost = base.cost(task, processor);
                if (!cost.supported() || processor.kind() != ProcessorKind.NPU) return cost;
                return new TaskCost(cost.durationNs() * 1_000_000, cost.basis(), cost.analyticOps());
            }

            @Override
            public long syncNs(Processor from, Processor to) {
                return base.syncNs(from, to);
            }

            @Override
            public long graphPreparationNs(Task task, Processor processor) {
                return processor.kind() == ProcessorKind.NPU ? 1_000 : 0;
            }
        };
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(1), TestPlans.npuOrGpu(),
                32, 16, Set.of())), TestPlatforms.phone(), slowNpu);
        EngineOptions prep = new EngineOptions(true, false);
        OptimalResult result = SOLVER.solve(costs, prep);
        Trace trace = new Engine(costs, prep).run(new PlannedPolicy(new FixedPlanner(result.plan())));
        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals(result.makespanNs(), trace.makespanNs());
        assertTrue(result.boundNs() >= MakespanLowerBound.of(costs, prep).bestNs());
    }

    @Test
    void refusesGraphsAboveTheTaskLimitAndSaysHowToRaiseIt() {
        CostTable costs = new SmallGraphs().task("a", 1).task("b", 1).task("c", 1).build();
        InstanceTooLargeException e = assertThrows(InstanceTooLargeException.class,
                () -> new CpSatPlanner(Duration.ofSeconds(1), 2, 1).solve(costs));
        assertTrue(e.getMessage().contains("3 tasks") && e.getMessage().contains("optimalMaxTasks"), e.getMessage());
        assertEquals(3, e.tasks());
        assertEquals(2, e.maxTasks());
        assertTrue(e instanceof UserInputException);
    }

    @Test
    void rejectsNonPositiveLimitsAndTakesThemFromPolicyOptions() {
        assertThrows(IllegalArgumentException.class, () -> new CpSatPlanner(Duration.ZERO, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new CpSatPlanner(Duration.ofSeconds(1), 0, 1));
        CostTable costs = new SmallGraphs().task("a", 1).task("b", 1).build();
        PolicyOptions tight = new PolicyOptions(7, 5, Duration.ofSeconds(1), 1);
        assertThrows(InstanceTooLargeException.class, () -> new CpSatPlanner(tight).solve(costs));
    }

    @Test
    void resultRejectsInconsistentNumbers() {
        var plan = SOLVER.solve(new SmallGraphs().task("a", 1).build()).plan();
        assertThrows(IllegalArgumentException.class, () -> new OptimalResult(plan, 5, 6, false));
        assertThrows(IllegalArgumentException.class, () -> new OptimalResult(plan, 5, 4, true));
        assertThrows(IllegalArgumentException.class, () -> new OptimalResult(plan, 5, 5, false));
        assertEquals(0.2, new OptimalResult(plan, 5, 4, false).relativeGap(), 1e-12);
    }
}
