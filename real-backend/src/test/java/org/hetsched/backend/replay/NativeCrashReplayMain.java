package org.hetsched.backend.replay;

/**
 * A child main for the crash-isolation test: {@link ReplayMain}'s replay, then a deliberate native
 * crash ({@link NativeCrashHook}) before the output is written.
 */
public final class NativeCrashReplayMain {
    private NativeCrashReplayMain() {
    }

    public static void main(String[] args) {
        ReplayMain.run(args, new NativeCrashHook());
    }
}
