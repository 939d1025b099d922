package org.hetsched.profiles.cost;

import java.util.List;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.format.GraphFile;

/**
 * The costs a task graph file gives: a duration per (task, processor), no sync, and a transfer per
 * edge paid only when its two ends run on different processors — the classic model of the list
 * scheduling literature (e.g. Topcuoglu et al., IEEE TPDS 2002). Immutable; thread-safe.
 */
public final class GraphFileCostModel implements CostModel {
    private final GraphFile file;

    public GraphFileCostModel(GraphFile file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "graph-file";
    }

    @Override
    public String description() {
        return "costs given by task graph " + file.platform().name()
                + (file.source().isEmpty() ? "" : " (" + file.source() + ")");
    }

    @Override
    public TaskCost cost(Task task, Processor processor) {
        long[] row = file.durationsNs().get(task.subgraph().name());
        if (row == null || processor.id() >= row.length || row[processor.id()] < 0) return TaskCost.UNSUPPORTED;
        return new TaskCost(row[processor.id()], CostBasis.MEASURED, List.of());
    }

    @Override
    public long syncNs(Processor from, Processor to) {
        return 0;
    }

    @Override
    public long transferNs(Task producer, Task consumer) {
        return file.transfersNs().getOrDefault(GraphFile.edgeKey(producer.subgraph().name(), consumer.subgraph().name()), 0L);
    }

    @Override
    public long graphPreparationNs(Task task, Processor processor) {
        return 0;
    }
}
