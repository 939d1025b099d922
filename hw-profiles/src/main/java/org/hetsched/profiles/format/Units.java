package org.hetsched.profiles.format;

/**
 * The one place where the units written in files (ms, µs) become the nanoseconds the engine uses.
 * Values stay {@code double} so that a measured 0.9 ms is exactly 900 000 ns, not rounded early.
 */
final class Units {
    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_US = 1e3;

    private Units() {
    }

    static double msToNs(double ms) {
        return ms * NS_PER_MS;
    }

    static double usToNs(double us) {
        return us * NS_PER_US;
    }

    /** For messages that quote a latency in the unit the file used. */
    static double nsToMs(double ns) {
        return ns / NS_PER_MS;
    }
}
