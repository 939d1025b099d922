package org.hetsched.scheduler.online;

import java.util.Arrays;
import org.hetsched.core.engine.LongPairMinHeap;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.engine.SchedulerView;
import org.hetsched.core.graph.KvRule;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;

/**
 * llm.npu's out-of-order subgraph execution (Xu et al., arXiv 2407.05858, §3.4; see
 * {@code reference/llm-npu-facts.md}): each idle processor runs the ready subgraph whose completion
 * unlocks the most useful work for the other side.
 *
 * <p><b>Rule.</b> For a ready task g and a processor p, let S(g) be the tasks that become ready
 * when g finishes, given the current state:
 * <ul>
 *   <li>every explicit successor s whose only unfinished predecessor is g
 *       ({@code unfinishedPredecessors(s) == 1});</li>
 *   <li>if g produces K/V for group G in chunk k, k is the group's ready prefix
 *       ({@code kvReadyChunks(G) == k}) and g is the chunk's last unfinished producer, the
 *       attention consumers whose gate opens as the prefix advances (chunk k+1, then further
 *       chunks while all their producers have finished), each counted only if the gate is its
 *       last unfinished predecessor.</li>
 * </ul>
 * With U(g) = Σ over S(g) of the profiled time T(s) = {@link CostTable#cheapestNs}, the score is
 * C(g, p) = +U(g) on a CPU or GPU (releasing NPU work is good) and −U(g) on an NPU (releasing more
 * CPU work is bad). An idle processor runs the task offered to it with the largest C; ties go to
 * the lower task id, i.e. the earlier chunk, then the earlier subgraph.
 *
 * <p><b>Incremental scores.</b> U(g) is kept per task and recomputed only when an event could
 * change it; scores are never rescanned at decision time.
 * <ul>
 *   <li>when g is offered to a processor (its first score, or one more heap to enter);</li>
 *   <li>when a task f finishes: every ready explicit predecessor of f's explicit successors (the
 *       unfinished-predecessor count of a task in their S changed), and, if f is a K/V producer of
 *       group G, the ready producers of G's ready-prefix chunk (only they can unlock gated
 *       consumers, and what they unlock depends on the producers left in later chunks, which f
 *       changed; an opened gate also changes those producers' explicit part).</li>
 * </ul>
 * No other event changes U: dispatching a task changes no predecessor count, and T is fixed.
 * Because {@link #onReady} and {@link #onFinished} are called while the engine is still updating
 * its counts for the instant, both only mark tasks (and groups) dirty; the marked scores are
 * recomputed on the next {@link #select}, when the view is consistent. Each processor keeps a
 * max-heap of (score, task) with lazy deletion: a rescored task whose U changed gets a new
 * version and fresh entries; older entries are dropped when they surface.
 *
 * <p><b>Cost.</b> Recomputing U(g) is O(explicit successors of g) plus O(1) amortised for the
 * gated consumers: a per-group pointer to the first chunk above the prefix with producers left
 * only moves forward, and prefix sums of consumer times give the unlocked total in O(1). So
 * {@code onReady} is O(1), {@code onFinished} O(Σ explicit predecessors of the successors), and
 * {@code select} O((rescored tasks + stale entries) · log ready). Memory O(tasks + chunks · groups).
 * Single-threaded; {@link #start} resets it for another run.
 */
public final class OutOfOrderPolicy implements Policy {
    private static final long UNSCORED = Long.MIN_VALUE;

    /** The sign of C on an NPU: −1 in the literal rule, 0 in the chunk-order reading. */
    private final int npuSign;
    private final String name;

    /** The literal rule: C = −U on an NPU. */
    public OutOfOrderPolicy() {
        this(false);
    }

    /**
     * @param npuInChunkOrder score NPU subgraphs 0 instead of −U, so that (the ties going to the
     *                        lower task id) the NPU runs its ready subgraphs in (chunk, subgraph)
     *                        order and only the CPU and GPU are steered by the work they unlock:
     *                        the variant {@code ooe-npu-in-order}, in which the NPU, the
     *                        critical processor, is never held back to release less CPU work
     */
    public OutOfOrderPolicy(boolean npuInChunkOrder) {
        this.npuSign = npuInChunkOrder ? 0 : -1;
        this.name = npuInChunkOrder ? "ooe-npu-in-order" : "ooe";
    }

