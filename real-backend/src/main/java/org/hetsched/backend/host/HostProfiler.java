package org.hetsched.backend.host;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.backend.jni.ThreadAffinity;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.calibrate.CoRunMeasurement;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.calibrate.RobustStats;

/**
 * Micro-benchmarks the op shapes of prefill graphs on the host lanes: one representative task per
 * (subgraph, shape class) of each graph, each of its ops on every lane that may run the task (with
 * the dtype the lane's placement selects), warmed up and repeated, each distinct (lane, shape)
 * once. The ops are the very {@link HostOp}s {@link HostBackend#execute} runs, computed on a
 * {@link PrefillState} of the graph (one layer's weights shared by all layers, stand-in
 * activations and K/V, round INT8 scales: an op's time does not depend on the values), so the
 * profile prices exactly what a replay executes. Ops run one at a time on the calling thread,
 * except in the co-run measurement ({@link #measureContention}), which runs a victim and an
 * aggressor on two pinned threads. Stateless.
 */
public final class HostProfiler {
    /** Round trips per sync sample: one hand-off is far below the clock's useful resolution. */
    private static final int HANDOFFS_PER_SAMPLE = 200;

    private HostProfiler() {
    }

    /** Least warm-up time per op shape, see {@link #warmUp}. */
    static final long MIN_WARMUP_NS = 20_000_000L;
    /** Most warm-up runs per op shape once the requested runs are done. */
    static final int MAX_WARMUP_RUNS = 2_000;

