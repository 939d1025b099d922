package org.hetsched.backend.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

    @Test
    void namesPlatformsAsOsDashArch() {
        assertEquals("linux-x86_64", NativeLibrary.platformId("Linux", "amd64"));
        assertEquals("linux-x86_64", NativeLibrary.platformId("Linux", "x86_64"));
        assertEquals("linux-aarch64", NativeLibrary.platformId("Linux", "aarch64"));
        assertEquals("mac-aarch64", NativeLibrary.platformId("Mac OS X", "aarch64"));
        assertEquals("mac-x86_64", NativeLibrary.platformId("Mac OS X", "x86_64"));
        assertEquals("windows-x86_64", NativeLibrary.platformId("Windows 11", "amd64"));
        assertEquals("freebsd-arm64x", NativeLibrary.platformId("FreeBSD", "arm64x"));
    }

    @Test
    void rejectsUnsupportedPlatformNamingBoth() {
        NativeLibraryUnavailableException e = assertThrows(NativeLibraryUnavailableException.class,
                () -> NativeLibrary.extract("mac-aarch64", name -> new ByteArrayInputStream(new byte[1])));
        assertEquals("the native host backend is built for linux-x86_64; this is mac-aarch64,"
                + " so the host backend cannot run here", e.getMessage());
    }

    @Test
    void rejectsMissingResourceNamingIt() {
        NativeLibraryUnavailableException e = assertThrows(NativeLibraryUnavailableException.class,
                () -> NativeLibrary.extract("linux-x86_64", name -> null));
        assertTrue(e.getMessage().startsWith(
                "the native host backend /native/linux-x86_64/libhetsched_host.so is not on the classpath"),
                e.getMessage());
    }

    @Test
    void extractsTheResourceBytesToATempFile() throws Exception {
        byte[] content = {1, 2, 3, 4};
        Path file = NativeLibrary.extract("linux-x86_64", name -> new ByteArrayInputStream(content));
        try {
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4), toList(Files.readAllBytes(file)));
        } finally {
            Files.delete(file);
        }
    }

    @Tag("native")
    @Test
    void loadsOnceFromConcurrentFirstCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> {
                    NativeLibrary.load();
                    return NativeLibrary.isLoaded();
                });
            }
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> out = new ArrayList<>();
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }
}
