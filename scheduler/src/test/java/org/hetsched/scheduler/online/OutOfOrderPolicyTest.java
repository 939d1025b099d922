package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.PolicyContractTest;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class OutOfOrderPolicyTest extends PolicyContractTest {
    private static final int NPU = 0;
    private static final int CPU = 1;

    @Override
    protected Policy newPolicy() {
        return new OutOfOrderPolicy();
    }

    /**
     * One layer, llm.npu, 3 chunks of 32 tokens, no sync. Tasks, id = 5·chunk + subgraph, with
     * T = their time: embed (CPU) 0, 5, 10: 1712 each; qkv0 (NPU, produces layer 0's K/V) 1, 6, 11:
     * 3989 each; attention (CPU) 2, 7, 12: 9828, 15152, 20478 (the context grows); ffn (NPU) 3, 8,
     * 13: 11236 each; head (CPU) 4, 9, 14: 1712, 1712, 3762.
     *
     * <p>The CPU runs the three embeds back to back (0–1712–3424–5136); the NPU runs c0/qkv0
     * (1712–5701). At 5701 the K/V prefix of layer 0 becomes 1 and:
     * <ul>
     *   <li>NPU: c1/qkv0 (6) is now the prefix chunk's last producer: attention c1 (7) waits only
     *       for it, so C = −T(7) = −15152; the prefix would move to 2, opening attention c2's gate,
     *       but that one still waits for c2/qkv0, so it does not count. c2/qkv0 (11) unlocks nothing
     *       (attention c2 also waits for the gate; chunk 2 is not the prefix): C = 0. The NPU runs
     *       11, the larger C, though 6 has the lower id.</li>
     *   <li>CPU: c0/attention (2) releases c0/ffn (3): C = +11236.</li>
     * </ul>
     * At 9690, c2/qkv0 done: c1/qkv0 is the only NPU task; finishing it releases attention c1 and,
     * the prefix jumping over the complete chunk 2, opens attention c2's gate, its last
     * predecessor: C = −(15152 + 20478) = −35630. At 15529 c0/attention ends with attentions c1 and
     * c2 both ready on the CPU: each releases its ffn, C = +11236 for both, and the tie goes to the
     * lower id, 7; the NPU gets c0/ffn (3), which releases c0/head: C = −1712.
     */
    @Test
    void scoresAHandComputedExample() {
        CostTable costs = CostTable.build(PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(1),
                TestPlans.llmNpu(), 96, 32, Set.of())), TestPlatforms.phone(), new SimpleCostModel(0));
        long[] expectedT = {1712, 3989, 9828, 11236, 1712, 1712, 3989, 15152, 11236, 1712, 1712, 3989, 20478, 11236, 3762};
        for (int t = 0; t < expectedT.length; t++) assertEquals(expectedT[t], costs.cheapestNs(t), costs.graph().task(t).label());
        assertEquals(expectedT.length, costs.graph().size());

        OutOfOrderProbe probe = new OutOfOrderProbe();
        Trace trace = new Engine(costs).run(probe);

        assertDecision(probe, 5701, NPU, Map.of(6, -15152L, 11, 0L), 11);
        assertDecision(probe, 5701, CPU, Map.of(2, 11236L), 2);
        assertDecision(probe, 9690, NPU, Map.of(6, -35630L), 6);
        assertDecision(probe, 15529, CPU, Map.of(7, 11236L, 12, 11236L), 7);
        assertDecision(probe, 15529, NPU, Map.of(3, -1712L), 3);
        assertEquals(5701, trace.startNs(11));
        assertEquals(9690, trace.startNs(6));
        assertEquals(15529, trace.startNs(7));
    }

    /** On every fixture, each decision takes the task the from-scratch scores rank first. */
    @Test
    void choosesTheLargestScoreOnEveryFixture() {
        for (CostTable costs : fixtures()) {
            OutOfOrderProbe probe = new OutOfOrderProbe();
            new Engine(costs).run(probe);
            for (OutOfOrderProbe.Decision d : probe.decisions()) {
                assertEquals(d.bruteForce(), d.incremental(), costs.graph().name() + " at " + d.nowNs());
                assertEquals(d.expected(), d.chosen(), costs.graph().name() + " at " + d.nowNs());
            }
        }
    }

    /** The rule is not in-order: on the llm.npu fixture some NPU task overtakes a lower id that was ready. */
    @Test
    void runsOutOfOrder() {
        CostTable costs = fixtures().get(0);
        OutOfOrderProbe probe = new OutOfOrderProbe();
        new Engine(costs).run(probe);
        List<OutOfOrderProbe.Decision> overtaking = probe.decisions().stream()
                .filter(d -> d.chosen() >= 0 && d.incremental().keySet().stream().anyMatch(t -> t < d.chosen())).toList();
        assertTrue(!overtaking.isEmpty(), "no decision overtook a lower ready id");
    }

    private static void assertDecision(OutOfOrderProbe probe, long nowNs, int processor, Map<Integer, Long> scores,
                                       int chosen) {
        OutOfOrderProbe.Decision d = probe.decisions().stream()
                .filter(x -> x.nowNs() == nowNs && x.processor() == processor).findFirst()
                .orElseThrow(() -> new AssertionError("no decision of processor " + processor + " at " + nowNs));
        assertEquals(scores, d.incremental(), "scores at " + nowNs);
        assertEquals(scores, d.bruteForce(), "from-scratch scores at " + nowNs);
        assertEquals(chosen, d.chosen(), "choice at " + nowNs);
    }
}
