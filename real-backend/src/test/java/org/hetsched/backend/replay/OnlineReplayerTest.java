package org.hetsched.backend.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("native")
class OnlineReplayerTest {
    private TaskGraph graph;
    private HostBackend backend;
    private CostTable estimates;

    @BeforeEach
    void setUp() {
        graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 64, 16));
        backend = new HostBackend(256L << 20, 7);
        backend.prepare(graph);
        estimates = CostTable.build(graph, backend.platform(), new SimpleCostModel(1_000));
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "fifo", "ooe", "critical-path", "dmda", "mllm-pipeline"})
    void everyOnlinePolicyRunsEveryTaskOnceAfterItsPredecessors(String name) {
        Trace trace = new OnlineReplayer(backend, ReplayOptions.defaults(2)).replay(estimates, PolicyCatalog.create(name)).trace();

        assertEquals(List.of(), TraceValidator.violations(trace), name);
        assertEquals(name, trace.policy());
        assertEquals(graph.size(), trace.decisions(), "one decision per task");
        for (int t = 0; t < graph.size(); t++) {
            assertTrue(trace.endNs(t) > trace.startNs(t), graph.task(t).label() + " ran");
        }
    }

    @Test
    void aPolicyThatLeavesEveryLaneIdleFailsInsteadOfHanging() {
        ReplayException e = assertThrows(ReplayException.class,
                () -> new OnlineReplayer(backend, ReplayOptions.unpinned()).replay(estimates, new Stubborn(Policy.IDLE)));
        assertTrue(e.getMessage().contains("left every lane idle with " + graph.size()), e.getMessage());
    }

    @Test
    void aPolicyThatSelectsAnUnreleasedTaskIsReported() {
        int last = graph.size() - 1;
        ReplayException e = assertThrows(ReplayException.class,
                () -> new OnlineReplayer(backend, ReplayOptions.unpinned()).replay(estimates, new Stubborn(last)));
        assertTrue(e.getMessage().contains("selected task " + last) && e.getMessage().contains("still waits"), e.getMessage());
    }

    @Test
    void estimatesThatAllowALaneTheBackendCannotUseAreRefused() {
        CostTable everywhere = CostTable.build(graph, backend.platform(), new Anywhere());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnlineReplayer(backend, ReplayOptions.unpinned()).replay(everywhere, PolicyCatalog.create("fifo")));
        assertTrue(e.getMessage().contains("which cannot run it"), e.getMessage());
    }

    /** Prices every task at 1 µs on every lane, eligible or not. */
    private static final class Anywhere implements CostModel {
        @Override
        public String name() {
            return "anywhere";
        }

        @Override
        public String description() {
            return "1 µs everywhere";
        }

        @Override
        public TaskCost cost(Task task, Processor processor) {
            return new TaskCost(1_000, CostBasis.MEASURED, List.of());
        }

        @Override
        public long syncNs(Processor from, Processor to) {
            return 0;
        }

        @Override
        public long graphPreparationNs(Task task, Processor processor) {
            return 0;
        }
    }

    /** Always selects the same answer. */
    private record Stubborn(int answer) implements Policy {
        @Override
        public String name() {
            return "stubborn";
        }

        @Override
        public String description() {
            return "always selects " + answer;
        }

        @Override
        public void start(SchedulerView view) {
        }

        @Override
        public void onReady(int task, int processor, SchedulerView view) {
        }

        @Override
        public int select(int processor, SchedulerView view) {
            return answer;
        }
    }
}
