package org.hetsched.profiles.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.CostModel;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.format.AnalyticCosts;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.GraphPreparation;
import org.hetsched.profiles.format.MeasuredCosts;
import org.hetsched.profiles.format.PrefillSetup;
import org.hetsched.profiles.format.SyncCost;

/**
 * Prices tasks from a {@link DeviceProfile}.
 *
 * <p>A task runs where {@link Eligibility} allows it, whatever else the profile lists (analytic
 * parameters for a dtype the processor does not compute are never used). It costs the sum of its
 * ops' latencies (rounded once, to the nearest ns); the profile's per-dispatch overhead is not a
 * cost but an engine effect ({@link DispatchOverhead}). An op of
 * kind K in dtype D (the placement's {@link Placement#dtypeOf dtype for K}) on processor P is
 * priced by the profile's measured points for (P, K, D) when it has some — exactly at a point,
 * otherwise by ratio-corrected interpolation ({@link RatioCorrectedCurve}) — and by the analytic
 * roofline of (P, D) when it has none (for the attention matmuls, the roofline with the
 * profile's attention curve when (P, D) has one). The task's basis is the worst of its ops'; ops
 * priced analytically are listed as "OP_KIND/DTYPE". An NPU task of a shadowed subgraph (one a
 * SHADOW subgraph corrects) costs the profile's {@code shadow.npuSplitUs} more, added before the
 * one rounding.
 *
 * <p>Everything is precomputed at construction; pricing does no lookup by name and touches no
 * JSON. Immutable and safe to share between threads; memory O(processors · op kinds · dtypes +
 * measured points).
 */
public final class ProfileCostModel implements CostModel {

    private final DeviceProfile profile;
    private final Platform platform;
    /** [processor][op kind][dtype]; {@code null} where the processor lacks the dtype. */
    private final CostCurve[][][] curves;
    private final long[][] syncNs;
    /** [processor][dtype]: the divisor of LINEAR ops' latency (the profile's linearReshapeSpeedup; 1 without it). */
    private final double[][] linearSpeedup;
    private final long[] preparationNs;
    /** Per processor: the extra cost of a static graph's first execution in a prefill (profile {@code prefill.firstRun}). */
    private final long[] firstRunNs;
    /** Extra cost of an NPU task whose subgraph is shadowed, ns (0 without a shadow section). */
    private final double shadowSplitNs;
    /** Extra cost of a SHADOW task on a CPU, ns (0 without it). */
    private final double shadowCpuSyncNs;

    /**
     * @param profile a validated profile (every supported dtype has analytic parameters)
     * @throws IllegalArgumentException if {@code profile} is null
     */
    public ProfileCostModel(DeviceProfile profile) {
        if (profile == null) throw new IllegalArgumentException("profile is required");
        this.profile = profile;
        this.platform = profile.platform();
        int processors = platform.size();
        OpKind[] kinds = OpKind.values();
        DType[] dtypes = DType.values();
        this.curves = new CostCurve[processors][kinds.length][dtypes.length];
        this.linearSpeedup = new double[processors][dtypes.length];
        for (double[] row : linearSpeedup) Arrays.fill(row, 1);
        for (AnalyticCosts a : profile.analytic()) {
            int p = profile.processorId(a.processor());
            Roofline roofline = new Roofline(a);
            linearSpeedup[p][a.dtype().ordinal()] = a.linearSpeedup();
            Roofline attention = a.attention() == null ? roofline : new Roofline(a, true);
            for (OpKind kind : kinds) {
                MeasuredCosts measured = measured(a.processor(), kind, a.dtype());
                // measured points win over the attention curve: they are interpolated on the matmul roofline
                boolean attentionKind = kind == OpKind.ATTENTION_SCORE || kind == OpKind.ATTENTION_VALUE;
                curves[p][kind.ordinal()][a.dtype().ordinal()] = measured == null
                        ? new AnalyticCurve(attentionKind ? attention : roofline)
                        : new RatioCorrectedCurve(roofline, kind, measured.points());
            }
        }
        for (int p = 0; p < processors; p++) {
            for (DType d : platform.processor(p).dtypes()) {
                if (curves[p][0][d.ordinal()] == null) {
                    throw new IllegalArgumentException("profile " + profile.name() + ": processor " + platform.processor(p).name()
                            + " supports " + d + " but has no analytic parameters for it");
                }
            }
        }
        this.syncNs = new long[processors][processors];
        for (SyncCost s : profile.sync()) {
            syncNs[profile.processorId(s.from())][profile.processorId(s.to())] = Math.round(s.latencyNs().value());
        }
        this.shadowSplitNs = profile.shadow() == null ? 0 : profile.shadow().npuSplitNs().value();
        this.shadowCpuSyncNs = profile.shadow() == null ? 0 : profile.shadow().cpuSync();
        this.preparationNs = new long[processors];
        for (GraphPreparation g : profile.graphPreparation()) {
            preparationNs[profile.processorId(g.processor())] = Math.round(g.perGraphNs().value());
        }
        this.firstRunNs = new long[processors];
        if (profile.prefill() != null && profile.prefill().firstRun() != null) {
            PrefillSetup.FirstRun first = profile.prefill().firstRun();
            firstRunNs[profile.processorId(first.processor())] = Math.round(first.perGraphNs().value());
        }
    }

    private MeasuredCosts measured(String processor, OpKind kind, DType dtype) {
        for (MeasuredCosts c : profile.costs()) {
            if (c.processor().equals(processor) && c.kind() == kind && c.dtype() == dtype) return c;
        }
        return null;
    }

