package org.hetsched.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.backend.replay.ReplayResult;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Backend} keeps, as its Javadoc states it: a stable name, description and
 * platform; one non-negative duration per op for every task a lane may run; refusals naming task,
 * lane and reason; out-of-range ids and calls out of the life cycle refused; preparing a graph
 * replaces the last; close idempotent; a replay over the lanes (one worker thread per lane) gives a
 * valid trace. A backend's test extends this class and supplies fresh instances.
 */
public abstract class BackendContractTest {

    /** A fresh, unprepared instance of the backend under test; each test closes the ones it opens. */
    protected abstract Backend newBackend();

    /**
     * A graph the backend can prepare: by default the tiny model's llm.npu prefill, 2 chunks of 16
     * tokens with a shadow layer (CPU-only, NPU-eligible and shadow tasks).
     */
    protected TaskGraph graph() {
        return prefill(32);
    }

    /** A second graph with more tasks than {@link #graph()}: by default the same prefill with 3 chunks. */
    protected TaskGraph largerGraph() {
        return prefill(48);
    }

    /** The tiny model's llm.npu prefill of {@code promptTokens} in chunks of 16, with the default shadow layers. */
    protected static TaskGraph prefill(int promptTokens) {
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), promptTokens, 16));
    }

    /** The first lane that may run {@code task}, or −1. */
    private static int firstLane(Platform lanes, Task task) {
        for (Processor lane : lanes.processors()) {
            if (Eligibility.reason(task, lane) == null) return lane.id();
        }
        return -1;
    }

    private static void assertDurations(Task task, long[] durationsNs, String where) {
        assertEquals(task.ops().size(), durationsNs.length, task.label() + " on " + where + ": one duration per op");
        for (int i = 0; i < durationsNs.length; i++) {
            assertTrue(durationsNs[i] >= 0, task.label() + " on " + where + ": op " + i + " took " + durationsNs[i] + " ns");
        }
    }

    @Test
    public void hasAStableNameAndADescription() {
        try (Backend backend = newBackend()) {
            assertFalse(backend.name().isBlank());
            assertFalse(backend.description().isBlank());
            assertEquals(backend.name(), backend.name());
            try (Backend other = newBackend()) {
                assertNotSame(backend, other);
                assertEquals(backend.name(), other.name());
            }
        }
    }

    @Test
    public void platformIsOneInstanceWithDenseIdsBeforeDuringAndAfterUse() {
        try (Backend backend = newBackend()) {
            Platform lanes = backend.platform();
            assertFalse(lanes.processors().isEmpty());
            for (int i = 0; i < lanes.size(); i++) assertEquals(i, lanes.processors().get(i).id(), "dense ids from 0");
            backend.prepare(graph());
            assertSame(lanes, backend.platform());
            backend.close();
            assertSame(lanes, backend.platform());
        }
    }

    @Test
    public void executeBeforePrepareThrowsIllegalState() {
        try (Backend backend = newBackend()) {
            assertThrows(IllegalStateException.class, () -> backend.execute(0, 0));
        }
    }

    @Test
    public void runsEveryTaskOnEveryLaneThatMayRunItAndRefusesTheOthersNamingTaskAndLane() {
        TaskGraph graph = graph();
        try (Backend backend = newBackend()) {
            backend.prepare(graph);
            int ran = 0;
            int refused = 0;
            // id order is a topological order, so every task runs after the tasks it reads from
            for (Task task : graph.tasks()) {
                for (Processor lane : backend.platform().processors()) {
                    String reason = Eligibility.reason(task, lane);
                    if (reason == null) {
                        assertDurations(task, backend.execute(task.id(), lane.id()), lane.name());
                        ran++;
                    } else {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                () -> backend.execute(task.id(), lane.id()), task.label() + " on " + lane.name() + ": " + reason);
                        assertTrue(e.getMessage().contains(task.label()) && e.getMessage().contains(lane.name()), e.getMessage());
                        refused++;
                    }
                }
            }
            assertTrue(ran > 0, "the fixture runs somewhere on " + backend.platform().name());
            assertEquals(graph.size() * backend.platform().size(), ran + refused);
        }
    }

    @Test
    public void aTaskMayRunAgainAndOnAnotherLane() {
        TaskGraph graph = graph();
        try (Backend backend = newBackend()) {
            backend.prepare(graph);
            for (Task task : graph.tasks()) {
                int lane = firstLane(backend.platform(), task);
                if (lane < 0) continue;
                long[] first = backend.execute(task.id(), lane);
                long[] again = backend.execute(task.id(), lane);
                assertNotSame(first, again, "a new array per call");
                assertDurations(task, again, "its second run");
            }
        }
    }

    @Test
    public void refusesTaskAndProcessorIdsOutOfRange() {
        TaskGraph graph = graph();
        try (Backend backend = newBackend()) {
            backend.prepare(graph);
            int lane = firstLane(backend.platform(), graph.task(0));
            assertTrue(lane >= 0, "the fixture's first task runs somewhere");
            assertThrows(IllegalArgumentException.class, () -> backend.execute(-1, lane));
            assertThrows(IllegalArgumentException.class, () -> backend.execute(graph.size(), lane));
            assertThrows(IllegalArgumentException.class, () -> backend.execute(0, -1));
            assertThrows(IllegalArgumentException.class, () -> backend.execute(0, backend.platform().size()));
        }
    }

    @Test
    public void preparingAnotherGraphReplacesThePreviousOne() {
        TaskGraph small = graph();
        TaskGraph large = largerGraph();
        assertTrue(large.size() > small.size(), "the fixtures differ in size");
        try (Backend backend = newBackend()) {
            backend.prepare(small);
            backend.prepare(large);
            int beyond = large.size() - 1;
            int lane = firstLane(backend.platform(), large.task(beyond));
            assertTrue(lane >= 0, "the larger fixture's last task runs somewhere");
            assertDurations(large.task(beyond), backend.execute(beyond, lane), "the larger graph");
            backend.prepare(small);
            assertThrows(IllegalArgumentException.class, () -> backend.execute(beyond, lane), "task ids of the replaced graph");
            int last = small.size() - 1;
            assertDurations(small.task(last), backend.execute(last, firstLane(backend.platform(), small.task(last))), "the graph again");
        }
    }

    @Test
    public void closeIsIdempotentAndLaterCallsThrowIllegalState() {
        TaskGraph graph = graph();
        try (Backend backend = newBackend()) {
            backend.prepare(graph);
            int lane = firstLane(backend.platform(), graph.task(0));
            backend.close();
            backend.close();
            assertThrows(IllegalStateException.class, () -> backend.execute(0, lane));
            assertThrows(IllegalStateException.class, () -> backend.prepare(graph));
        }
    }

    @Test
    public void aReplayOverTheLanesIsAValidTraceWithEveryOpTimed() {
        TaskGraph graph = graph();
        try (Backend backend = newBackend()) {
            backend.prepare(graph);
            SchedulePlan plan = new HeftPlanner().plan(CostTable.build(graph, backend.platform(), new SimpleCostModel(1_000)));
            ReplayResult result = new Replayer(backend).replay(graph, plan, "heft");
            assertEquals(List.of(), TraceValidator.violations(result.trace()));
            List<ProfilingEvent> tasks = result.events().children();
            assertEquals(graph.size(), tasks.size());
            for (Task task : graph.tasks()) {
                List<ProfilingEvent> ops = tasks.get(task.id()).children();
                assertEquals(task.ops().size(), ops.size(), task.label());
                assertTrue(ops.stream().allMatch(op -> op.value() >= 0), task.label());
            }
        }
    }
}
