package org.hetsched.scheduler.exact;

import com.google.ortools.Loader;

/** Loads OR-Tools' native library once per JVM; a failure is remembered and reported every time. */
final class OrTools {
    private static boolean loaded;
    private static String failure;
    private static Throwable failureCause;

    private OrTools() {
    }

    /**
     * @throws SolverUnavailableException if the library does not load on this platform
     */
    static synchronized void load() {
        if (loaded) return;
        if (failure == null) {
            try {
                Loader.loadNativeLibraries();
                loaded = true;
                return;
            } catch (RuntimeException | LinkageError e) {
                // Loader extracts the library from a per-platform jar; no jar for this os/arch ends here
                failure = "the exact solver needs OR-Tools' native library, which did not load on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e.getMessage()
                        + "); use another policy, such as heft";
                failureCause = e;
            }
        }
        throw new SolverUnavailableException(failure, failureCause);
    }
}
