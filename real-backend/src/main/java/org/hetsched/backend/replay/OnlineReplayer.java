package org.hetsched.backend.replay;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.hetsched.backend.Backend;
import org.hetsched.backend.jni.ThreadAffinity;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;

/**
 * Runs an online {@link Policy} on a {@link Backend}, driven by the lanes' real completion events:
 * where the {@link org.hetsched.core.engine.Engine} advances simulated time to the next tabled end,
 * this replayer waits for a lane to really finish. The policy sees the same calls in the same
 * order as in the engine ({@code onFinished}, then {@code onReady} for what that released, then
 * {@code select} for every idle lane in id order), with {@link SchedulerView#nowNs()} the measured
 * time since the start and the cost estimates it was given (typically a calibrated profile's).
 *
 * <p>Decisions run on the worker thread whose task just ended, under one lock, so the policy is
 * never called concurrently and its time counts as replay overhead, as it would on a device. A
 * lane with nothing to do spins, then parks, on its mailbox ({@link ReplayOptions}). There is no
 * modelled sync: a task is ready on every lane the moment its last predecessor ends. Not
 * reentrant: one {@link #replay} at a time per backend.
 */
public final class OnlineReplayer {
    private static final int EMPTY = -1;
    private static final int STOP = -2;

    private final Backend backend;
    private final ReplayOptions options;

    /**
     * @throws org.hetsched.core.UserInputException if the options pin a lane count other than the
     *     backend's, or a CPU this process may not run on
     */
    public OnlineReplayer(Backend backend, ReplayOptions options) {
        this.backend = backend;
        this.options = options;
        options.check(backend.platform());
    }

    /**
     * Runs {@code policy} over the graph of {@code estimates}, which the backend must have prepared.
     *
     * @param estimates the durations, eligibility and syncs the policy decides with; over the
     *                  backend's lanes
     * @throws IllegalArgumentException if {@code estimates} is over another platform, or lets a task
     *                                  run on a lane the backend cannot run it on
     * @throws ReplayException          if a task fails, or the policy selects what it may not (a
     *                                  task not offered, dispatched, or ineligible) or leaves every
     *                                  lane idle with tasks unfinished
     */
    public ReplayResult replay(CostTable estimates, Policy policy) {
        TaskGraph graph = estimates.graph();
        CostTable measured = ReplayCosts.table(graph, backend.platform());
        if (estimates.platform().size() != backend.platform().size()) {
            throw new IllegalArgumentException("the estimates are over " + estimates.platform().size() + " processors but backend "
                    + backend.name() + " has " + backend.platform().size() + " lanes");
        }
        for (int t = 0; t < graph.size(); t++) {
            int extra = estimates.eligibleMask(t) & ~measured.eligibleMask(t);
            if (extra != 0) {
                throw new IllegalArgumentException("the estimates let " + graph.task(t).label() + " run on lane "
                        + backend.platform().processor(Integer.numberOfTrailingZeros(extra)).name() + ", which cannot run it");
            }
        }
        Run run = new Run(estimates, policy);
        run.workers = LaneWorkers.create(backend.platform(), "online-", run::work);
        LaneWorkers.startAndJoin(run.workers, run::begin, run::fail);
        if (run.failure != null) throw run.failure;
        Trace trace = new Trace(measured, policy.name(), run.processorOf, run.startNs, run.endNs, -1, run.decisions);
        return new ReplayResult(trace, Replayer.events(graph, trace, run.opNs,
                backend.name() + " online replay of " + graph.name() + " under " + policy.name()));
    }

    /** One replay. Fields below {@code mailbox} are guarded by {@code this}. */
    private final class Run implements SchedulerView, ReadyTracker.Listener {
        private final CostTable costs;
        private final TaskGraph graph;
        private final Policy policy;
        private final int n;
        private final int lanes;
        /** Set once, before any worker starts (Thread.start publishes it to them). */
        private Thread[] workers;
        /** Per lane: the task handed to it, {@link #EMPTY}, or {@link #STOP}. */
        private final AtomicIntegerArray mailbox;
        private final SpinThenPark waits;
        private final StartLine start;
        private final int[] processorOf;
        private final long[] startNs;
        private final long[] endNs;
        private final long[][] opNs;
        private final long[] releasedAtNs;
        private final ReadyTracker tracker;
        private final boolean[] finished;
        private final int[] running;
        private int finishedCount;
        private int decisions;
        private volatile long originNs;
        private volatile ReplayException failure;

        Run(CostTable costs, Policy policy) {
            this.costs = costs;
            this.graph = costs.graph();
            this.policy = policy;
            n = graph.size();
            lanes = costs.platform().size();
            mailbox = new AtomicIntegerArray(lanes);
            waits = new SpinThenPark(lanes, options.spinNs(), this);
            start = new StartLine(lanes);
            for (int p = 0; p < lanes; p++) mailbox.set(p, EMPTY);
            processorOf = new int[n];
            Arrays.fill(processorOf, -1);
            startNs = new long[n];
            endNs = new long[n];
            opNs = new long[n][];
            releasedAtNs = new long[n];
            tracker = new ReadyTracker(graph);
            finished = new boolean[n];
            running = new int[lanes];
            Arrays.fill(running, -1);
        }

