package org.hetsched.backend.replay;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Loads the test crash library and writes through a null pointer ({@link NativeCrashReplayMain} runs it). */
final class NativeCrashHook implements Runnable {
    static final String LIBRARY = "/native/linux-x86_64/libhetsched_crash_test.so";

    @Override
    public void run() {
        URL url = NativeCrashHook.class.getResource(LIBRARY);
        if (url == null) throw new IllegalStateException(LIBRARY + " is not on the test class path");
        try {
            System.load(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        crashForTests();
    }

    private static native void crashForTests();
}
