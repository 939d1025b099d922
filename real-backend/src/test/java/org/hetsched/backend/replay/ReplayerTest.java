package org.hetsched.backend.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.backend.Backend;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.core.UserInputException;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("native")
class ReplayerTest {
    private static final long BUDGET = 256L << 20;

    private TaskGraph graph;
    private HostBackend backend;

    @BeforeEach
    void setUp() {
        // tiny model, llm.npu partition, 4 chunks of 16 tokens
        graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 64, 16));
        backend = new HostBackend(BUDGET, 7);
        backend.prepare(graph);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private SchedulePlan heftPlan() {
        return new HeftPlanner().plan(CostTable.build(graph, backend.platform(), new SimpleCostModel(1_000)));
    }

    @Test
    void everyTaskRunsOnceOnItsPlannedLaneInPlanOrderAfterItsPredecessors() {
        SchedulePlan plan = heftPlan();
        Trace trace = new Replayer(backend).replay(graph, plan, "heft").trace();

        assertEquals(List.of(), TraceValidator.violations(trace));
        assertEquals("heft", trace.policy());
        int seen = 0;
        for (int p = 0; p < plan.processors(); p++) {
            int[] order = plan.order(p);
            seen += order.length;
            for (int i = 0; i < order.length; i++) {
                assertEquals(p, trace.processorOf(order[i]), "lane of " + graph.task(order[i]).label());
                if (i > 0) assertTrue(trace.startNs(order[i]) >= trace.endNs(order[i - 1]), "plan order and no overlap on lane " + p);
            }
        }
        assertEquals(graph.size(), seen);
        for (int t = 0; t < graph.size(); t++) {
            for (int pred : graph.predecessors(t)) {
                assertTrue(trace.startNs(t) >= trace.endNs(pred), graph.task(t).label() + " started before " + graph.task(pred).label());
            }
        }
    }

    @Test
    void eventTreeHasOneEventPerTaskAndPerOp() {
        ReplayResult result = new Replayer(backend).replay(graph, heftPlan(), "heft");
        ProfilingEvent root = result.events();
        assertEquals(ProfilingEvent.Type.EXECUTE, root.type());
        assertEquals(result.trace().makespanNs(), root.value());
        assertEquals(graph.size(), root.children().size());
        int ops = 0;
        for (int t = 0; t < graph.size(); t++) {
            ProfilingEvent task = root.children().get(t);
            assertEquals(ProfilingEvent.Type.TASK, task.type());
            assertEquals(graph.task(t).label(), task.label());
            assertEquals(result.trace().endNs(t) - result.trace().startNs(t), task.value());
            assertEquals(graph.task(t).ops().size(), task.children().size());
            long opSum = 0;
            for (int i = 0; i < task.children().size(); i++) {
                ProfilingEvent op = task.children().get(i);
                assertEquals(ProfilingEvent.Type.NODE, op.type());
                assertEquals(ProfilingEvent.Unit.TIME_NS, op.unit());
                assertEquals(graph.task(t).ops().get(i).label(), op.label());
                opSum += op.value();
            }
            assertTrue(opSum <= task.value(), "ops fit inside their task");
            ops += task.children().size();
        }
        assertEquals(1 + graph.size() + ops, root.size());
    }

    @Test
    void ordersThatContradictTheDependenciesFailAsDeadlockInsteadOfHanging() {
        // every task on its only lane, each lane's order reversed: the first planned task waits forever
        int[][] order = new int[2][];
        for (int p = 0; p < 2; p++) {
            int[] o = heftPlan().order(p);
            int[] reversed = new int[o.length];
            for (int i = 0; i < o.length; i++) reversed[i] = o[o.length - 1 - i];
            order[p] = reversed;
        }
        ReplayException e = assertThrows(ReplayException.class,
                () -> new Replayer(backend).replay(graph, new SchedulePlan(order), "reversed"));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    }

    @Test
    void aTaskThatFailsEndsTheReplayWithoutLeavingTheOtherLaneWaiting() {
        SchedulePlan plan = heftPlan();
        int failing = plan.order(0)[plan.order(0).length / 2];
        Backend failingBackend = new ForwardingBackend(backend) {
            @Override
            public long[] execute(int task, int processor) {
                if (task == failing) throw new IllegalStateException("injected failure");
                return super.execute(task, processor);
            }
        };
        ReplayException e = assertThrows(ReplayException.class,
                () -> new Replayer(failingBackend, ReplayOptions.unpinned()).replay(graph, plan, "heft"));
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
    }

    @Test
    void pinnedAndUnpinnedReplaysBothProduceValidTraces() {
        SchedulePlan plan = heftPlan();
        for (ReplayOptions options : List.of(ReplayOptions.unpinned(), ReplayOptions.defaults(2), new ReplayOptions(new int[0], 0))) {
            Trace trace = new Replayer(backend, options).replay(graph, plan, "heft").trace();
            assertEquals(List.of(), TraceValidator.violations(trace), options.toString());
        }
    }

    @Test
    void laneCpusMustMatchTheLanesAndBeAllowed() {
        UserInputException count = assertThrows(UserInputException.class, () -> new Replayer(backend, ReplayOptions.pinned(0)));
        assertTrue(count.getMessage().contains("2 lanes but 1 lane CPUs"), count.getMessage());
        UserInputException absent = assertThrows(UserInputException.class, () -> new Replayer(backend, ReplayOptions.pinned(0, 1023)));
        assertTrue(absent.getMessage().contains("lane CPU 1023"), absent.getMessage());
        UserInputException shared = assertThrows(UserInputException.class, () -> new Replayer(backend, ReplayOptions.pinned(0, 0)));
        assertTrue(shared.getMessage().contains("lanes npu and cpu are both pinned to CPU 0"), shared.getMessage());
    }

    @Test
    void defaultsGiveEachLaneItsOwnCpuOrNone() {
        assertEquals(List.of(3, 5), java.util.Arrays.stream(ReplayOptions.onePerCore(2, new int[] {3, 5, 7}).laneCpus()).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.onePerCore(2, new int[] {3}));
        int[] defaults = ReplayOptions.defaults(2).laneCpus();
        assertTrue(defaults.length == 0 || defaults[0] != defaults[1], java.util.Arrays.toString(defaults));
    }

    @Test
    void rejectsAPlanThatPutsATaskOnALaneThatCannotRunIt() {
        int[][] order = {plan(0), plan(1)};
        // move the first CPU-only task (embedding) to the npu lane
        int embed = 0;
        int[][] moved = {prepend(embed, order[0]), remove(embed, order[1])};
        assertThrows(IllegalStateException.class, () -> new Replayer(backend).replay(graph, new SchedulePlan(moved), "bad"));
    }

    private int[] plan(int p) {
        return heftPlan().order(p);
    }

    private static int[] prepend(int t, int[] o) {
        int[] r = new int[o.length + 1];
        r[0] = t;
        System.arraycopy(o, 0, r, 1, o.length);
        return r;
    }

    private static int[] remove(int t, int[] o) {
        return java.util.Arrays.stream(o).filter(x -> x != t).toArray();
    }
}
