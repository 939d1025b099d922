package org.hetsched.backend.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.hetsched.backend.Backend;
import org.hetsched.backend.jni.ThreadAffinity;
import org.hetsched.core.graph.ConcurrentReadyTracker;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.plan.PlanValidator;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * Executes a {@link SchedulePlan} on a {@link Backend} with one worker thread per processor, each
 * pinned to its own core ({@link ReplayOptions}). A worker runs its next planned task as soon as
 * every predecessor has finished ({@link ConcurrentReadyTracker}); start and end come from
 * {@link System#nanoTime()} relative to the moment the workers are released.
 *
 * <p>Hand-off between lanes is lock-free: a worker whose next task is not ready spins for
 * {@link ReplayOptions#spinNs()} and then parks; a worker that completes a task unparks the lanes
 * that parked. Orders that contradict the dependencies are refused before any task runs, by
 * replaying them without executing anything, so a replay never hangs. Not reentrant: one
 * {@link #replay} at a time per backend.
 */
public final class Replayer {
    private final Backend backend;
    private final ReplayOptions options;

    /** Workers pinned one per core where possible ({@link ReplayOptions#defaults}). */
    public Replayer(Backend backend) {
        this(backend, ReplayOptions.defaults(backend.platform().size()));
    }

    /**
     * @throws UserInputException if the options pin a lane count other than the backend's, or a
     *     CPU this process may not run on
     */
    public Replayer(Backend backend, ReplayOptions options) {
        this.backend = backend;
        this.options = options;
        options.check(backend.platform());
    }

    public ReplayOptions options() {
        return options;
    }

    /**
     * Replays {@code plan} over {@code graph}, which the backend must have prepared.
     *
     * @param policy name of the policy that made the plan, recorded in the trace
     * @throws IllegalStateException if the plan is malformed (wrong processor count, a task missing,
     *                               repeated, or on a lane that cannot run it)
     * @throws ReplayException       if the orders deadlock (before anything runs) or a task fails
     */
    public ReplayResult replay(TaskGraph graph, SchedulePlan plan, String policy) {
        CostTable costs = ReplayCosts.table(graph, backend.platform());
        if (plan.processors() != backend.platform().size()) {
            throw new IllegalStateException("plan has " + plan.processors() + " processors but backend " + backend.name()
                    + " has " + backend.platform().size() + " lanes");
        }
        PlanValidator.validate(plan, costs, policy);
        Run run = new Run(graph, plan);
        String deadlock = Dependencies.deadlock(graph, run.order, backend.platform());
        if (deadlock != null) throw new ReplayException(deadlock);
        run.workers = LaneWorkers.create(backend.platform(), "replay-", run::work);
        LaneWorkers.startAndJoin(run.workers, run::begin, run::fail);
        if (run.failure != null) throw run.failure;
        Trace trace = new Trace(costs, policy, run.processorOf, run.startNs, run.endNs);
        return new ReplayResult(trace, events(graph, trace, run.opNs, backend.name() + " replay of " + graph.name()));
    }

    /** The profiling tree of a replay: run → task (id order) → op. */
    static ProfilingEvent events(TaskGraph graph, Trace trace, long[][] opNs, String label) {
        List<ProfilingEvent> tasks = new ArrayList<>(graph.size());
        for (int t = 0; t < graph.size(); t++) {
            Task task = graph.task(t);
            List<ProfilingEvent> ops = new ArrayList<>(task.ops().size());
            for (int i = 0; i < task.ops().size(); i++) {
                ops.add(new ProfilingEvent(ProfilingEvent.Type.NODE, opNs[t][i], ProfilingEvent.Unit.TIME_NS,
                        task.ops().get(i).label(), List.of()));
            }
            tasks.add(new ProfilingEvent(ProfilingEvent.Type.TASK, trace.endNs(t) - trace.startNs(t), ProfilingEvent.Unit.TIME_NS,
                    task.label(), ops));
        }
        return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, trace.makespanNs(), ProfilingEvent.Unit.TIME_NS, label, tasks);
    }

    /** The state of one replay; arrays indexed by task are written by the task's worker before it completes the task. */
    private final class Run {
        private final TaskGraph graph;
        private final ConcurrentReadyTracker dependencies;
        private final int[][] order;
        private final int[] processorOf;
        private final long[] startNs;
        private final long[] endNs;
        private final long[][] opNs;
        /** Set once, before any worker starts (Thread.start publishes it to them). */
        private Thread[] workers;
        private final SpinThenPark waits;
        private final StartLine start;
        private volatile ReplayException failure;

        Run(TaskGraph graph, SchedulePlan plan) {
            this.graph = graph;
            this.dependencies = new ConcurrentReadyTracker(graph);
            int n = graph.size();
            int lanes = plan.processors();
            order = new int[lanes][];
            processorOf = new int[n];
            for (int p = 0; p < lanes; p++) {
                order[p] = plan.order(p);
                for (int t : order[p]) processorOf[t] = p;
            }
            startNs = new long[n];
            endNs = new long[n];
            opNs = new long[n][];
            waits = new SpinThenPark(lanes, options.spinNs(), this);
            start = new StartLine(lanes);
        }

        /** On the caller's thread: once every worker is pinned and spinning, time zero, and go. */
        void begin() {
            try {
                start.awaitArrivals();
                start.markOrigin();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new ReplayException("interrupted while starting the replay workers", e));
            }
            start.go();
        }

        void fail(ReplayException e) {
            synchronized (this) {
                if (failure == null) failure = e;
            }
            for (Thread w : workers) LockSupport.unpark(w);
        }

        void work(int lane) {
            try {
                try {
                    if (options.pinnedLanes()) ThreadAffinity.pinCurrentThread(options.laneCpus()[lane]);
                } finally {
                    start.arrive();
                }
                long origin = start.awaitGo();
                for (int task : order[lane]) {
                    if (!awaitReady(lane, task)) return;
                    long start = System.nanoTime() - origin;
                    long[] ops = backend.execute(task, lane);
                    long end = System.nanoTime() - origin;
                    startNs[task] = start;
                    endNs[task] = end;
                    opNs[task] = ops;
                    dependencies.finished(task);
                    wakeParked(lane);
                }
            } catch (RuntimeException | Error e) {
                fail(new ReplayException("lane " + backend.platform().processor(lane).name() + " failed: " + e.getMessage(), e));
            }
        }

        /** Spins, then parks ({@link SpinThenPark}), until {@code task} is ready; false if the replay failed meanwhile. */
        private boolean awaitReady(int lane, int task) {
            waits.await(lane, () -> failure != null || dependencies.isReady(task));
            return failure == null;
        }

        private void wakeParked(int lane) {
            for (int q = 0; q < workers.length; q++) {
                if (q != lane) waits.wake(q, workers[q]);
            }
        }
    }
}
