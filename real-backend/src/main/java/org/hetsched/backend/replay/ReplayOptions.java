package org.hetsched.backend.replay;

import java.util.Arrays;
import org.hetsched.backend.jni.NativeLibraryUnavailableException;
import org.hetsched.backend.jni.ThreadAffinity;
import org.hetsched.core.UserInputException;
import org.hetsched.core.platform.Platform;

/**
 * How replay workers run on this machine's cores.
 *
 * @param laneCpus per lane (processor id), the CPU its worker pins itself to before its first
 *                 task, or an empty array to leave the workers unpinned
 * @param spinNs   how long a worker whose next task is not ready busy-waits before it parks:
 *                 a parked thread takes tens of µs to wake on a loaded VM, a spinning one well
 *                 under one, and a pinned lane's core has nothing else to do meanwhile; 0 parks at once
 */
public record ReplayOptions(int[] laneCpus, long spinNs) {
    /** Spin for up to 50 µs: longer than a typical hand-off between lanes, short enough to cost nothing on long waits. */
    public static final long DEFAULT_SPIN_NS = 50_000;

    public ReplayOptions {
        laneCpus = laneCpus.clone();
        for (int cpu : laneCpus) {
            if (cpu < 0) throw new IllegalArgumentException("lane CPUs must be >= 0, got " + Arrays.toString(laneCpus));
        }
        if (spinNs < 0) throw new IllegalArgumentException("spin time must be >= 0 ns, got " + spinNs);
    }

    /** Unpinned workers with the default spin. */
    public static ReplayOptions unpinned() {
        return new ReplayOptions(new int[0], DEFAULT_SPIN_NS);
    }

    /** Lane i on {@code cpus[i]}, with the default spin. */
    public static ReplayOptions pinned(int... cpus) {
        return new ReplayOptions(cpus, DEFAULT_SPIN_NS);
    }

    /**
     * Lane i on the i-th CPU this process may run on: on a 2-core machine with two lanes, one core
     * each.
     *
     * @throws IllegalArgumentException if there are fewer CPUs than lanes
     */
    public static ReplayOptions onePerCore(int lanes, int[] allowedCpus) {
        if (allowedCpus.length < lanes) {
            throw new IllegalArgumentException(lanes + " lanes cannot have a CPU each among " + Arrays.toString(allowedCpus));
        }
        return pinned(Arrays.copyOf(allowedCpus, lanes));
    }

    /**
     * {@link #onePerCore} over the CPUs this process may run on where the native library loads and
     * there is one per lane, else unpinned (pinning needs the library; two lanes pinned to one core
     * would only take turns, which the OS does as well).
     */
    public static ReplayOptions defaults(int lanes) {
        try {
            int[] allowed = ThreadAffinity.allowedCpus();
            return allowed.length >= lanes ? onePerCore(lanes, allowed) : unpinned();
        } catch (NativeLibraryUnavailableException e) {
            return unpinned();
        }
    }

    /**
     * Checks the pinning against {@code lanes} and this machine; nothing to check when unpinned.
     *
     * @throws UserInputException if the lane count differs, two lanes share a CPU (a replay would
     *     measure them taking turns, not running side by side as the simulation has them) or a CPU
     *     is one this process may not run on
     */
    public void check(Platform lanes) {
        if (!pinnedLanes()) return;
        if (laneCpus.length != lanes.size()) {
            throw new UserInputException(lanes.name() + " has " + lanes.size() + " lanes but " + laneCpus.length
                    + " lane CPUs were given: " + Arrays.toString(laneCpus));
        }
        for (int i = 0; i < laneCpus.length; i++) {
            for (int j = 0; j < i; j++) {
                if (laneCpus[i] == laneCpus[j]) {
                    throw new UserInputException("lanes " + lanes.processor(j).name() + " and " + lanes.processor(i).name()
                            + " are both pinned to CPU " + laneCpus[i] + " in " + Arrays.toString(laneCpus)
                            + "; give each lane its own CPU, or leave them unpinned");
                }
            }
        }
        int[] allowed = ThreadAffinity.allowedCpus();
        for (int cpu : laneCpus) {
            if (Arrays.stream(allowed).noneMatch(a -> a == cpu)) {
                throw new UserInputException("lane CPU " + cpu + " is not one this process may run on; allowed: "
                        + Arrays.toString(allowed));
            }
        }
    }

    public boolean pinnedLanes() {
        return laneCpus.length > 0;
    }

    @Override
    public int[] laneCpus() {
        return laneCpus.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayOptions r && Arrays.equals(laneCpus, r.laneCpus) && spinNs == r.spinNs;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(laneCpus) + Long.hashCode(spinNs);
    }

    @Override
    public String toString() {
        return "ReplayOptions[laneCpus=" + Arrays.toString(laneCpus) + ", spinNs=" + spinNs + "]";
    }
}
