package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.load.ProfileCatalog;

/** Properties of the built-in profiles, through the public CostModel. */
class ProfileCostModelProperties {
    private static final List<ProfileCostModel> MODELS = ProfileCatalog.builtIn().names().stream()
            .map(name -> new ProfileCostModel(ProfileCatalog.builtIn().get(name))).toList();

    @Provide
    Arbitrary<ProfileCostModel> models() {
        return Arbitraries.of(MODELS);
    }

    /** More MACs (a larger m, or a larger batch) never cost less on the same processor, dtype, k and n. */
    @Property(tries = 2000)
    void moreWorkIsNeverCheaper(@ForAll("models") ProfileCostModel model, @ForAll @IntRange(min = 0, max = 2) int processorId,
                                @ForAll OpKind kind, @ForAll @IntRange(min = 0, max = 2) int dtypeIndex,
                                @ForAll @IntRange(min = 1, max = 32) int batch, @ForAll @IntRange(min = 1, max = 4096) int m1,
                                @ForAll @IntRange(min = 1, max = 4096) int m2, @ForAll @IntRange(min = 1, max = 16384) int k,
                                @ForAll @IntRange(min = 1, max = 16384) int n) {
        Processor processor = model.platform().processor(processorId);
        List<DType> dtypes = List.copyOf(processor.dtypes());
        DType dtype = dtypes.get(dtypeIndex % dtypes.size());
        int kk = kind.matmul() ? k : 1;
        Placement placement = new Placement(processor.kind(), dtype, dtype);
        int lo = Math.min(m1, m2);
        int hi = Math.max(m1, m2);
        TaskCost small = model.cost(Tasks.of(Op.probe(kind, batch, lo, kk, n), placement), processor);
        TaskCost large = model.cost(Tasks.of(Op.probe(kind, batch, hi, kk, n), placement), processor);
        assertTrue(large.durationNs() >= small.durationNs(), model.name() + " " + processor.name() + " " + kind + "/" + dtype
                + " batch=" + batch + " k=" + kk + " n=" + n + ": m=" + hi + " costs " + large.durationNs() + " ns < "
                + small.durationNs() + " ns at m=" + lo);
    }
}