    /**
     * @param repetitions       timed runs per op shape, ≥ 1
     * @param warmup            untimed runs before them, ≥ 0
     * @param seed              seeds the tensor contents
     * @param memoryBudgetBytes the most bytes one graph's timing state may take, &gt; 0
     */
    public record Options(int repetitions, int warmup, long seed, long memoryBudgetBytes) {
        /** @throws UserInputException listing every bad value */
        public Options {
            List<String> problems = new ArrayList<>();
            if (repetitions < 1) problems.add("repetitions must be >= 1, got " + repetitions);
            if (warmup < 0) problems.add("warm-up runs must be >= 0, got " + warmup);
            if (memoryBudgetBytes <= 0) problems.add("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        }
    }

    /**
     * As {@link #measure(ModelSpec, List, Options)} with the architecture read from each graph's
     * op shapes (RMSNorm assumed).
     */
    public static List<Measurement> measure(List<TaskGraph> graphs, Options options) {
        List<Measurement> out = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        for (TaskGraph graph : graphs) prepared.add(plan(GraphModels.of(graph), graph, options));
        // each timed run starts with cold caches, as an op does in a replay (see CacheEvictor)
        CacheEvictor evictor = CacheEvictor.forThisMachine();
        for (Prepared p : prepared) measure(p, options, seen, out, evictor);
        return out;
    }

    /**
     * Measures every distinct (lane, op shape) of the representative tasks of {@code graphs} (all
     * built for {@code model}), in graph, task and lane order. Time: (warmup + repetitions) runs
     * per distinct shape, plus generating one layer's weights per graph.
     *
     * @throws MemoryBudgetExceededException if a graph's timing state exceeds the budget (every
     *     graph is checked before anything is allocated)
     * @throws UserInputException if a graph does not fit the model (see {@link HostBackend#prepare})
     */
    public static List<Measurement> measure(ModelSpec model, List<TaskGraph> graphs, Options options) {
        return measure(model, graphs, options, -1, new int[0]).ops();
    }

    /**
     * What {@link #measure(ModelSpec, List, Options, int, int[])} measured.
     *
     * @param ops        every distinct (lane, op shape), as {@link #measure(ModelSpec, List, Options)}
     * @param contention the co-run slowdowns, empty when none were asked for
     */
    public record Measured(List<Measurement> ops, List<CoRunMeasurement> contention) {
        public Measured {
            ops = List.copyOf(ops);
            contention = List.copyOf(contention);
        }
    }

    /**
     * {@link #measure(ModelSpec, List, Options)}, and the co-run slowdowns of
     * {@link #measureContention} on {@code graphs.get(coRunGraph)}, right after its ops and on the
     * same state (one state of the graph serves both).
     *
     * @param coRunGraph index of the graph to measure contention on, or −1 for none
     * @param laneCpus   the CPU of each lane (by lane id), all different; ignored with no co-run graph
     */
    public static Measured measure(ModelSpec model, List<TaskGraph> graphs, Options options, int coRunGraph, int[] laneCpus) {
        if (coRunGraph >= 0) checkLaneCpus(laneCpus);
        List<Measurement> out = new ArrayList<>();
        List<CoRunMeasurement> contention = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        for (TaskGraph graph : graphs) prepared.add(plan(model, graph, options));
        // each timed run starts with cold caches, as an op does in a replay (see CacheEvictor)
        CacheEvictor evictor = CacheEvictor.forThisMachine();
        for (int g = 0; g < prepared.size(); g++) {
            PrefillState state = measure(prepared.get(g), options, seen, out, evictor);
            if (g == coRunGraph) contention.addAll(coRuns(prepared.get(g), state, options, laneCpus));
        }
        return new Measured(out, contention);
    }

    /** A graph's dataflow and layout, checked against the budget but not yet allocated. */
    private record Prepared(Dataflow flow, HostOp[][][] ops, PrefillState.Layout layout) {
    }

    private static Prepared plan(ModelSpec model, TaskGraph graph, Options options) {
        Dataflow flow = Dataflow.of(graph, model);
        HostOp[][][] ops = HostOp.forTasks(flow, HostBackend.lanes());
        PrefillState.Layout layout = PrefillState.layout(flow, ops, true, false);
        HostBackend.checkBudget(graph, model, layout, options.memoryBudgetBytes());
        return new Prepared(flow, ops, layout);
    }

    /** A graph's state for timing: one layer's weights, the LM head, stand-in activations. */
    private static PrefillState timingState(Prepared p, Options options) {
        PrefillState state = new PrefillState(p.flow(), p.layout(), options.seed());
        Map<Linear, FloatBuffer> tmp = new EnumMap<>(Linear.class);
        for (Linear l : Linear.values()) {
            if (l == Linear.LM_HEAD || (l == Linear.GATE && p.flow().model().ffnKind() == FfnKind.PLAIN_GELU)) continue;
            tmp.put(l, Buffers.f32((long) PrefillState.inputs(p.flow().model(), l) * PrefillState.outputs(p.flow().model(), l)));
        }
        state.generateLayer(0, tmp);
        tmp.clear();
        state.generateLmHead();
        state.fillForTiming();
        return state;
    }

    /** One task per (subgraph, shape class) of {@code graph}, in task order. */
    private static List<Task> representatives(TaskGraph graph) {
        Map<Long, Task> representatives = new LinkedHashMap<>();
        for (Task task : graph.tasks()) {
            representatives.putIfAbsent(((long) task.subgraph().index() << 32) | task.shapeClass(), task);
        }
        return new ArrayList<>(representatives.values());
    }

    /** Measures the graph's new (lane, op shape)s into {@code out}; returns the state it timed them on. */
    private static PrefillState measure(Prepared p, Options options, Set<Key> seen, List<Measurement> out, CacheEvictor evictor) {
        PrefillState state = timingState(p, options);
        for (Task task : representatives(p.flow().graph())) {
            for (Processor lane : HostBackend.lanes().processors()) {
                HostOp[] ops = p.ops()[lane.id()][task.id()];
                if (ops == null) continue;
                PrefillState.Lane scratch = state.lane(lane.id());
                for (HostOp op : ops) {
                    Key key = new Key(lane.id(), op.kind(), op.dtype(), op.batch(), op.m(), op.k(), op.n());
                    if (!seen.add(key)) continue;
                    warmUp(op, state, task.chunk(), scratch, options.warmup());
                    long[] samples = new long[options.repetitions()];
                    for (int i = 0; i < samples.length; i++) {
                        evictor.evict();
                        long start = System.nanoTime();
                        op.run(state, task.chunk(), scratch);
                        samples[i] = System.nanoTime() - start;
                    }
                    out.add(new Measurement(lane.id(), op.kind(), op.dtype(), op.batch(), op.m(), op.k(), op.n(),
                            RobustStats.summarize(samples), samples.length));
                }
            }
        }
        return state;
    }

    /**
     * Measures co-run slowdowns on {@code graph} (built for {@code model}): for every ordered pair
     * of lanes (victim A, aggressor B), every subgraph role R of the tasks lane A may run and every
     * role S of the tasks lane B may run, how much A's task of role R slows while B runs its task
     * of role S back to back. A (lane, role)'s task is the one whose op shapes on that lane the most
     * tasks of the role share (ties: the first in task order), so it stands for most of the role's
     * work; layers that differ only in their weights count as one shape.
     *
     * <p>How. Two threads, pinned to {@code laneCpus[A]} and {@code laneCpus[B]}, on one state of
     * the graph (the lanes' own scratch, as in a replay). A victim sample is the sum of the victim
     * task's op times, each op run on lane A after evicting the caches, as {@link #measure} times
     * it alone. The aggressor runs its task's ops one after another in a loop, without eviction
     * (its own reads go to memory as its working set allows), from before the victim sample starts
     * until after it ends; between co-run samples it spins on its own CPU without touching memory.
     * One session per (A, R): {@link #coRunWarmupRounds} untimed rounds, then
     * {@code options.repetitions()} rounds of one solo sample followed by one co-run sample per S,
     * so that solo and co-run alternate and the machine's drift reaches both alike; sample i of a
     * measurement's solo and co-run arrays are from round i. Time: per (A, R), (warmup +
     * repetitions) × (1 + roles of B) samples of its task, plus up to one aggressor op per switch.
     *
     * @param laneCpus the CPU of each lane (by lane id), all different
     * @throws IllegalArgumentException if {@code laneCpus} does not give each lane its own CPU, or a
     *     CPU cannot be pinned to
     * @throws MemoryBudgetExceededException if the graph's timing state exceeds the budget
     * @throws IllegalStateException if the calling thread is interrupted
     */
    public static List<CoRunMeasurement> measureContention(ModelSpec model, TaskGraph graph, Options options, int[] laneCpus) {
        checkLaneCpus(laneCpus);
        Prepared p = plan(model, graph, options);
        return coRuns(p, timingState(p, options), options, laneCpus);
    }

    private static void checkLaneCpus(int[] laneCpus) {
        int lanes = HostBackend.lanes().size();
        if (laneCpus.length != lanes || Arrays.stream(laneCpus).distinct().count() != laneCpus.length) {
            throw new IllegalArgumentException("co-run measurements need one CPU per lane, each its own; got " + Arrays.toString(laneCpus)
                    + " for " + lanes + " lanes");
        }
    }

    private static List<CoRunMeasurement> coRuns(Prepared p, PrefillState state, Options options, int[] laneCpus) {
        Platform lanes = HostBackend.lanes();
        TaskGraph graph = p.flow().graph();
        // per lane and role (roles in enum order), the task whose op shapes most of the role's tasks on that lane have
        List<Map<SubgraphRole, Task>> byRole = new ArrayList<>();
        for (Processor lane : lanes.processors()) {
            Map<TaskShape, Integer> count = new LinkedHashMap<>();
            Map<TaskShape, Task> first = new HashMap<>();
            for (Task task : graph.tasks()) {
                HostOp[] ops = p.ops()[lane.id()][task.id()];
                if (ops == null) continue;
                List<Key> keys = new ArrayList<>();
                for (HostOp op : ops) keys.add(new Key(lane.id(), op.kind(), op.dtype(), op.batch(), op.m(), op.k(), op.n()));
                TaskShape shape = new TaskShape(task.subgraph().role(), keys);
                count.merge(shape, 1, Integer::sum);
                first.putIfAbsent(shape, task);
            }
            Map<SubgraphRole, TaskShape> commonest = new EnumMap<>(SubgraphRole.class);
            for (Map.Entry<TaskShape, Integer> e : count.entrySet()) {
                TaskShape best = commonest.get(e.getKey().role());
                if (best == null || e.getValue() > count.get(best)) commonest.put(e.getKey().role(), e.getKey());
            }
            Map<SubgraphRole, Task> roles = new EnumMap<>(SubgraphRole.class);
            commonest.forEach((role, shape) -> roles.put(role, first.get(shape)));
            byRole.add(roles);
        }
        List<CoRunMeasurement> out = new ArrayList<>();
        for (Processor victim : lanes.processors()) {
            for (Processor aggressor : lanes.processors()) {
                if (victim.id() == aggressor.id() || byRole.get(aggressor.id()).isEmpty()) continue;
                for (Map.Entry<SubgraphRole, Task> group : byRole.get(victim.id()).entrySet()) {
                    out.addAll(new CoRunSession(p, state, options, laneCpus, victim.id(), group.getKey(), group.getValue(), aggressor.id(),
                            byRole.get(aggressor.id())).run());
                }
            }
        }
        return out;
    }

    /**
     * Untimed rounds before a co-run session: at most one, since on the profiled graph every op has
     * just been warmed up for its own measurement and a round of a big victim takes many of its runs.
     */
    public static int coRunWarmupRounds(Options options) {
        return Math.min(options.warmup(), 1);
    }

    /** One victim task beside each aggressor task of one other lane: two pinned threads. */
    private static final class CoRunSession {
        private static final int IDLE = -1;
        private static final int STOP = -2;

        private final Prepared prepared;
        private final PrefillState state;
        private final Options options;
        private final int[] laneCpus;
        private final int victim;
        private final SubgraphRole victimRole;
        private final Task victimTask;
        private final int aggressor;
        private final List<SubgraphRole> aggressorRoles;
        private final List<Task> aggressorTasks;
        /** What the aggressor is asked to run: an index into the aggressor groups, IDLE or STOP. */
        private final AtomicInteger command = new AtomicInteger(IDLE);
        /** What the aggressor runs now: it sets the command it took up before its first op. */
        private final AtomicInteger running = new AtomicInteger(Integer.MIN_VALUE);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        CoRunSession(Prepared prepared, PrefillState state, Options options, int[] laneCpus, int victim, SubgraphRole victimRole,
                     Task victimTask, int aggressor, Map<SubgraphRole, Task> aggressorGroups) {
            this.prepared = prepared;
            this.state = state;
            this.options = options;
            this.laneCpus = laneCpus;
            this.victim = victim;
            this.victimRole = victimRole;
            this.victimTask = victimTask;
            this.aggressor = aggressor;
            this.aggressorRoles = new ArrayList<>(aggressorGroups.keySet());
            this.aggressorTasks = new ArrayList<>(aggressorGroups.values());
        }

        List<CoRunMeasurement> run() {
            int groups = aggressorRoles.size();
            long[] solo = new long[options.repetitions()];
            long[][] co = new long[groups][options.repetitions()];
            Thread agg = new Thread(this::aggress, "hetsched-corun-aggressor");
            agg.setDaemon(true);
            agg.start();
            Thread vic = new Thread(() -> {
                try {
                    ThreadAffinity.pinCurrentThread(laneCpus[victim]);
                    CacheEvictor evictor = CacheEvictor.forThisMachine();
                    for (int r = -coRunWarmupRounds(options); r < options.repetitions(); r++) {
                        ask(IDLE);
                        long s = sample(evictor);
                        if (r >= 0) solo[r] = s;
                        for (int g = 0; g < groups; g++) {
                            ask(g);
                            long c = sample(evictor);
                            if (r >= 0) co[g][r] = c;
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    command.set(STOP);
                }
            }, "hetsched-corun-victim");
            vic.setDaemon(true);
            vic.start();
            try {
                vic.join();
                agg.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                command.set(STOP);
                throw new IllegalStateException("interrupted while measuring co-run slowdowns", e);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new IllegalStateException("co-run measurement failed", t);
            List<CoRunMeasurement> out = new ArrayList<>();
            for (int g = 0; g < groups; g++) out.add(new CoRunMeasurement(victim, victimRole, aggressor, aggressorRoles.get(g), solo, co[g]));
            return out;
        }

        /** Asks the aggressor to run {@code what} and waits until it does (or stopped with a failure). */
        private void ask(int what) {
            command.set(what);
            while (running.get() != what) {
                if (failure.get() != null) throw new IllegalStateException("the co-run aggressor failed", failure.get());
                Thread.onSpinWait();
            }
        }

        /** The victim task's time alone or beside whatever the aggressor runs: its ops' times after eviction, summed. */
        private long sample(CacheEvictor evictor) {
            PrefillState.Lane scratch = state.lane(victim);
            long total = 0;
            for (HostOp op : prepared.ops()[victim][victimTask.id()]) {
                evictor.evict();
                long start = System.nanoTime();
                op.run(state, victimTask.chunk(), scratch);
                total += System.nanoTime() - start;
            }
            return Math.max(total, 1);
        }

        private void aggress() {
            try {
                ThreadAffinity.pinCurrentThread(laneCpus[aggressor]);
                PrefillState.Lane scratch = state.lane(aggressor);
                int op = 0;
                int group = Integer.MIN_VALUE;
                while (true) {
                    int asked = command.get();
                    if (asked == STOP) return;
                    if (asked != group) {
                        group = asked;
                        op = 0;
                        running.set(group);
                    }
                    if (group == IDLE) {
                        Thread.onSpinWait();
                        continue;
                    }
                    Task t = aggressorTasks.get(group);
                    HostOp[] ops = prepared.ops()[aggressor][t.id()];
                    ops[op].run(state, t.chunk(), scratch);
                    op = (op + 1) % ops.length;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    /**
     * Runs {@code op} untimed at least {@code runs} times and for at least {@link #MIN_WARMUP_NS}
     * (at most {@link #MAX_WARMUP_RUNS} runs): the element-wise ops are Java loops, which run
     * interpreted for their first thousands of iterations, so a few runs of a microsecond-sized op
     * would time the interpreter rather than the compiled loop a replay runs.
     */
    private static void warmUp(HostOp op, PrefillState state, int chunk, PrefillState.Lane scratch, int runs) {
        long until = System.nanoTime() + MIN_WARMUP_NS;
        for (int i = 0; i < MAX_WARMUP_RUNS && (i < runs || System.nanoTime() < until); i++) op.run(state, chunk, scratch);
    }

    /**
     * Measures a one-way hand-off between two threads, the way a lane worker learns that a
     * dependency finished on the other lane: each sample is {@value #HANDOFFS_PER_SAMPLE} round
     * trips through a {@link SynchronousQueue} divided by twice that count, in ns.
     *
     * @throws IllegalStateException if the calling thread is interrupted
     */
    public static RobustStats.Summary measureHandoffNs(int repetitions, int warmup) {
        if (repetitions < 1 || warmup < 0) {
            throw new UserInputException("hand-off measurement needs repetitions >= 1 and warm-up >= 0, got " + repetitions + " and " + warmup);
        }
        SynchronousQueue<Integer> there = new SynchronousQueue<>();
        SynchronousQueue<Integer> back = new SynchronousQueue<>();
        Thread echo = new Thread(() -> {
            try {
                while (true) {
                    int v = there.take();
                    back.put(v);
                    if (v < 0) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hetsched-handoff-echo");
        echo.setDaemon(true);
        echo.start();
        try {
            long[] samples = new long[repetitions];
            for (int r = -warmup; r < repetitions; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < HANDOFFS_PER_SAMPLE; i++) {
                    there.put(i);
                    back.take();
                }
                long elapsed = System.nanoTime() - start;
                if (r >= 0) samples[r] = elapsed / (2L * HANDOFFS_PER_SAMPLE);
            }
            there.put(-1);
            back.take();
            echo.join();
            return RobustStats.summarize(samples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            echo.interrupt();
            throw new IllegalStateException("interrupted while measuring the lane hand-off", e);
        }
    }

    private record Key(int lane, OpKind kind, DType dtype, int batch, int m, int k, int n) {
    }

    /** A task's role and op shapes on one lane: tasks equal in both take the same time. */
    private record TaskShape(SubgraphRole role, List<Key> ops) {
    }
}
