package org.hetsched.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.graph.Task;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CostModel} keeps. An implementation's test extends this class and
 * supplies the model, its platform and a few tasks (some of them ineligible somewhere).
 */
public abstract class CostModelContractTest {

    protected abstract CostModel costModel();

    protected abstract Platform platform();

    /** Tasks to price; include at least one whose placement excludes some processor. */
    protected abstract List<Task> sampleTasks();

    @Test
    public void costIsNeverNullAndNeverNegativeWhenSupported() {
        for (Task task : sampleTasks()) {
            for (Processor p : platform().processors()) {
                TaskCost cost = costModel().cost(task, p);
                assertNotNull(cost, task.label() + " on " + p.name());
                if (cost.supported()) assertTrue(cost.durationNs() >= 0, task.label() + " on " + p.name());
            }
        }
    }

    @Test
    public void processorKindOutsideThePlacementIsUnsupported() {
        for (Task task : sampleTasks()) {
            for (Processor p : platform().processors()) {
                if (task.subgraph().placementOn(p.kind()) == null) {
                    assertEquals(TaskCost.UNSUPPORTED, costModel().cost(task, p), task.label() + " on " + p.name());
                }
            }
        }
    }

    @Test
    public void everySampleTaskRunsSomewhere() {
        for (Task task : sampleTasks()) {
            assertTrue(platform().processors().stream().anyMatch(p -> costModel().cost(task, p).supported()),
                    task.label());
        }
    }

    @Test
    public void syncIsZeroOnTheSameProcessorAndNeverNegative() {
        for (Processor from : platform().processors()) {
            for (Processor to : platform().processors()) {
                long ns = costModel().syncNs(from, to);
                if (from.equals(to)) assertEquals(0, ns, from.name());
                assertTrue(ns >= 0, from.name() + "->" + to.name());
            }
        }
    }

    @Test
    public void graphPreparationIsNeverNegative() {
        for (Task task : sampleTasks()) {
            for (Processor p : platform().processors()) {
                assertTrue(costModel().graphPreparationNs(task, p) >= 0, task.label() + " on " + p.name());
            }
        }
    }

    @Test
    public void costsAreDeterministic() {
        for (Task task : sampleTasks()) {
            for (Processor p : platform().processors()) {
                assertEquals(costModel().cost(task, p), costModel().cost(task, p), task.label() + " on " + p.name());
            }
        }
    }

    @Test
    public void hasANameAndADescription() {
        assertTrue(!costModel().name().isBlank() && !costModel().description().isBlank());
    }
}
