package org.hetsched.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.ReadyTracker;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.RunTotal;
import org.hetsched.core.trace.Trace;

/**
 * The discrete-event simulator: prices a schedule chosen by a {@link Policy}.
 *
 * <p>Semantics (DESIGN.md §3). A task is released when all its predecessors have finished; on
 * processor p it may start at {@code max over predecessors (end + sync(pred's processor, p))}.
 * At that time it is offered to the policy for p. After all events of an instant are handled,
 * every idle processor, in id order, asks the policy for a task; it runs non-preemptively for its
 * tabled duration. Time only advances to the next event, so a policy that leaves every processor
 * idle with work pending is a policy error.
 *
 * <p>Effects ({@link EngineOptions#effects()}, see {@link Effect}) are the one hook for what the
 * cost table does not say: their schedule-independent durations are applied to the table at
 * construction ({@link EngineOptions#pricedCosts}: the run, its policy and its trace all see the
 * priced table), and their listeners hear each start and finish, may change durations and running
 * tasks' ends (within what each effect declares, {@link Effect#runDurations()}), and report totals
 * on the trace. Without listeners each event costs one branch more.
 *
 * <p>Time arithmetic is checked: an instant beyond {@link TimeOverflowException#MAX_TIME_NS}
 * throws {@link TimeOverflowException} instead of wrapping to a negative (or small) time.
 *
 * <p>Cost: O((tasks + explicit edges) · processors · log events) time; O(tasks · processors)
 * memory, no allocation per event. Deterministic: same inputs, same trace. An engine is
 * single-threaded; use one per thread (the {@link CostTable} may be shared).
 */
public final class Engine {
    private final TaskGraph graph;
    private final CostTable costs;
    private final EngineOptions options;

    /** @param costs the unpriced table; the options' effects price it ({@link EngineOptions#pricedCosts}) */
    public Engine(CostTable costs, EngineOptions options) {
        this.costs = options.pricedCosts(costs);
        this.graph = this.costs.graph();
        this.options = options;
    }

    public Engine(CostTable costs) {
        this(costs, EngineOptions.DEFAULTS);
    }

    /**
     * Runs {@code policy} to completion.
     *
     * @throws IllegalStateException if the policy selects a task it may not, or leaves work undone
     * @throws TimeOverflowException  if a simulated instant does not fit in a long of ns
     */
    public Trace run(Policy policy) {
        return new Run(policy).execute();
    }

    /** The mutable state of one run. */
    private final class Run implements SchedulerView, EffectView, ReadyTracker.Listener {
        private final Policy policy;
        private final int n = graph.size();
        private final int procs = costs.platform().size();
        private final ReadyTracker tracker = new ReadyTracker(graph);
        private final long[] readyAt = new long[n * procs];
        private final int[] processorOf = new int[n];
        private final long[] startNs = new long[n];
        private final long[] endNs = new long[n];
        private final boolean[] finished = new boolean[n];
        private final int[] running = new int[procs];
        private final LongPairMinHeap events = new LongPairMinHeap();
        private final KvRule kv = graph.kvRule();
        private final int chunks = graph.chunks();
        private final int groups = kv == null ? 0 : kv.groupCount();
        /** Per (chunk · groups + group) and processor: the latest end of that chunk's K/V producers there. */
        private final long[] kvChunkEnd;
        private final long[] kvPrefixEnd;
        private final boolean[] prepared;
        private final boolean timed = options.measurePolicyTime();
        /** The effects' listeners; {@code null} when none listens, so each event pays one null check. */
        private final Effect.Listener[] hooks;
        /** What each listener's effect declares it does to durations, held to it here. */
        private final Effect[] hookEffects;
        /** The index in {@link #hooks} of the listener being called, or -1 outside a call. */
        private int calling = -1;
        private long policyNs;
        private int decisions;
        private long now;
        private int finishedCount;

        Run(Policy policy) {
            this.policy = policy;
            Arrays.fill(processorOf, -1);
            Arrays.fill(running, -1);
            if (kv != null) {
                // chunk-major, so the producers of one chunk (consecutive task ids) touch neighbouring memory
                kvChunkEnd = new long[chunks * groups * procs];
                kvPrefixEnd = new long[groups * procs];
                Arrays.fill(kvChunkEnd, Long.MIN_VALUE);
                Arrays.fill(kvPrefixEnd, Long.MIN_VALUE);
            } else {
                kvChunkEnd = kvPrefixEnd = null;
            }
            prepared = options.includeGraphPreparation() ? new boolean[graph.staticGraphCount() * procs] : null;
            List<Effect.Listener> listening = new ArrayList<>();
            List<Effect> heard = new ArrayList<>();
            for (Effect e : options.effects()) {
                Effect.Listener l = e.begin(costs);
                if (l != null) {
                    listening.add(l);
                    heard.add(e);
                }
            }
            hooks = listening.isEmpty() ? null : listening.toArray(new Effect.Listener[0]);
            hookEffects = heard.toArray(new Effect[0]);
        }

