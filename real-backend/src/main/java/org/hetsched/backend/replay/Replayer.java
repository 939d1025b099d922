package org.hetsched.backend.replay;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.backend.Backend;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.plan.PlanValidator;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * Executes a {@link SchedulePlan} on a {@link Backend} with one worker thread per processor. A
 * worker runs its next planned task once every predecessor has finished: explicit ones by
 * completion flags, the K/V rule by one counter per group of the chunks whose producers have all
 * finished (the engine's bookkeeping), so a check costs O(explicit predecessors). Start and end
 * come from {@link System#nanoTime()} relative to the moment the workers are released.
 *
 * <p>Waiting uses one monitor shared by the workers; a completion wakes them all, which is cheap
 * for the few lanes a backend has. If every unfinished worker waits and no task runs, the plan's
 * orders contradict the dependencies and the replay fails with a {@link ReplayException} instead
 * of hanging. Not reentrant: one {@link #replay} at a time per backend.
 */
public final class Replayer {
    private final Backend backend;

    public Replayer(Backend backend) {
        this.backend = backend;
    }

    /**
     * Replays {@code plan} over {@code graph}, which the backend must have prepared.
     *
     * @param policy name of the policy that made the plan, recorded in the trace
     * @throws IllegalStateException if the plan is malformed (wrong processor count, a task missing,
     *                               repeated, or on a lane that cannot run it)
     * @throws ReplayException       if a task fails or the orders deadlock
     */
    public ReplayResult replay(TaskGraph graph, SchedulePlan plan, String policy) {
        CostTable costs = ReplayCosts.table(graph, backend.platform());
        if (plan.processors() != backend.platform().size()) {
            throw new IllegalStateException("plan has " + plan.processors() + " processors but backend " + backend.name()
                    + " has " + backend.platform().size() + " lanes");
        }
        PlanValidator.validate(plan, costs, policy);
        Run run = new Run(graph, plan);
        Thread[] workers = new Thread[plan.processors()];
        for (int p = 0; p < workers.length; p++) {
            int lane = p;
            workers[p] = new Thread(() -> run.work(lane), "replay-" + backend.platform().processor(p).name());
            workers[p].setDaemon(true);
        }
        for (Thread w : workers) w.start();
        run.release();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.fail(new ReplayException("interrupted while waiting for the replay workers", e));
            }
        }
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

    /** The shared state of one replay; every field below {@code lock} is guarded by it. */
    private final class Run {
        private final TaskGraph graph;
        private final KvRule kv;
        private final int[][] order;
        private final int[] processorOf;
        private final long[] startNs;
        private final long[] endNs;
        private final long[][] opNs;
        private final Object lock = new Object();
        private final boolean[] done;
        /** Per K/V group: chunks 0..ready−1 have all their producers finished. */
        private final int[] kvReadyChunks;
        /** Per (group·chunks + chunk): producers not yet finished. */
        private final int[] kvProducersLeft;
        private final boolean[] waiting;
        private final long[] waitEpoch;
        private final boolean[] finished;
        private long epoch;
        private int running;
        private boolean released;
        private long originNs;
        private volatile ReplayException failure;

        Run(TaskGraph graph, SchedulePlan plan) {
            this.graph = graph;
            this.kv = graph.kvRule();
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
            done = new boolean[n];
            waiting = new boolean[lanes];
            waitEpoch = new long[lanes];
            finished = new boolean[lanes];
            int groups = kv == null ? 0 : kv.groupCount();
            kvReadyChunks = new int[groups];
            kvProducersLeft = new int[groups * graph.chunks()];
            for (int g = 0; g < groups; g++) {
                for (int c = 0; c < graph.chunks(); c++) kvProducersLeft[g * graph.chunks() + c] = kv.producersPerChunk(g);
            }
        }

        void release() {
            synchronized (lock) {
                originNs = System.nanoTime();
                released = true;
                lock.notifyAll();
            }
        }

        void fail(ReplayException e) {
            synchronized (lock) {
                if (failure == null) failure = e;
                lock.notifyAll();
            }
        }

        void work(int lane) {
            try {
                synchronized (lock) {
                    while (!released) lock.wait();
                }
                for (int task : order[lane]) {
                    long origin;
                    synchronized (lock) {
                        if (!awaitReady(lane, task)) return;
                        running++;
                        origin = originNs;
                    }
                    long start = System.nanoTime() - origin;
                    long[] ops;
                    try {
                        ops = backend.execute(task, lane);
                    } catch (RuntimeException | Error e) {
                        synchronized (lock) {
                            running--;
                        }
                        throw e;
                    }
                    long end = System.nanoTime() - origin;
                    // leaving "running" and marking the task done in one step: in between, another
                    // lane would see nothing running and its task unready, and report a false deadlock
                    synchronized (lock) {
                        running--;
                        startNs[task] = start;
                        endNs[task] = end;
                        opNs[task] = ops;
                        complete(task);
                        epoch++;
                        lock.notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new ReplayException("replay worker of lane " + lane + " was interrupted", e));
            } catch (RuntimeException | Error e) {
                fail(new ReplayException("lane " + backend.platform().processor(lane).name() + " failed: " + e.getMessage(), e));
            } finally {
                synchronized (lock) {
                    finished[lane] = true;
                    waiting[lane] = false;
                    epoch++;
                    lock.notifyAll();
                }
            }
        }

        /** Waits (holding the lock) until {@code task} is ready; false if the replay failed meanwhile. */
        private boolean awaitReady(int lane, int task) throws InterruptedException {
            while (failure == null && !ready(task)) {
                if (deadlocked(lane)) {
                    failure = new ReplayException("the plan's orders deadlock: lane " + backend.platform().processor(lane).name()
                            + " waits for " + graph.task(task).label() + " whose predecessors are planned behind tasks"
                            + " that wait themselves (the per-lane orders are not a linear extension of the dependencies)");
                    lock.notifyAll();
                    break;
                }
                waiting[lane] = true;
                waitEpoch[lane] = epoch;
                lock.wait();
                waiting[lane] = false;
            }
            return failure == null;
        }

        /** No task runs and every other unfinished lane has found its next task unready since the last completion. */
        private boolean deadlocked(int lane) {
            if (running > 0) return false;
            for (int q = 0; q < finished.length; q++) {
                if (q == lane || finished[q]) continue;
                if (!waiting[q] || waitEpoch[q] != epoch) return false;
            }
            return true;
        }

        private boolean ready(int task) {
            for (int k = 0, m = graph.explicitPredecessorCount(task); k < m; k++) {
                if (!done[graph.explicitPredecessor(task, k)]) return false;
            }
            if (kv != null) {
                int group = kv.consumerGroup(task);
                if (group >= 0 && kvReadyChunks[group] < graph.task(task).chunk()) return false;
            }
            return true;
        }

        private void complete(int task) {
            done[task] = true;
            if (kv == null) return;
            int group = kv.producerGroup(task);
            if (group < 0) return;
            int chunks = graph.chunks();
            kvProducersLeft[group * chunks + graph.task(task).chunk()]--;
            while (kvReadyChunks[group] < chunks && kvProducersLeft[group * chunks + kvReadyChunks[group]] == 0) {
                kvReadyChunks[group]++;
            }
        }
    }
}