    /** The profile's device name. */
    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public String description() {
        return "device profile " + profile.name() + ": " + profile.description();
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** The processors this model prices; ids as in the profile. */
    public Platform platform() {
        return platform;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code processor} is not one of this profile's
     * @throws TimeOverflowException    if the total is beyond what the engine can represent (the
     *                                  profile's rates or latencies are too extreme for this task)
     */
    @Override
    public TaskCost cost(Task task, Processor processor) {
        int p = idOf(processor);
        if (!Eligibility.eligible(task, processor)) return TaskCost.UNSUPPORTED;
        Placement placement = task.subgraph().placementOn(processor.kind());
        double totalNs = 0;
        CostBasis basis = CostBasis.MEASURED;
        Set<String> analyticOps = null;
        for (Op op : task.ops()) {
            DType dtype = placement.dtypeOf(op.kind());
            CostCurve curve = curves[p][op.kind().ordinal()][dtype.ordinal()];
            if (curve == null) {
                // the constructor gave every dtype the processor computes a curve
                throw new IllegalStateException("profile " + profile.name() + ": no curve for " + op.kind() + "/" + dtype + " on "
                        + processor.name() + ", which computes " + processor.dtypes());
            }
            OpCost c = curve.price(op);
            totalNs += op.kind() == OpKind.LINEAR ? c.latencyNs() / linearSpeedup[p][dtype.ordinal()] : c.latencyNs();
            basis = basis.worst(c.basis());
            if (c.basis() == CostBasis.ANALYTIC) {
                if (analyticOps == null) analyticOps = new LinkedHashSet<>();
                analyticOps.add(op.kind() + "/" + dtype);
            }
        }
        if (task.subgraph().shadowed() && processor.kind() == ProcessorKind.NPU) totalNs += shadowSplitNs;
        if (task.subgraph().role() == SubgraphRole.SHADOW && processor.kind() == ProcessorKind.CPU) totalNs += shadowCpuSyncNs;
        // 2^63: the first double that does not round to a long
        if (!(totalNs < 0x1p63)) {
            throw new TimeOverflowException("device profile " + profile.name() + ": task " + task.label() + " on " + processor.name()
                    + " costs " + totalNs + " ns, beyond the engine's limit of " + TimeOverflowException.limit()
                    + "; the profile's rates or latencies are too extreme for this workload");
        }
        return new TaskCost(Math.round(totalNs), basis, analyticOps == null ? List.of() : new ArrayList<>(analyticOps));
    }

    /**
     * A measured point an op is priced at, and what the task pays per ns of its latency.
     *
     * @param point  the profile's point, exactly the op's (processor, kind, dtype, batch, m, k, n)
     * @param factor the op costs {@code factor · point latency}: 1, or 1 / the (processor, dtype)'s
     *               {@code linearReshapeSpeedup} for a LINEAR op
     */
    public record PointUse(CostPoint point, double factor) {
    }

    /**
     * The measured point {@link #cost} prices {@code op} of {@code task} at on {@code processor}
     * exactly (the op's shape is a point of its (processor, kind, dtype) entry), or {@code null}
     * when the task may not run there or the op is interpolated between points or priced by the
     * roofline. The task's cost is then linear in that point's latency with slope
     * {@link PointUse#factor}.
     *
     * @throws IllegalArgumentException if {@code processor} is not one of this profile's
     */
    public PointUse exactPoint(Task task, Op op, Processor processor) {
        int p = idOf(processor);
        if (!Eligibility.eligible(task, processor)) return null;
        DType dtype = task.subgraph().placementOn(processor.kind()).dtypeOf(op.kind());
        CostCurve curve = curves[p][op.kind().ordinal()][dtype.ordinal()];
        CostPoint point = curve == null ? null : curve.exactPoint(op);
        if (point == null) return null;
        return new PointUse(point, op.kind() == OpKind.LINEAR ? 1 / linearSpeedup[p][dtype.ordinal()] : 1);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a processor is not one of this profile's
     */
    @Override
    public long syncNs(Processor from, Processor to) {
        return syncNs[idOf(from)][idOf(to)];
    }

    /**
     * {@inheritDoc}
     *
     * <p>The profile's per-graph cost for processors that have one, when the task's subgraph may run
     * on that processor's kind; 0 otherwise.
     *
     * @throws IllegalArgumentException if {@code processor} is not one of this profile's
     */
    @Override
    public long graphPreparationNs(Task task, Processor processor) {
        int p = idOf(processor);
        return task.subgraph().placementOn(processor.kind()) == null ? 0 : preparationNs[p];
    }

    /**
     * {@inheritDoc}
     *
     * <p>The profile's {@code prefill.firstRun} cost per graph on its processor, when the task's
     * subgraph may run on that processor's kind; 0 otherwise.
     *
     * @throws IllegalArgumentException if {@code processor} is not one of this profile's
     */
    @Override
    public long firstRunNs(Task task, Processor processor) {
        int p = idOf(processor);
        return task.subgraph().placementOn(processor.kind()) == null ? 0 : firstRunNs[p];
    }

    private int idOf(Processor processor) {
        int id = processor.id();
        // identity first: record equality compares dtype sets, and this runs once per priced shape
        if (id < 0 || id >= platform.size()
                || (platform.processor(id) != processor && !platform.processor(id).equals(processor))) {
            throw new IllegalArgumentException("processor " + processor.name() + " (id " + id + ") is not a processor of device "
                    + profile.name() + " " + platform.processors().stream().map(Processor::name).toList());
        }
        return id;
    }
}
