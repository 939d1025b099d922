package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;

/**
 * The two ready-counters against the dependencies spelt out ({@link TaskGraph#predecessors}) and
 * against each other, on random prefill graphs (with the K/V rule) and random generic DAGs, in
 * random completion orders, and with the thread-safe one finishing tasks on several threads.
 */
class ReadyTrackerProperties {

    /** A graph and the seed of its completion order. */
    record Case(TaskGraph graph, long seed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 48);
        Arbitrary<Integer> prompt = Arbitraries.integers().between(1, 400);
        Arbitrary<PartitionPlan> plan = Arbitraries.of(TestPlans.all());
        Arbitrary<TaskGraph> prefill = Combinators.combine(layers, chunk, prompt, plan).as((l, c, p, pl) ->
                PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(l), pl, p, c, pl.shadow() == null ? Set.of() : Set.of(0))));
        Arbitrary<TaskGraph> generic = Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.longs())
                .as(ReadyTrackerProperties::randomDag);
        return Combinators.combine(Arbitraries.frequencyOf(
                Tuple.of(3, prefill), Tuple.of(1, generic)), Arbitraries.longs()).as(Case::new);
    }

    private static TaskGraph randomDag(int tasks, long seed) {
        Random random = new Random(seed);
        GenericGraphBuilder builder = new GenericGraphBuilder("random");
        for (int t = 0; t < tasks; t++) builder.addTask("t" + t, List.of(TestPlans.CPU));
        for (int to = 1; to < tasks; to++) {
            for (int from = 0; from < to; from++) {
                if (random.nextInt(4) == 0) builder.addEdge("t" + from, "t" + to);
            }
        }
        return builder.build();
    }

    @Property(tries = 120)
    void aTaskIsReportedReadyOnceExactlyWhenItsLastPredecessorFinishes(@ForAll("cases") Case c) {
        TaskGraph graph = c.graph();
        int n = graph.size();
        int[][] preds = new int[n][];
        for (int t = 0; t < n; t++) preds[t] = graph.predecessors(t);
        ReadyTracker tracker = new ReadyTracker(graph);
        boolean[] finished = new boolean[n];
        int[] reported = new int[n];
        List<Integer> ready = new ArrayList<>();
        tracker.forEachSource(t -> {
            reported[t]++;
            ready.add(t);
        });
        Random random = new Random(c.seed());
        while (!ready.isEmpty()) {
            int task = ready.remove(random.nextInt(ready.size()));
            finished[task] = true;
            tracker.finished(task, t -> {
                reported[t]++;
                ready.add(t);
            });
            for (int t = 0; t < n; t++) {
                if (finished[t]) continue;
                boolean all = true;
                for (int p : preds[t]) all &= finished[p];
                assertEquals(all, tracker.isReady(t), graph.task(t).label());
            }
        }
        for (int t = 0; t < n; t++) {
            assertTrue(finished[t], graph.task(t).label() + " never became ready");
            assertEquals(1, reported[t], graph.task(t).label());
        }
    }

    @Property(tries = 120)
    void theThreadSafeTrackerReleasesWhatTheSingleThreadedOneDoes(@ForAll("cases") Case c) {
        TaskGraph graph = c.graph();
        int n = graph.size();
        ReadyTracker single = new ReadyTracker(graph);
        ConcurrentReadyTracker concurrent = new ConcurrentReadyTracker(graph);
        List<Integer> ready = new ArrayList<>();
        single.forEachSource(ready::add);
        for (int t = 0; t < n; t++) assertEquals(single.isReady(t), concurrent.isReady(t), graph.task(t).label());
        Random random = new Random(c.seed());
        int groups = graph.kvRule() == null ? 0 : graph.kvRule().groupCount();
        while (!ready.isEmpty()) {
            int task = ready.remove(random.nextInt(ready.size()));
            List<Integer> fromSingle = new ArrayList<>();
            List<Integer> fromConcurrent = new ArrayList<>();
            single.finished(task, fromSingle::add);
            concurrent.finished(task, fromConcurrent::add);
            assertEquals(fromSingle, fromConcurrent, "released by " + graph.task(task).label());
            ready.addAll(fromSingle);
            for (int g = 0; g < groups; g++) assertEquals(single.kvReadyChunks(g), concurrent.kvReadyChunks(g), "group " + g);
            for (int t = 0; t < n; t++) {
                assertEquals(single.unfinishedPredecessors(t), concurrent.unfinishedPredecessors(t), graph.task(t).label());
            }
        }
    }

    @Property(tries = 60)
    void finishingOnSeveralThreadsReleasesEveryTaskOnceAfterItsPredecessors(@ForAll("cases") Case c) throws Exception {
        TaskGraph graph = c.graph();
        int n = graph.size();
        ConcurrentReadyTracker tracker = new ConcurrentReadyTracker(graph);
        AtomicIntegerArray finished = new AtomicIntegerArray(n);
        AtomicIntegerArray reported = new AtomicIntegerArray(n);
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < n; t++) {
            if (tracker.isReady(t)) {
                reported.incrementAndGet(t);
                queue.add(t);
            }
        }
        int threads = 4;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        // a tracker that loses a release would leave the workers waiting forever
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Random random = new Random(c.seed() + w);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    while (done.get() < n && failure.get() == null) {
                        Integer task = queue.poll();
                        if (task == null) {
                            if (System.nanoTime() > deadlineNs) throw new AssertionError(done.get() + " of " + n + " finished, none left ready");
                            Thread.onSpinWait();
                            continue;
                        }
                        for (int p : graph.predecessors(task)) {
                            if (finished.get(p) == 0) {
                                throw new AssertionError(graph.task(task).label() + " ran before " + graph.task(p).label());
                            }
                        }
                        // vary the interleaving between runs of the same case
                        if (random.nextInt(4) == 0) Thread.yield();
                        finished.set(task, 1);
                        tracker.finished(task, t -> {
                            reported.incrementAndGet(t);
                            queue.add(t);
                        });
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) worker.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(n, done.get());
        for (int t = 0; t < n; t++) assertEquals(1, reported.get(t), graph.task(t).label());
    }
}
