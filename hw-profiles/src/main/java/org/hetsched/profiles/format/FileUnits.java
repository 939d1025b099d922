package org.hetsched.profiles.format;

import java.util.Map;
import org.hetsched.core.TimeOverflowException;
import org.hetsched.core.Units;

/**
 * The time units a profile or graph file may name (s, ms, us, ns), with {@link Units}' factors, and
 * the checks that a time or rate read from a file is within what the engine can represent
 * ({@link TimeOverflowException#MAX_TIME_NS}). Values stay {@code double} so that a measured 0.9 ms
 * is exactly 900 000 ns, not rounded early.
 */
final class FileUnits {
    private static final Map<String, Double> NS_PER_UNIT =
            Map.of("ns", 1.0, "us", Units.NS_PER_US, "ms", Units.NS_PER_MS, "s", Units.NS_PER_SECOND);
    /** 2^63: every double below it rounds to a long; the one nearest Long.MAX_VALUE already does not. */
    private static final double BEYOND_ENGINE_NS = 0x1p63;

    private FileUnits() {
    }

    /** ns per unit for a unit name ("ns", "us", "ms", "s"), or {@code null} if unknown. */
    static Double nsPer(String unit) {
        return NS_PER_UNIT.get(unit);
    }

    /**
     * {@code value} (≥ 0, in {@code unit}) as ns, or {@code null} with a problem at {@code path}
     * when it is beyond what the engine can represent.
     */
    static Double timeNs(double value, String unit, String path, Problems problems) {
        double nsPerUnit = NS_PER_UNIT.get(unit);
        double ns = value * nsPerUnit;
        if (!(ns < BEYOND_ENGINE_NS)) {
            problems.add(path, value + " " + unit + " is beyond the engine's limit of " + BEYOND_ENGINE_NS / nsPerUnit + " " + unit
                    + " = " + TimeOverflowException.limit());
            return null;
        }
        return ns;
    }

    /**
     * A rate per second (&gt; 0), or {@code null} with a problem when it is so low that one unit of
     * work (a MAC, a byte) would take longer than the engine can represent.
     */
    static Double ratePerSecond(double perSecond, String path, Problems problems) {
        double minimum = Units.NS_PER_SECOND / BEYOND_ENGINE_NS;
        if (!(perSecond >= minimum)) {
            problems.add(path, perSecond + " per second is below " + minimum + " per second: one unit of work would take longer"
                    + " than the engine's limit of " + TimeOverflowException.limit());
            return null;
        }
        return perSecond;
    }
}
