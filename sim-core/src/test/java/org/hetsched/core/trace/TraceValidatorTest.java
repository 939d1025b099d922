package org.hetsched.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.junit.jupiter.api.Test;

/** Overlap on one processor, where a task takes no time. */
class TraceValidatorTest {
    /** Two independent tasks for the CPU (processor 1): {@code long} takes 10 ns, {@code instant} none. */
    private static final CostTable COSTS = CostTable.build(
            new GenericGraphBuilder("two").addTask("long", List.of(TestPlans.CPU)).addTask("instant", List.of(TestPlans.CPU)).build(),
            TestPlatforms.phone(), new TableCostModel(Map.of("long", new long[] {-1, 10, -1}, "instant", new long[] {-1, 0, -1})));

    private static List<String> violations(long longStartNs, long instantAtNs) {
        return TraceValidator.violations(new Trace(COSTS, "test", new int[] {1, 1},
                new long[] {longStartNs, instantAtNs}, new long[] {longStartNs + 10, instantAtNs}));
    }

    @Test
    void aZeroLengthTaskAtTheInstantAnotherStartsIsNoOverlap() {
        assertEquals(List.of(), violations(5, 5));
    }

    @Test
    void aZeroLengthTaskAtTheInstantAnotherEndsIsNoOverlap() {
        assertEquals(List.of(), violations(0, 10));
    }

    @Test
    void aZeroLengthTaskWhileAnotherRunsIsAnOverlap() {
        assertEquals(List.of("tasks c0/long and c0/instant overlap on cpu"), violations(0, 5));
    }
}
