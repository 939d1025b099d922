package org.hetsched.profiles.cost;

import java.util.List;
import org.hetsched.core.Units;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.EffectView;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.RunTotal;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProcessorProfile;

/**
 * The energy processors spend while busy: per processor, its profile's {@code powerW} times its busy
 * time, summed over the processors a run used, reported as {@link RunTotal#ENERGY_J}.
 *
 * <p>What it does not model: idle and static power (the profile format has no idle figure, so a
 * processor costs nothing between tasks), the rest of the SoC (DRAM, interconnect, uncore), power
 * that varies with the op, dtype or frequency, and sync or transfer energy. Its energy is only as good
 * as the profile's power figures, which the built-in profiles do not have. When a processor the run
 * used has no power figure, it reports nothing rather than a partial sum.
 *
 * <p>It changes no duration, so bounds and the exact optimum stay exact with it. Per run it holds
 * O(processors) state and does no allocation per event. An instance is immutable and may be shared.
 */
public final class BusyEnergy implements Effect {
    /** The name it is registered by. */
    public static final String NAME = "busy-energy";

    private final String device;
    /** Per processor id, busy power in W, or NaN where the profile has none. */
    private final double[] powerW;

    public BusyEnergy(DeviceProfile profile) {
        this.device = profile.name();
        this.powerW = new double[profile.processors().size()];
        for (int p = 0; p < powerW.length; p++) {
            ProcessorProfile processor = profile.processors().get(p);
            powerW[p] = processor.powerW() == null ? Double.NaN : processor.powerW().value();
        }
    }

    /** Whether any processor of {@code profile} has a power figure (otherwise this effect can never report). */
    public static boolean applies(DeviceProfile profile) {
        return profile.processors().stream().anyMatch(p -> p.powerW() != null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "busy energy from device " + device + "'s per-processor power figures (powerW × busy time; no idle power)";
    }

    /** @throws IllegalArgumentException if {@code costs} has a different processor count than the profile */
    @Override
    public Listener begin(CostTable costs) {
        if (costs.platform().size() != powerW.length) {
            throw new IllegalArgumentException("device " + device + " has " + powerW.length + " processors, the run "
                    + costs.platform().size());
        }
        return new Listener() {
            private final long[] busyNs = new long[powerW.length];
            private final boolean[] used = new boolean[powerW.length];

            @Override
            public void onFinish(int task, int processor, EffectView run) {
                busyNs[processor] += run.nowNs() - run.startNs(task);
                used[processor] = true;
            }

            @Override
            public List<RunTotal> totals(EffectView run) {
                double joules = 0;
                for (int p = 0; p < powerW.length; p++) {
                    if (!used[p]) continue;
                    if (Double.isNaN(powerW[p])) return List.of();
                    joules += powerW[p] * Units.nsToSeconds(busyNs[p]);
                }
                return List.of(new RunTotal(RunTotal.ENERGY_J, joules));
            }
        };
    }

    @Override
    public String toString() {
        return NAME + " (" + device + ")";
    }
}
