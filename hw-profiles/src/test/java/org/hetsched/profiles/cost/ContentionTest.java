package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.profiles.format.ContentionSlowdown;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.format.SourcedValue;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

/**
 * The contention model on schedules small enough to solve by hand (each expected time is worked
 * out in the comment above it), on processors npu (0), cpu (1) and gpu (2).
 */
class ContentionTest {
    private static final int NPU = 0;
    private static final int CPU = 1;
    private static final int GPU = 2;
    private static final String[] NAMES = {"npu", "cpu", "gpu"};

    /** The test device of src/test/resources (npu, cpu, gpu; nine contention entries, made up). */
    static DeviceProfile contended() {
        try (InputStream in = ContentionTest.class.getResourceAsStream("contention-profile.json")) {
            return ProfileReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "contention-profile.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test device with {@code entries} as its only contention entries. */
    static DeviceProfile with(List<ContentionSlowdown> entries) {
        DeviceProfile p = contended();
        return new DeviceProfile(p.name(), p.description(), p.sources(), p.processors(), p.analytic(), p.costs(), p.sync(),
                p.graphPreparation(), p.measuredOn(), p.prefill(), p.shadow(), entries);
    }

    static ContentionSlowdown entry(int victim, int aggressor, double slowdown) {
        return entry(victim, aggressor, null, null, slowdown);
    }

    static ContentionSlowdown entry(int victim, int aggressor, SubgraphRole victimRole, SubgraphRole aggressorRole, double slowdown) {
        return new ContentionSlowdown(NAMES[victim], NAMES[aggressor], victimRole, aggressorRole, new SourcedValue(slowdown, "made-up"));
    }

    /** The same slowdown between every pair of the processors listed. */
    private static List<ContentionSlowdown> symmetric(double slowdown, int... processors) {
        List<ContentionSlowdown> entries = new ArrayList<>();
        for (int v : processors) {
            for (int a : processors) {
                if (v != a) entries.add(entry(v, a, slowdown));
            }
        }
        return entries;
    }

    /** A graph of independent tasks, {@code name → (processor, ns)}, plus the edges given as "from->to:transferNs". */
    private static CostTable tasks(Map<String, long[]> pinned, String... edges) {
        GenericGraphBuilder builder = new GenericGraphBuilder("hand");
        Map<String, long[]> durations = new HashMap<>();
        for (Map.Entry<String, long[]> t : pinned.entrySet()) {
            builder.addTask(t.getKey(), List.of(TestPlans.NPU, TestPlans.CPU, TestPlans.GPU));
            long[] row = {-1, -1, -1};
            row[(int) t.getValue()[0]] = t.getValue()[1];
            durations.put(t.getKey(), row);
        }
        TableCostModel costs = new TableCostModel(durations);
        for (String e : edges) {
            String[] fromTo = e.split("->|:");
            builder.addEdge(fromTo[0], fromTo[1]);
            costs.transfer(fromTo[0], fromTo[1], Long.parseLong(fromTo[2]));
        }
        return CostTable.build(builder.build(), TestPlatforms.phone(), costs);
    }

    private static Trace run(CostTable costs, List<ContentionSlowdown> entries) {
        return new Engine(costs, EngineOptions.DEFAULTS.withEffects(List.of(new Contention(with(entries))))).run(new LowestIdPolicy());
    }

    private static long end(Trace trace, String task) {
        for (int t = 0; t < trace.graph().size(); t++) {
            if (trace.graph().task(t).subgraph().name().equals(task)) return trace.endNs(t);
        }
        throw new AssertionError("no task " + task);
    }

    private static long start(Trace trace, String task) {
        for (int t = 0; t < trace.graph().size(); t++) {
            if (trace.graph().task(t).subgraph().name().equals(task)) return trace.startNs(t);
        }
        throw new AssertionError("no task " + task);
    }

    @Test
    void twoEqualTasksThatOverlapBothRunOneAndAHalfTimesLonger() {
        // both start at 0 and run beside each other throughout at rate 1 / 1.5: 100 ns of work take 150 ns
        Trace t = run(tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 100})), symmetric(0.5, NPU, CPU));
        assertEquals(150, end(t, "a"));
        assertEquals(150, end(t, "b"));
        assertEquals(List.of(), TraceValidator.violations(t));
    }

    @Test
    void theLongerTaskSpeedsUpOnceTheShorterFinishes() {
        // a (100 ns) and b (200 ns) overlap from 0 at rate 2/3: a ends at 150, when b has done 100 ns of work;
        // b's other 100 ns run alone at rate 1: b ends at 250
        Trace t = run(tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 200})), symmetric(0.5, NPU, CPU));
        assertEquals(150, end(t, "a"));
        assertEquals(250, end(t, "b"));
    }

    @Test
    void asymmetricSlowdownsSlowEachSideByItsOwnCoefficient() {
        // the cpu slows the npu by 0.25 (rate 0.8), the npu the cpu by 0.6 (rate 0.625): a (100 ns on the npu)
        // ends at 125; by then b (300 ns on the cpu) has done 125 × 0.625 = 78.125 ns, and its 221.875 ns
        // left run alone: b ends at 346.875, rounded to 347
        List<ContentionSlowdown> entries = List.of(entry(NPU, CPU, 0.25), entry(CPU, NPU, 0.6));
        Trace t = run(tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 300})), entries);
        assertEquals(125, end(t, "a"));
        assertEquals(347, end(t, "b"));
        // one-sided: only the cpu is slowed, so a keeps its 100 ns; b does 50 ns of work by then at rate 1/2
        // and its other 250 ns alone: it ends at 350
        Trace oneSided = run(tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 300})), List.of(entry(CPU, NPU, 1.0)));
        assertEquals(100, end(oneSided, "a"));
        assertEquals(350, end(oneSided, "b"));
    }

    @Test
    void threeProcessorsAddTheirSlowdowns() {
        // 0.5 between every pair: with all three busy each runs at 1 / (1 + 0.5 + 0.5) = 1/2, so a (60 ns) ends
        // at 120, when b and c have done 60 ns each; b and c then run at 2/3: b's 60 ns left take 90 ns (ends
        // 210), when c has done 120 ns; c's 120 ns left run alone: it ends at 330
        Trace t = run(tasks(Map.of("a", new long[] {NPU, 60}, "b", new long[] {CPU, 120}, "c", new long[] {GPU, 240})),
                symmetric(0.5, NPU, CPU, GPU));
        assertEquals(120, end(t, "a"));
        assertEquals(210, end(t, "b"));
        assertEquals(330, end(t, "c"));
        assertEquals(List.of(), TraceValidator.violations(t));
    }

    @Test
    void aTaskThatStartsWhileAnotherIsHalfDoneSlowsOnlyItsSecondHalf() {
        // z takes 0 ns on the gpu, and b (cpu) waits 100 ns for z's data, so b starts at 100, when a (200 ns on
        // the npu) has done 100 ns alone; from then both run at 2/3: b's 50 ns take 75 ns (ends 175), when a
        // has done 150 ns; a's last 50 ns run alone: a ends at 225
        Trace t = run(tasks(Map.of("a", new long[] {NPU, 200}, "z", new long[] {GPU, 0}, "b", new long[] {CPU, 50}), "z->b:100"),
                symmetric(0.5, NPU, CPU));
        assertEquals(100, start(t, "b"));
        assertEquals(175, end(t, "b"));
        assertEquals(225, end(t, "a"));
        assertEquals(List.of(), TraceValidator.violations(t));
    }

    @Test
    void aZeroSlowdownOrNoOtherBusyProcessorChangesNothing() {
        CostTable costs = tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 200}, "c", new long[] {GPU, 70}),
                "a->c:10");
        Trace plain = new Engine(costs).run(new LowestIdPolicy());
        assertEquals(plain.rows(), run(costs, symmetric(0, NPU, CPU, GPU)).rows());
        // one task at a time: nothing runs beside anything
        CostTable chain = tasks(Map.of("a", new long[] {NPU, 100}, "b", new long[] {CPU, 200}), "a->b:0");
        assertEquals(new Engine(chain).run(new LowestIdPolicy()).rows(), run(chain, symmetric(3, NPU, CPU, GPU)).rows());
    }

    @Test
    void theMostSpecificEntryWins() {
        Contention c = new Contention(with(List.of(
                entry(CPU, NPU, 0.25),
                entry(CPU, NPU, null, SubgraphRole.LINEAR, 0.5),
                entry(CPU, NPU, SubgraphRole.ATTENTION, null, 0.75),
                entry(CPU, NPU, SubgraphRole.ATTENTION, SubgraphRole.LINEAR, 1.5),
                entry(NPU, CPU, SubgraphRole.LINEAR, null, 0.125))));
        assertEquals(1.5, c.slowdown(CPU, SubgraphRole.ATTENTION, NPU, SubgraphRole.LINEAR), "both roles");
        assertEquals(0.75, c.slowdown(CPU, SubgraphRole.ATTENTION, NPU, SubgraphRole.SHADOW), "the victim's role");
        assertEquals(0.5, c.slowdown(CPU, SubgraphRole.SHADOW, NPU, SubgraphRole.LINEAR), "the aggressor's role");
        assertEquals(0.25, c.slowdown(CPU, SubgraphRole.SHADOW, NPU, SubgraphRole.EPILOGUE), "neither");
        assertEquals(0.125, c.slowdown(NPU, SubgraphRole.LINEAR, CPU, SubgraphRole.ATTENTION));
        assertEquals(0, c.slowdown(NPU, SubgraphRole.PROLOGUE, CPU, SubgraphRole.ATTENTION), "no entry matches");
        assertEquals(0, c.slowdown(GPU, SubgraphRole.LINEAR, CPU, SubgraphRole.ATTENTION), "no entry for the pair");
        // the victim's role is more specific than the aggressor's
        Contention split = new Contention(with(List.of(entry(CPU, NPU, SubgraphRole.ATTENTION, null, 0.875),
                entry(CPU, NPU, null, SubgraphRole.LINEAR, 0.0625))));
        assertEquals(0.875, split.slowdown(CPU, SubgraphRole.ATTENTION, NPU, SubgraphRole.LINEAR));
    }

    @Test
    void appliesOnlyToProfilesWithEntriesAndOnlyLengthens() {
        assertTrue(Contention.applies(contended()));
        // the fitted built-ins carry the slowdowns their fit found; the bottom-up one has none
        assertTrue(Contention.applies(ProfileCatalog.builtIn().get("sd8gen3")));
        assertTrue(Contention.applies(ProfileCatalog.builtIn().get("sd8gen2")));
        assertFalse(Contention.applies(ProfileCatalog.builtIn().get("sd8gen3-bottom-up")));
        Contention c = new Contention(contended());
        assertEquals(Effect.RunDurations.LENGTHENED, c.runDurations());
        assertEquals(Contention.NAME, c.name());
        assertTrue(ProfileEffects.names().contains(Contention.NAME));
        assertEquals(Contention.NAME, ProfileEffects.create(Contention.NAME, contended()).name());
        assertTrue(c.description().contains("9 slowdown entries"), c.description());
    }

    @Test
    void refusesAnotherDevicesProcessorsAndDuplicateEntries() {
        Contention c = new Contention(contended());
        // same names in the same order: accepted; a platform of other processors is refused
        c.begin(tasks(Map.of("a", new long[] {NPU, 1})));
        CostTable two = CostTable.build(new GenericGraphBuilder("two").addTask("t", List.of(TestPlans.CPU)).build(),
                new Platform("two", List.of(TestPlatforms.phone().processor(NPU), TestPlatforms.phone().processor(CPU))),
                new TableCostModel(Map.of("t", new long[] {1, 1})));
        assertThrows(IllegalArgumentException.class, () -> c.begin(two));
        assertThrows(IllegalArgumentException.class, () -> new Contention(with(List.of(entry(CPU, NPU, 0.5), entry(CPU, NPU, 0.25)))));
    }

    @Test
    void aSlowdownPastTheEnginesClockIsRefused() {
        CostTable costs = tasks(Map.of("a", new long[] {NPU, Long.MAX_VALUE / 4}, "b", new long[] {CPU, Long.MAX_VALUE / 4}));
        assertThrows(TimeOverflowException.class, () -> run(costs, symmetric(1e6, NPU, CPU)));
    }
}