        /**
         * On the caller's thread, once every worker is pinned and spinning: time zero, the first
         * decisions (policy start-up included, as on a device), then the workers go.
         */
        void begin() {
            try {
                start.awaitArrivals();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new ReplayException("interrupted while starting the replay workers", e));
                start.go();
                return;
            }
            originNs = start.markOrigin();
            try {
                synchronized (this) {
                    policy.start(this);
                    tracker.forEachSource(this::release);
                    dispatchIdle();
                }
            } catch (ReplayException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new ReplayException("policy " + policy.name() + " failed: " + e.getMessage(), e));
            }
            start.go();
        }

        void work(int lane) {
            try {
                try {
                    if (options.pinnedLanes()) ThreadAffinity.pinCurrentThread(options.laneCpus()[lane]);
                } finally {
                    start.arrive();
                }
                long origin = start.awaitGo();
                for (int task = take(lane); task >= 0; task = take(lane)) {
                    long start = System.nanoTime() - origin;
                    long[] ops = backend.execute(task, lane);
                    long end = System.nanoTime() - origin;
                    synchronized (this) {
                        startNs[task] = start;
                        endNs[task] = end;
                        opNs[task] = ops;
                        complete(task, lane);
                        if (finishedCount == n) {
                            stopAll();
                        } else {
                            dispatchIdle();
                        }
                    }
                }
            } catch (ReplayException e) {
                fail(e);
            } catch (RuntimeException | Error e) {
                fail(new ReplayException("lane " + backend.platform().processor(lane).name() + " failed: " + e.getMessage(), e));
            }
        }

        void fail(ReplayException e) {
            synchronized (this) {
                if (failure == null) failure = e;
                stopAll();
            }
        }

        /** The lane's next task, or −1 once the replay is over; spins, then parks, while the mailbox is empty. */
        private int take(int lane) {
            waits.await(lane, () -> mailbox.get(lane) != EMPTY);
            int task = mailbox.get(lane);
            if (task == STOP) return -1;
            mailbox.set(lane, EMPTY);
            return task;
        }

        private void hand(int lane, int task) {
            mailbox.set(lane, task);
            waits.wake(lane, workers[lane]);
        }

        private void stopAll() {
            for (int p = 0; p < lanes; p++) hand(p, STOP);
        }

        private void release(int task) {
            releasedAtNs[task] = nowNs();
            for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
                policy.onReady(task, Integer.numberOfTrailingZeros(mask), this);
            }
        }

        private void complete(int task, int lane) {
            running[lane] = -1;
            finished[task] = true;
            finishedCount++;
            policy.onFinished(task, lane, this);
            tracker.finished(task, this);
        }

        /** Tracker callback: {@code task}'s last predecessor has finished. */
        @Override
        public void ready(int task) {
            release(task);
        }

        private void dispatchIdle() {
            boolean anyRunning = false;
            for (int p = 0; p < lanes; p++) {
                if (running[p] < 0) {
                    int task = policy.select(p, this);
                    if (task != Policy.IDLE) {
                        checkSelectable(task, p);
                        decisions++;
                        processorOf[task] = p;
                        running[p] = task;
                        startNs[task] = nowNs();
                        hand(p, task);
                    }
                }
                anyRunning |= running[p] >= 0;
            }
            if (!anyRunning && finishedCount < n) {
                throw new ReplayException("policy " + policy.name() + " left every lane idle with " + (n - finishedCount) + " of " + n
                        + " tasks unfinished");
            }
        }

        private void checkSelectable(int task, int p) {
            String problem = null;
            if (task < 0 || task >= n) {
                problem = "is not a task id";
            } else if (processorOf[task] >= 0) {
                problem = "was already dispatched to lane " + backend.platform().processor(processorOf[task]).name();
            } else if (!tracker.isReady(task)) {
                problem = "still waits for " + tracker.unfinishedPredecessors(task) + " predecessor(s)";
            } else if (!costs.eligible(task, p)) {
                problem = "is not eligible on this lane";
            }
            if (problem != null) {
                throw new ReplayException("policy " + policy.name() + " selected task " + task + " for lane "
                        + backend.platform().processor(p).name() + ", but it " + problem);
            }
        }

        @Override
        public long nowNs() {
            return System.nanoTime() - originNs;
        }

        @Override
        public TaskGraph graph() {
            return graph;
        }

        @Override
        public CostTable costs() {
            return costs;
        }

        /** A replay's graphs are prepared before its start line, so nothing beyond the costs is charged. */
        @Override
        public EngineOptions options() {
            return EngineOptions.DEFAULTS;
        }

        @Override
        public boolean isDispatched(int task) {
            return processorOf[task] >= 0;
        }

        @Override
        public boolean isFinished(int task) {
            return finished[task];
        }

        @Override
        public long readyAtNs(int task, int processor) {
            return releasedAtNs[task];
        }

        @Override
        public int runningTask(int processor) {
            return running[processor];
        }

        @Override
        public long startNs(int task) {
            return startNs[task];
        }

        @Override
        public int unfinishedPredecessors(int task) {
            return tracker.unfinishedPredecessors(task);
        }

        @Override
        public int kvReadyChunks(int group) {
            return tracker.kvReadyChunks(group);
        }

        @Override
        public int kvProducersLeft(int group, int chunk) {
            return tracker.kvProducersLeft(group, chunk);
        }
    }
}
