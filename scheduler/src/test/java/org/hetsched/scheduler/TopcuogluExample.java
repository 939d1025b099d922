package org.hetsched.scheduler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;

/**
 * The sample graph of Topcuoglu, Hariri, Wu (IEEE TPDS 2002) with its published results, read from
 * {@code topcuoglu2002.tsv} (which gives the source of every number).
 */
public final class TopcuogluExample {
    /** Where and when a task ran. */
    public record Placed(int processor, long startNs, long endNs) {
    }

    /** The graph priced on P1, P2, P3 (ids 0, 1, 2), costs as published (× the scale). */
    public final CostTable costs;
    /** Per task name, the published rank_u and rank_d. */
    public final Map<String, double[]> ranks = new LinkedHashMap<>();
    /** Per task name, HEFT's published placement (Fig. 4(a)). */
    public final Map<String, Placed> heft = new LinkedHashMap<>();
    /** Per algorithm ("heft", "cpop"), the published makespan. */
    public final Map<String, Long> makespans = new LinkedHashMap<>();

    private TopcuogluExample(List<String[]> lines, long scale) {
        Map<String, long[]> durations = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        for (String[] f : lines) {
            switch (f[0]) {
                case "task" -> durations.put(f[1], new long[] {Long.parseLong(f[2]) * scale, Long.parseLong(f[3]) * scale,
                        Long.parseLong(f[4]) * scale});
                case "edge" -> edges.add(f);
                case "rank" -> ranks.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                case "heft" -> heft.put(f[1], new Placed(Integer.parseInt(f[2].substring(1)) - 1, Long.parseLong(f[3]),
                        Long.parseLong(f[4])));
                case "makespan" -> makespans.put(f[1], Long.parseLong(f[2]));
                default -> throw new IllegalStateException("unknown line kind " + f[0]);
            }
        }
        GenericGraphBuilder builder = new GenericGraphBuilder("topcuoglu2002-fig2");
        durations.keySet().forEach(name -> builder.addTask(name, List.of(TestPlans.CPU)));
        TableCostModel model = new TableCostModel(durations);
        for (String[] e : edges) {
            builder.addEdge(e[1], e[2]);
            model.transfer(e[1], e[2], Long.parseLong(e[3]) * scale);
        }
        TaskGraph graph = builder.build();
        costs = CostTable.build(graph, threeProcessors(), model);
    }

    /** The example as published. */
    public static TopcuogluExample load() {
        return load(1);
    }

    /** The example with every duration and transfer multiplied by {@code scale} (published results unscaled). */
    public static TopcuogluExample load(long scale) {
        try (InputStream in = TopcuogluExample.class.getResourceAsStream("topcuoglu2002.tsv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> lines = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) lines.add(line.split("\t"));
            }
            return new TopcuogluExample(lines, scale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** P1, P2, P3 as ids 0, 1, 2; the paper's processors differ only in the cost table. */
    static Platform threeProcessors() {
        List<Processor> processors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processors.add(new Processor(i, "P" + (i + 1), ProcessorKind.CPU, Set.of(TestPlans.CPU.linearDType(),
                    TestPlans.CPU.floatDType())));
        }
        return new Platform("topcuoglu2002-3p", processors);
    }

    /** The id of the task called {@code name}. */
    public int id(String name) {
        TaskGraph graph = costs.graph();
        for (int t = 0; t < graph.size(); t++) {
            if (graph.task(t).subgraph().name().equals(name)) return t;
        }
        throw new IllegalArgumentException("no task " + name);
    }
}
