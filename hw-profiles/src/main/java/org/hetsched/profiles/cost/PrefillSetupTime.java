package org.hetsched.profiles.cost;

import java.util.List;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.Units;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EffectView;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.RunTotal;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.PrefillSetup;

/**
 * The serial setup of one prefill outside its task graph, from the profile's {@code prefill}
 * section: {@code setupMs} plus, with {@code weightRemap}, the bytes of the weights the graph places
 * on that processor ({@link TaskGraph#weightBytes}) beyond its {@code memoryBytes}, divided by the
 * re-mapping rate. Rounded to the nearest ns once.
 *
 * <p>It runs before the first subgraph and after the last (environment set-up, graph free,
 * re-mapping before the processor's first use), whatever the schedule, so it changes no task's
 * duration: policies, lower bounds and the exact optimum compare the task graph's makespan, and
 * the run reports the setup apart ({@link RunTotal#SETUP_NS}, {@code Metrics.setupNs}); the
 * prefill's time is the two added. Immutable; safe to share.
 */
public final class PrefillSetupTime implements Effect {
    /** The name it is registered by. */
    public static final String NAME = "prefill-setup";

    private final String device;
    private final PrefillSetup setup;
    /** Id of the processor whose weights are re-mapped, or -1. */
    private final int remapProcessor;
    private final double remapMemoryBytes;

    /** The setup of {@code profile}; without a {@code prefill} section it accounts nothing (no total, no listener). */
    public PrefillSetupTime(DeviceProfile profile) {
        this.device = profile.name();
        this.setup = profile.prefill();
        this.remapProcessor = setup == null || setup.weightRemap() == null ? -1 : profile.processorId(setup.weightRemap().processor());
        this.remapMemoryBytes = remapProcessor < 0 ? 0 : profile.processors().get(remapProcessor).memoryBytes().value();
    }

    /** Whether {@code profile} has a prefill setup. */
    public static boolean applies(DeviceProfile profile) {
        return profile.prefill() != null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        if (setup == null) return "prefill setup: device " + device + " has none";
        return "prefill setup: device " + device + "'s per-prefill constant"
                + (remapProcessor < 0 ? "" : " and weight re-mapping beyond " + setup.weightRemap().processor() + "'s memory")
                + ", serial with the task graph";
    }

    /**
     * The setup of one prefill of {@code graph} on {@code platform} (the profile's), ns; 0 without
     * a prefill section.
     *
     * @throws TimeOverflowException if it is beyond the engine's clock
     */
    public long setupNs(TaskGraph graph, Platform platform) {
        if (setup == null) return 0;
        double ns = setup.setupNs().value();
        if (remapProcessor >= 0) {
            Processor p = platform.processor(remapProcessor);
            double beyond = Math.max(0, graph.weightBytes(p.kind()) - remapMemoryBytes);
            ns += Units.secondsToNs(beyond / setup.weightRemap().bytesPerSecond().value());
        }
        if (!(ns < 0x1p63)) {
            throw new TimeOverflowException("device " + device + ": the prefill setup of " + graph.name() + " is " + ns
                    + " ns, beyond the engine's limit of " + TimeOverflowException.limit());
        }
        return Math.round(ns);
    }

    @Override
    public Listener begin(CostTable costs) {
        if (setup == null) return null;
        long ns = setupNs(costs.graph(), costs.platform());
        return new Listener() {
            @Override
            public List<RunTotal> totals(EffectView run) {
                return List.of(new RunTotal(RunTotal.SETUP_NS, ns));
            }
        };
    }

    @Override
    public String toString() {
        return NAME + " (" + device + ")";
    }
}
