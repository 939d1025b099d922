package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.PerDispatchOverhead;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.RunTotal;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.junit.jupiter.api.Test;

class EffectTest {
    private static CostTable costs() {
        return CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 100, 16, Set.of())),
                TestPlatforms.phone(), new SimpleCostModel(7_000));
    }

    private static EngineOptions with(Effect... effects) {
        return EngineOptions.DEFAULTS.withEffects(List.of(effects));
    }

    @Test
    void listenersHearEveryStartAndFinishOncePerRun() {
        CostTable costs = costs();
        TestEffects.Silent silent = new TestEffects.Silent();
        Engine engine = new Engine(costs, with(silent));
        engine.run(new LowestIdPolicy());
        engine.run(new LowestIdPolicy());
        assertEquals(2, silent.runs);
        assertEquals(2 * costs.graph().size(), silent.starts);
        assertEquals(2 * costs.graph().size(), silent.finishes);
    }

    @Test
    void aListenerCanMoveTheEndOfARunningTask() {
        CostTable costs = costs();
        long delayNs = 3_000;
        TestEffects.Delay delay = new TestEffects.Delay(delayNs);
        Trace trace = new Engine(costs, with(delay)).run(new LowestIdPolicy());
        // every task runs at least its tabled time, none overlaps another on its processor
        assertEquals(List.of(), TraceValidator.violations(trace));
        long extra = 0;
        for (int t = 0; t < costs.graph().size(); t++) {
            extra += trace.endNs(t) - trace.startNs(t) - costs.durationNs(t, trace.processorOf(t));
        }
        assertTrue(delay.delays > 0, "the workload never overlaps processors");
        assertEquals(delay.delays * delayNs, extra, "each delay lengthens exactly one task once");
        assertTrue(trace.makespanNs() > new Engine(costs).run(new LowestIdPolicy()).makespanNs());
    }

    @Test
    void totalsReachTheTraceAndEnergyTheMetrics() {
        CostTable costs = costs();
        Trace plain = new Engine(costs).run(new LowestIdPolicy());
        assertEquals(List.of(), plain.totals());
        assertFalse(Metrics.of(plain, 0).energyJ().isPresent());
        assertFalse(Metrics.of(plain, 0).energyJPerPromptToken().isPresent());

        Trace other = new Engine(costs, with(TestEffects.reporting("widgets", 3))).run(new LowestIdPolicy());
        assertEquals(List.of(new RunTotal("widgets", 3)), other.totals());
        assertFalse(Metrics.of(other, 0).energyJ().isPresent(), "only an energy total is energy");

        Trace energy = new Engine(costs, with(TestEffects.reporting(RunTotal.ENERGY_J, 2.5))).run(new LowestIdPolicy());
        Metrics m = Metrics.of(energy, 0);
        assertEquals(2.5, m.energyJ().getAsDouble());
        assertEquals(2.5 / 100, m.energyJPerPromptToken().getAsDouble(), 1e-15);
    }

    @Test
    void pricedCostsApplyEachAdjustmentOnce() {
        CostTable costs = costs();
        EngineOptions options = with(new PerDispatchOverhead(10, 20, 30));
        CostTable priced = options.pricedCosts(costs);
        assertSame(priced, options.pricedCosts(priced));
        assertSame(costs, EngineOptions.DEFAULTS.pricedCosts(costs));
        for (int t = 0; t < costs.graph().size(); t++) {
            for (int p = 0; p < 3; p++) {
                long expected = costs.eligible(t, p) ? costs.durationNs(t, p) + 10L * (p + 1) : CostTable.INELIGIBLE;
                assertEquals(expected, priced.durationNs(t, p));
                assertEquals(costs.eligibleMask(t), priced.eligibleMask(t));
            }
        }
        // the engine runs on, and its trace carries, the priced table
        assertEquals(priced.durationNs(0, 1), new Engine(costs, options).run(new LowestIdPolicy()).costs().durationNs(0, 1));
    }

    @Test
    void badEffectsAreRefused() {
        CostTable costs = costs();
        assertThrows(IllegalArgumentException.class, () -> with(new TestEffects.Silent(), new TestEffects.Silent()));
        Effect negative = new Effect() {
            public String name() {
                return "negative";
            }

            public String description() {
                return "gives a negative duration";
            }

            public Listener begin(CostTable c) {
                return new Listener() {
                    public long onStart(int task, int processor, long durationNs, EffectView run) {
                        return -1;
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> new Engine(costs, with(negative)).run(new LowestIdPolicy()));
        Effect past = new Effect() {
            public String name() {
                return "past";
            }

            public String description() {
                return "moves an end into the past";
            }

            public Listener begin(CostTable c) {
                return new Listener() {
                    public long onStart(int task, int processor, long durationNs, EffectView run) {
                        for (int q = 0; q < 3; q++) {
                            if (run.runningTask(q) >= 0 && q != processor) run.setEndNs(run.runningTask(q), run.nowNs() - 1);
                        }
                        return durationNs;
                    }
                };
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new Engine(costs, with(past)).run(new LowestIdPolicy()));
        Effect self = new Effect() {
            public String name() {
                return "self";
            }

            public String description() {
                return "moves the starting task's own end";
            }

            public Listener begin(CostTable c) {
                return new Listener() {
                    public long onStart(int task, int processor, long durationNs, EffectView run) {
                        run.setEndNs(task, run.nowNs());
                        return durationNs;
                    }
                };
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new Engine(costs, with(self)).run(new LowestIdPolicy()));
    }
}
