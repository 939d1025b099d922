package org.hetsched.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hetsched.core.platform.CostTable;

/**
 * Random layered DAGs with tabled costs, small enough for the exact solver: 3–5 layers of 2–4
 * tasks; every task below the first layer has a predecessor in the layer above, plus random edges
 * from any earlier layer; 2–3 processors; durations 1–20 ns, each (task, processor) pair
 * ineligible with probability 1/4 but every task eligible somewhere; transfers 0–10 ns.
 */
public final class RandomTaskGraphs {
    private RandomTaskGraphs() {
    }

    /** The graph of {@code seed}: the same seed always gives the same costs. */
    public static CostTable of(long seed) {
        Random random = new Random(seed);
        int processors = 2 + random.nextInt(2);
        int layers = 3 + random.nextInt(3);
        SmallGraphs graph = new SmallGraphs();
        List<List<String>> byLayer = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            List<String> names = new ArrayList<>();
            int width = 2 + random.nextInt(3);
            for (int i = 0; i < width; i++) {
                String name = "L" + layer + "t" + i;
                long[] durations = new long[processors];
                boolean any = false;
                for (int p = 0; p < processors; p++) {
                    boolean eligible = random.nextInt(4) != 0;
                    durations[p] = eligible ? 1 + random.nextInt(20) : -1;
                    any |= eligible;
                }
                if (!any) durations[random.nextInt(processors)] = 1 + random.nextInt(20);
                graph.task(name, durations);
                names.add(name);
                if (layer == 0) continue;
                List<String> above = byLayer.get(layer - 1);
                String parent = above.get(random.nextInt(above.size()));
                graph.edge(parent, name, random.nextInt(11));
                for (int earlier = 0; earlier < layer; earlier++) {
                    for (String from : byLayer.get(earlier)) {
                        if (!from.equals(parent) && random.nextInt(4) == 0) graph.edge(from, name, random.nextInt(11));
                    }
                }
            }
            byLayer.add(names);
        }
        return graph.build();
    }
}
