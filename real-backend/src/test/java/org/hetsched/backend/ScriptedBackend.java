package org.hetsched.backend;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;

/**
 * A test double: lanes that run nothing and report a scripted time per op ({@code nsPerOp} × the
 * op's position + 1), keeping the {@link Backend} contract (eligibility, ranges, life cycle) and
 * recording every execution. Threading as {@link Backend}; {@link #executions()} may be read while
 * lanes run.
 */
public final class ScriptedBackend implements Backend {
    /** One executed task: which, where, in call order. */
    public record Execution(int task, int processor) {
    }

    private final Platform lanes;
    private final long nsPerOp;
    private final List<Execution> executions = new ArrayList<>();
    private TaskGraph graph;
    private boolean closed;

    /** @param nsPerOp the first op's time; op i takes {@code (i + 1) · nsPerOp}, &ge; 0 */
    public ScriptedBackend(Platform lanes, long nsPerOp) {
        if (nsPerOp < 0) throw new IllegalArgumentException("nsPerOp must be >= 0, got " + nsPerOp);
        this.lanes = lanes;
        this.nsPerOp = nsPerOp;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String description() {
        return "runs nothing; op i of a task takes (i + 1) x " + nsPerOp + " ns";
    }

    @Override
    public Platform platform() {
        return lanes;
    }

    @Override
    public void prepare(TaskGraph graph) {
        if (closed) throw new IllegalStateException("scripted backend is closed");
        this.graph = graph;
    }

    @Override
    public long[] execute(int task, int processor) {
        if (closed) throw new IllegalStateException("scripted backend is closed");
        TaskGraph g = graph;
        if (g == null) throw new IllegalStateException("no graph prepared");
        if (processor < 0 || processor >= lanes.size()) {
            throw new IllegalArgumentException("processor " + processor + " is not a lane (0.." + (lanes.size() - 1) + ")");
        }
        if (task < 0 || task >= g.size()) {
            throw new IllegalArgumentException("task " + task + " is not in graph " + g.name() + " (0.." + (g.size() - 1) + ")");
        }
        Task t = g.task(task);
        String reason = Eligibility.reason(t, lanes.processor(processor));
        if (reason != null) {
            throw new IllegalArgumentException("task " + t.label() + " cannot run on lane " + lanes.processor(processor).name() + ": " + reason);
        }
        long[] durationsNs = new long[t.ops().size()];
        for (int i = 0; i < durationsNs.length; i++) durationsNs[i] = (i + 1) * nsPerOp;
        synchronized (executions) {
            executions.add(new Execution(task, processor));
        }
        return durationsNs;
    }

    /** Every execution since construction, in call order (calls of different lanes interleave as they happened). */
    public List<Execution> executions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
    }

    @Override
    public void close() {
        closed = true;
        graph = null;
    }
}
