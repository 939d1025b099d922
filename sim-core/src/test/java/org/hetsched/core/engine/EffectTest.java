package org.hetsched.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.hetsched.core.fixtures.DelayOnStart;
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
        DelayOnStart delay = new DelayOnStart(delayNs);
        Trace trace = new Engine(costs, with(delay)).run(new LowestIdPolicy());
        // every task runs at least its tabled time, none overlaps another on its processor
        assertEquals(List.of(), TraceValidator.violations(trace));
        long extra = 0;
        for (int t = 0; t < costs.graph().size(); t++) {
            extra += trace.endNs(t) - trace.startNs(t) - costs.durationNs(t, trace.processorOf(t));
        }
        assertTrue(delay.delays() > 0, "the workload never overlaps processors");
        assertEquals(delay.delays() * delayNs, extra, "each delay lengthens exactly one task once");
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

    /** An effect whose listener answers {@code onStart} with {@code change} applied, and moves no end. */
    private static Effect changing(String name, Effect.RunDurations declared, LongUnaryOperator change) {
        return new Effect() {
            public String name() {
                return name;
            }

            public String description() {
                return "changes durations by a rule";
            }

            @Override
            public RunDurations runDurations() {
                return declared;
            }

            public Listener begin(CostTable c) {
                return new Listener() {
                    public long onStart(int task, int processor, long durationNs, EffectView run) {
                        return change.applyAsLong(durationNs);
                    }
                };
            }
        };
    }

    /** An effect whose listener moves the end of every running task on another processor to {@code start + priced + shiftNs}. */
    private static Effect moving(Effect.RunDurations declared, long shiftNs) {
        return new Effect() {
            public String name() {
                return "moving";
            }

            public String description() {
                return "moves running tasks' ends";
            }

            @Override
            public RunDurations runDurations() {
                return declared;
            }

            public Listener begin(CostTable c) {
                return new Listener() {
                    public long onStart(int task, int processor, long durationNs, EffectView run) {
                        for (int q = 0; q < 3; q++) {
                            int other = run.runningTask(q);
                            if (other < 0 || q == processor) continue;
                            long end = run.startNs(other) + run.costs().durationNs(other, q) + shiftNs;
                            if (end >= run.nowNs()) run.setEndNs(other, end);
                        }
                        return durationNs;
                    }
                };
            }
        };
    }

    @Test
    void listenersAreHeldToWhatTheirEffectDeclares() {
        CostTable costs = costs();
        Effect.RunDurations unchanged = Effect.RunDurations.UNCHANGED;
        Effect.RunDurations lengthened = Effect.RunDurations.LENGTHENED;
        // an effect that leaves runDurations at its default may not change a duration or move an end
        assertThrows(IllegalStateException.class,
                () -> new Engine(costs, with(changing("longer", unchanged, d -> d + 1))).run(new LowestIdPolicy()));
        assertThrows(IllegalStateException.class, () -> new Engine(costs, with(moving(unchanged, 1))).run(new LowestIdPolicy()));
        // one that declares it only lengthens may lengthen, never shorten
        Trace longer = new Engine(costs, with(changing("longer", lengthened, d -> d + 1))).run(new LowestIdPolicy());
        assertEquals(List.of(), TraceValidator.violations(longer));
        assertThrows(IllegalStateException.class,
                () -> new Engine(costs, with(changing("shorter", lengthened, d -> d - 1))).run(new LowestIdPolicy()));
        assertEquals(List.of(), TraceValidator.violations(new Engine(costs, with(moving(lengthened, 5))).run(new LowestIdPolicy())));
        assertThrows(IllegalStateException.class, () -> new Engine(costs, with(moving(lengthened, -1))).run(new LowestIdPolicy()));
        // one that may change durations either way is not checked
        Trace shorter = new Engine(costs, with(changing("shorter", Effect.RunDurations.CHANGED, d -> d / 2))).run(new LowestIdPolicy());
        assertFalse(TraceValidator.violations(shorter).isEmpty(), "tasks ran shorter than priced");
    }

    @Test
    void optionsReportTheLeastExactEffectAndDropThoseThatChangeDurations() {
        Effect lengthens = new DelayOnStart(1);
        Effect changes = changing("any", Effect.RunDurations.CHANGED, d -> d);
        Effect overhead = new PerDispatchOverhead(1, 2, 3);
        assertEquals(Effect.RunDurations.UNCHANGED, EngineOptions.DEFAULTS.runDurations());
        assertEquals(Effect.RunDurations.UNCHANGED, with(overhead, new TestEffects.Silent()).runDurations());
        assertEquals(Effect.RunDurations.LENGTHENED, with(overhead, lengthens).runDurations());
        assertEquals(Effect.RunDurations.CHANGED, with(changes, lengthens).runDurations());
        assertEquals(List.of(overhead), with(overhead, lengthens, changes).withoutRunDurationChanges().effects());
    }
}