    private TaskGraph graph;
    private KvRule kv;
    private int chunks;
    private LongPairMinHeap[] heaps = new LongPairMinHeap[0];
    /** +1 on CPU/GPU, −1 on NPU: the sign of C(g, p) = sign · U(g). */
    private int[] sign = new int[0];
    private long[] timeNs = new long[0];
    private long[] unlockedNs = new long[0];
    private int[] version = new int[0];
    private int[] offeredMask = new int[0];
    /** Processors holding an entry of the task's current version. */
    private int[] pushedMask = new int[0];
    private boolean[] dirty = new boolean[0];
    private int[] dirtyTasks = new int[16];
    private int dirtyTaskCount;
    private boolean[] groupDirty = new boolean[0];
    private int[] dirtyGroups = new int[0];
    private int dirtyGroupCount;
    /** Per group, (chunks + 1) prefix sums: Σ T(consumer(G, m')) over m' &lt; m. */
    private long[] consumerPrefixNs = new long[0];
    /** Per group: the first chunk above the ready prefix that still has producers left, as far as known. */
    private int[] runEnd = new int[0];

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return npuSign == 0
                ? "llm.npu out-of-order execution, NPU in chunk order: the CPU/GPU run the subgraph whose finish unlocks most"
                        + " NPU work, the NPU its ready subgraphs in (chunk, subgraph) order"
                : "llm.npu out-of-order execution: run the subgraph whose finish unlocks most work for the other side"
                        + " (arXiv 2407.05858)";
    }

    @Override
    public void start(SchedulerView view) {
        CostTable costs = view.costs();
        graph = view.graph();
        kv = graph.kvRule();
        chunks = graph.chunks();
        int n = graph.size();
        int procs = costs.platform().size();
        if (heaps.length != procs) {
            heaps = new LongPairMinHeap[procs];
            for (int p = 0; p < procs; p++) heaps[p] = new LongPairMinHeap();
        }
        for (LongPairMinHeap heap : heaps) heap.clear();
        sign = new int[procs];
        for (int p = 0; p < procs; p++) sign[p] = costs.platform().processor(p).kind() == ProcessorKind.NPU ? npuSign : 1;
        if (timeNs.length != n) {
            timeNs = new long[n];
            unlockedNs = new long[n];
            version = new int[n];
            offeredMask = new int[n];
            pushedMask = new int[n];
            dirty = new boolean[n];
        }
        for (int t = 0; t < n; t++) timeNs[t] = costs.cheapestNs(t);
        Arrays.fill(unlockedNs, UNSCORED);
        Arrays.fill(version, 0);
        Arrays.fill(offeredMask, 0);
        Arrays.fill(pushedMask, 0);
        Arrays.fill(dirty, false);
        dirtyTaskCount = 0;
        dirtyGroupCount = 0;
        int groups = kv == null ? 0 : kv.groupCount();
        groupDirty = new boolean[groups];
        dirtyGroups = new int[groups];
        runEnd = new int[groups];
        consumerPrefixNs = new long[groups * (chunks + 1)];
        for (int g = 0; g < groups; g++) {
            for (int m = 0; m < chunks; m++) {
                int at = g * (chunks + 1) + m;
                consumerPrefixNs[at + 1] = consumerPrefixNs[at] + timeNs[kv.consumer(g, m)];
            }
        }
    }

    @Override
    public void onReady(int task, int processor, SchedulerView view) {
        offeredMask[task] |= 1 << processor;
        markDirty(task);
    }

    @Override
    public void onFinished(int task, int processor, SchedulerView view) {
        for (int k = 0, m = graph.explicitSuccessorCount(task); k < m; k++) {
            int succ = graph.explicitSuccessor(task, k);
            for (int q = 0, r = graph.explicitPredecessorCount(succ); q < r; q++) {
                int sibling = graph.explicitPredecessor(succ, q);
                if (sibling != task && offeredMask[sibling] != 0) markDirty(sibling);
            }
        }
        // which chunk is the prefix after this finish is known only once the engine has advanced it
        if (kv != null && kv.producerGroup(task) >= 0 && !groupDirty[kv.producerGroup(task)]) {
            groupDirty[kv.producerGroup(task)] = true;
            dirtyGroups[dirtyGroupCount++] = kv.producerGroup(task);
        }
    }

    @Override
    public int select(int processor, SchedulerView view) {
        if (dirtyTaskCount + dirtyGroupCount > 0) rescoreDirty(view);
        LongPairMinHeap heap = heaps[processor];
        while (!heap.isEmpty()) {
            long entry = heap.peekValue();
            heap.pop();
            int task = (int) (entry >>> 32);
            if ((int) entry == version[task] && !view.isDispatched(task)) return task;
        }
        return IDLE;
    }

    /**
     * C(task, processor) as last computed: the score the task's entry in that processor's heap
     * carries. Valid for a task offered to {@code processor} once {@link #select} has run at the
     * current instant; for tests.
     */
    long scoreNs(int task, int processor) {
        return sign[processor] * unlockedNs[task];
    }

    private void markDirty(int task) {
        if (dirty[task]) return;
        dirty[task] = true;
        if (dirtyTaskCount == dirtyTasks.length) dirtyTasks = Arrays.copyOf(dirtyTasks, dirtyTaskCount * 2);
        dirtyTasks[dirtyTaskCount++] = task;
    }

    private void rescoreDirty(SchedulerView view) {
        for (int i = 0; i < dirtyGroupCount; i++) {
            int group = dirtyGroups[i];
            groupDirty[group] = false;
            int prefix = view.kvReadyChunks(group);
            if (prefix >= chunks) continue;
            for (int q = 0, r = kv.producersPerChunk(group); q < r; q++) {
                int producer = kv.producer(group, prefix, q);
                if (offeredMask[producer] != 0) markDirty(producer);
            }
        }
        dirtyGroupCount = 0;
        for (int i = 0; i < dirtyTaskCount; i++) {
            int task = dirtyTasks[i];
            dirty[task] = false;
            if (!view.isDispatched(task)) rescore(task, view);
        }
        dirtyTaskCount = 0;
    }

    private void rescore(int task, SchedulerView view) {
        long unlocked = unlockedNs(task, view);
        if (unlocked != unlockedNs[task]) {
            unlockedNs[task] = unlocked;
            version[task]++;
            pushedMask[task] = 0;
        }
        long entry = ((long) task << 32) | (version[task] & 0xFFFF_FFFFL);
        for (int mask = offeredMask[task] & ~pushedMask[task]; mask != 0; mask &= mask - 1) {
            int p = Integer.numberOfTrailingZeros(mask);
            heaps[p].push(-sign[p] * unlocked, entry); // a min-heap of −C pops the largest C
        }
        pushedMask[task] = offeredMask[task];
    }

    /** U(task) from the current state, as the class comment defines it. */
    private long unlockedNs(int task, SchedulerView view) {
        long sum = 0;
        for (int k = 0, m = graph.explicitSuccessorCount(task); k < m; k++) {
            int succ = graph.explicitSuccessor(task, k);
            if (view.unfinishedPredecessors(succ) == 1) sum += timeNs[succ];
        }
        if (kv == null) return sum;
        int group = kv.producerGroup(task);
        if (group < 0) return sum;
        int chunk = graph.task(task).chunk();
        if (chunk != view.kvReadyChunks(group) || view.kvProducersLeft(group, chunk) != 1) return sum;
        // The prefix would advance past chunk and every complete chunk after it, up to end. The
        // gates of consumers chunk+1 .. end open; those below end have all their producers
        // finished, so the gate is their last unfinished predecessor and they count. Consumer end
        // (if any) still waits for a producer of its own chunk, so it does not.
        int end = Math.max(runEnd[group], chunk + 1);
        while (end < chunks && view.kvProducersLeft(group, end) == 0) end++;
        runEnd[group] = end;
        int base = group * (chunks + 1);
        return sum + consumerPrefixNs[base + end] - consumerPrefixNs[base + chunk + 1];
    }
}
