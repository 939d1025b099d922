package org.hetsched.backend.jni;

import java.util.Arrays;

/**
 * Pins the calling thread to one CPU, so that a replay lane keeps its core (and its caches) and
 * two lanes never queue behind each other on one core while another idles. Linux only, through
 * {@code sched_setaffinity}; stateless and thread-safe (each call affects only its caller).
 */
public final class ThreadAffinity {
    /** Linux's CPU_SETSIZE: the most CPUs an affinity mask describes. */
    private static final int MAX_CPUS = 1024;

    private ThreadAffinity() {
    }

    /**
     * The CPUs this process may run on, ascending (its affinity mask, which container limits such
     * as {@code taskset} or cgroup cpusets narrow; not necessarily 0..n−1).
     *
     * @throws NativeLibraryUnavailableException if the native library cannot be loaded here
     */
    public static int[] allowedCpus() {
        NativeLibrary.load();
        int[] buffer = new int[MAX_CPUS];
        int count = allowedNative(buffer);
        if (count < 0) throw new IllegalStateException("sched_getaffinity failed with errno " + (-count));
        return Arrays.copyOf(buffer, count);
    }

    /**
     * Pins the calling thread to {@code cpu}.
     *
     * @throws IllegalArgumentException if {@code cpu} is not one of {@link #allowedCpus()}; the
     *     message lists the allowed ones
     */
    public static void pinCurrentThread(int cpu) {
        NativeLibrary.load();
        int errno = pinNative(cpu);
        if (errno != 0) {
            throw new IllegalArgumentException("cannot pin a thread to CPU " + cpu + " (errno " + errno
                    + "); this process may run on CPUs " + Arrays.toString(allowedCpus()));
        }
    }

    private static native int pinNative(int cpu);

    private static native int allowedNative(int[] out);
}