        Trace execute() {
            long t0 = timed ? System.nanoTime() : 0;
            policy.start(this);
            if (timed) policyNs += System.nanoTime() - t0;
            for (int t = 0; t < n; t++) {
                if (tracker.isReady(t)) release(t);
            }
            dispatchIdle();
            while (finishedCount < n) {
                if (events.isEmpty()) {
                    throw new IllegalStateException("policy " + policy.name() + " left " + (n - finishedCount)
                            + " of " + n + " tasks unscheduled with every processor idle at " + now + " ns");
                }
                now = events.peekKey();
                while (!events.isEmpty() && events.peekKey() == now) {
                    long code = events.peekValue();
                    events.pop();
                    int task = (int) (code / (procs + 1));
                    int slot = (int) (code % (procs + 1));
                    if (slot == procs) {
                        if (hooks == null) {
                            complete(task);
                        } else if (!finished[task] && endNs[task] == now) { // else an effect moved the end: a stale entry
                            complete(task);
                            for (calling = 0; calling < hooks.length; calling++) hooks[calling].onFinish(task, processorOf[task], this);
                            calling = -1;
                        }
                    } else {
                        offer(task, slot);
                    }
                }
                dispatchIdle();
            }
            List<RunTotal> totals = List.of();
            if (hooks != null) {
                totals = new ArrayList<>();
                for (Effect.Listener l : hooks) totals.addAll(l.totals(this));
            }
            return new Trace(costs, policy.name(), processorOf, startNs, endNs, timed ? policyNs : -1, decisions, totals);
        }

        private void offer(int task, int processor) {
            if (timed) {
                long t0 = System.nanoTime();
                policy.onReady(task, processor, this);
                policyNs += System.nanoTime() - t0;
            } else {
                policy.onReady(task, processor, this);
            }
        }

        private int select(int processor) {
            if (!timed) return policy.select(processor, this);
            long t0 = System.nanoTime();
            int task = policy.select(processor, this);
            policyNs += System.nanoTime() - t0;
            return task;
        }

        private void release(int task) {
            int base = task * procs;
            for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
                int p = Integer.numberOfTrailingZeros(mask);
                long at = readyAt[base + p];
                if (at <= now) {
                    offer(task, p);
                } else {
                    events.push(at, (long) task * (procs + 1) + p);
                }
            }
        }

        private void complete(int task) {
            int p = processorOf[task];
            running[p] = -1;
            finished[task] = true;
            finishedCount++;
            if (timed) {
                long t0 = System.nanoTime();
                policy.onFinished(task, p, this);
                policyNs += System.nanoTime() - t0;
            } else {
                policy.onFinished(task, p, this);
            }
            if (kv != null && kv.producerGroup(task) >= 0) {
                int slot = graph.task(task).chunk() * groups + kv.producerGroup(task);
                if (now > kvChunkEnd[slot * procs + p]) kvChunkEnd[slot * procs + p] = now;
            }
            tracker.finished(task, this);
        }

        /** Tracker callback: {@code task} has no unfinished predecessor left. */
        @Override
        public void ready(int task) {
            release(task);
        }

        /** Tracker callback: the finished {@code task}'s data reaches {@code successor} after sync and transfer. */
        @Override
        public void explicitEdge(int task, int index, int successor) {
            raiseReadyAt(successor, processorOf[task], now, costs.transferNs(graph.explicitSuccessorEdge(task, index)));
        }

        /**
         * Tracker callback: chunk {@code chunk} joined the group's K/V prefix, so the next chunk's
         * consumer may start once the prefix's latest producer on each processor has synced.
         */
        @Override
        public void kvChunkReady(int group, int chunk) {
            int done = chunk * groups + group;
            for (int q = 0; q < procs; q++) {
                long end = kvChunkEnd[done * procs + q];
                if (end > kvPrefixEnd[group * procs + q]) kvPrefixEnd[group * procs + q] = end;
            }
            if (chunk + 1 < chunks) {
                int consumer = kv.consumer(group, chunk + 1);
                for (int q = 0; q < procs; q++) {
                    long end = kvPrefixEnd[group * procs + q];
                    if (end != Long.MIN_VALUE) raiseReadyAt(consumer, q, end, 0);
                }
            }
        }

        /** Only eligible processors: the ready time elsewhere is never read. */
        private void raiseReadyAt(int task, int fromProcessor, long endNs, long transferNs) {
            int base = task * procs;
            for (int mask = costs.eligibleMask(task); mask != 0; mask &= mask - 1) {
                int q = Integer.numberOfTrailingZeros(mask);
                long at = q == fromProcessor ? endNs : add(add(endNs, costs.syncNs(fromProcessor, q), task), transferNs, task);
                if (at > readyAt[base + q]) readyAt[base + q] = at;
            }
        }

