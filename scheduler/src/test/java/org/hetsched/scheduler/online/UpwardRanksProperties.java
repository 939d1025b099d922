package org.hetsched.scheduler.online;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

class UpwardRanksProperties {

    @Provide
    Arbitrary<CostTable> prefill() {
        return RandomGraphs.prefill();
    }

    @Provide
    Arbitrary<CostTable> generic() {
        return RandomGraphs.generic();
    }

    /** The running maximum over chunks gives the ranks of the fully materialised graph. */
    @Property(tries = 150)
    void equalRanksOverEveryMaterialisedDependency(@ForAll("prefill") CostTable costs) {
        assertRanksMatch(costs);
    }

    @Property(tries = 150)
    void equalRanksOnGenericGraphs(@ForAll("generic") CostTable costs) {
        assertRanksMatch(costs);
    }

    private static void assertRanksMatch(CostTable costs) {
        double[] expected = materialisedRanks(costs);
        double[] actual = UpwardRanks.of(costs);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], 1e-9 * Math.max(1, expected[t]), costs.graph().name() + " task " + t);
        }
    }

    /** The textbook recursion over every dependency, each K/V one as an edge of its own. */
    private static double[] materialisedRanks(CostTable costs) {
        TaskGraph graph = costs.graph();
        int n = graph.size();
        int procs = costs.platform().size();
        List<List<Integer>> successors = new ArrayList<>();
        for (int t = 0; t < n; t++) successors.add(new ArrayList<>());
        for (int t = 0; t < n; t++) {
            for (int pred : graph.predecessors(t)) successors.get(pred).add(t);
        }
        double[] rank = new double[n];
        for (int t = n - 1; t >= 0; t--) {
            double best = 0;
            for (int s : successors.get(t)) {
                int edge = explicitEdge(graph, t, s);
                double sum = 0;
                int pairs = 0;
                for (int a = 0; a < procs; a++) {
                    for (int b = 0; b < procs; b++) {
                        if (!costs.eligible(t, a) || !costs.eligible(s, b)) continue;
                        pairs++;
                        if (a != b) sum += costs.syncNs(a, b) + (edge >= 0 ? costs.transferNs(edge) : 0);
                    }
                }
                best = Math.max(best, sum / pairs + rank[s]);
            }
            double duration = 0;
            int eligible = 0;
            for (int p = 0; p < procs; p++) {
                if (costs.eligible(t, p)) {
                    duration += costs.durationNs(t, p);
                    eligible++;
                }
            }
            rank[t] = duration / eligible + best;
        }
        return rank;
    }

    /** The id of explicit edge from → to, or -1 if the dependency comes from the K/V rule. */
    private static int explicitEdge(TaskGraph graph, int from, int to) {
        for (int k = 0; k < graph.explicitSuccessorCount(from); k++) {
            if (graph.explicitSuccessor(from, k) == to) return graph.explicitSuccessorEdge(from, k);
        }
        return -1;
    }
}
