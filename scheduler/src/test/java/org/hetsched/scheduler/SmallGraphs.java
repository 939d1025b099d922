package org.hetsched.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.fixtures.TableCostModel;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;

/** Generic task graphs with tabled costs, written out task by task in tests. */
public final class SmallGraphs {
    private final Map<String, long[]> durations = new LinkedHashMap<>();
    private final List<Object[]> edges = new ArrayList<>();

    /** Adds a task with a duration per processor id, -1 where it may not run. */
    public SmallGraphs task(String name, long... durationNs) {
        durations.put(name, durationNs.clone());
        return this;
    }

    /** Adds the edge {@code from → to} with a transfer paid when its ends run on different processors. */
    public SmallGraphs edge(String from, String to, long transferNs) {
        edges.add(new Object[] {from, to, transferNs});
        return this;
    }

    /** The costs on {@link #platform} with as many processors as the first task has durations; sync 0. */
    public CostTable build() {
        int processors = durations.values().iterator().next().length;
        GenericGraphBuilder builder = new GenericGraphBuilder("small");
        durations.keySet().forEach(name -> builder.addTask(name, List.of(TestPlans.CPU)));
        TableCostModel model = new TableCostModel(durations);
        for (Object[] e : edges) {
            builder.addEdge((String) e[0], (String) e[1]);
            model.transfer((String) e[0], (String) e[1], (Long) e[2]);
        }
        return CostTable.build(builder.build(), platform(processors), model);
    }

    /** {@code processors} interchangeable processors p0, p1, ...; the cost table tells them apart. */
    public static Platform platform(int processors) {
        List<Processor> list = new ArrayList<>();
        for (int i = 0; i < processors; i++) {
            list.add(new Processor(i, "p" + i, ProcessorKind.CPU, Set.of(TestPlans.CPU.linearDType(), TestPlans.CPU.floatDType())));
        }
        return new Platform("test-" + processors + "p", list);
    }

    /** The id of the task called {@code name}. */
    public static int id(CostTable costs, String name) {
        for (int t = 0; t < costs.graph().size(); t++) {
            if (costs.graph().task(t).subgraph().name().equals(name)) return t;
        }
        throw new IllegalArgumentException("no task " + name);
    }
}