        private void dispatchIdle() {
            for (int p = 0; p < procs; p++) {
                if (running[p] >= 0) continue;
                int task = select(p);
                if (task == Policy.IDLE) continue;
                decisions++;
                checkSelectable(task, p);
                long duration = costs.durationNs(task, p);
                if (prepared != null) {
                    int key = graph.task(task).staticGraph() * procs + p;
                    if (!prepared[key]) {
                        prepared[key] = true;
                        duration = add(duration, costs.graphPreparationNs(graph.task(task).staticGraph(), p), task);
                    }
                }
                processorOf[task] = p;
                running[p] = task;
                startNs[task] = now;
                if (hooks != null) duration = effectDuration(task, p, duration);
                long end = add(now, duration, task);
                endNs[task] = end;
                events.push(end, (long) task * (procs + 1) + procs);
            }
        }

        private long effectDuration(int task, int p, long duration) {
            endNs[task] = Long.MIN_VALUE; // not scheduled yet: setEndNs refuses it
            for (calling = 0; calling < hooks.length; calling++) {
                long before = duration;
                duration = hooks[calling].onStart(task, p, duration, this);
                Effect.RunDurations declared = hookEffects[calling].runDurations();
                if (duration < 0 || declared == Effect.RunDurations.UNCHANGED && duration != before
                        || declared == Effect.RunDurations.LENGTHENED && duration < before) {
                    throw new IllegalStateException("effect " + hookEffects[calling].name() + " (" + declared + ") gave task "
                            + graph.task(task).label() + " on " + costs.platform().processor(p).name() + " a duration of "
                            + duration + " ns instead of " + before + " ns");
                }
            }
            calling = -1;
            return duration;
        }

        @Override
        public long endNs(int task) {
            return endNs[task];
        }

        @Override
        public void setEndNs(int task, long end) {
            if (task < 0 || task >= n || finished[task] || processorOf[task] < 0 || endNs[task] == Long.MIN_VALUE) {
                throw new IllegalArgumentException("task " + task + " is not running at " + now + " ns");
            }
            if (end < now) throw new IllegalArgumentException("task " + task + " cannot end at " + end + " ns, before now (" + now + " ns)");
            if (end == endNs[task]) return;
            if (calling >= 0) checkDeclaredEnd(task, end);
            endNs[task] = end;
            events.push(end, (long) task * (procs + 1) + procs);
        }

        /** An end moved by the listener being called must keep to what its effect declares ({@link Effect#runDurations()}). */
        private void checkDeclaredEnd(int task, long end) {
            Effect.RunDurations declared = hookEffects[calling].runDurations();
            long priced = costs.durationNs(task, processorOf[task]);
            if (declared == Effect.RunDurations.UNCHANGED || declared == Effect.RunDurations.LENGTHENED && end - startNs[task] < priced) {
                throw new IllegalStateException("effect " + hookEffects[calling].name() + " (" + declared + ") moved the end of task "
                        + graph.task(task).label() + " to " + end + " ns: " + (end - startNs[task]) + " ns after its start, priced "
                        + priced + " ns");
            }
        }

        /** {@code a + b}; past a long it refuses instead of wrapping to a negative or small time. */
        private long add(long a, long b, int task) {
            try {
                return Math.addExact(a, b);
            } catch (ArithmeticException e) {
                throw new TimeOverflowException("simulated time passes " + TimeOverflowException.limit() + " at task "
                        + graph.task(task).label() + " (" + a + " ns + " + b + " ns); the input's durations are too large");
            }
        }

        private void checkSelectable(int task, int p) {
            String problem = null;
            if (task < 0 || task >= n) {
                problem = "is not a task id";
            } else if (processorOf[task] >= 0) {
                problem = "was already dispatched to processor " + processorOf[task];
            } else if (!tracker.isReady(task)) {
                problem = "still waits for " + tracker.unfinishedPredecessors(task) + " predecessor(s)";
            } else if (costs.durationNs(task, p) < 0) {
                problem = "is not eligible on this processor";
            } else if (readyAt[task * procs + p] > now) {
                problem = "is not ready here before " + readyAt[task * procs + p] + " ns";
            }
            if (problem != null) {
                throw new IllegalStateException("policy " + policy.name() + " selected task " + task + " for processor "
                        + costs.platform().processor(p).name() + " at " + now + " ns, but it " + problem);
            }
        }

        @Override
        public EngineOptions options() {
            return options;
        }

        @Override
        public long nowNs() {
            return now;
        }

        @Override
        public TaskGraph graph() {
            return graph;
        }

        @Override
        public CostTable costs() {
            return costs;
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
            return readyAt[task * procs + processor];
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
