package org.hetsched.backend.jni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Function;

/**
 * Loads {@code libhetsched_host.so} from the classpath into this JVM.
 *
 * <p>The Maven build compiles the library only on Linux x86-64 and packages it as
 * {@value #RESOURCE_DIR}{@code linux-x86_64/libhetsched_host.so}. {@link #load()} copies it to a
 * temporary file and {@link System#load(String) System.load}s it, once per JVM; the file is
 * deleted right after loading (Linux keeps the mapping), so nothing is left behind even if the
 * JVM dies. A failure is remembered and rethrown on every later call, with the same message.
 *
 * <p>Thread-safe: concurrent first calls load the library exactly once.
 */
public final class NativeLibrary {
    /** The only platform the library is built for, as {@link #platformId(String, String)} names it. */
    public static final String SUPPORTED_PLATFORM = "linux-x86_64";

    static final String LIBRARY_FILE = "libhetsched_host.so";
    static final String RESOURCE_DIR = "/native/";

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static NativeLibraryUnavailableException failure;

    private NativeLibrary() {
    }

    /**
     * Makes the native kernels callable; a no-op after the first success.
     *
     * @throws NativeLibraryUnavailableException if this platform is not {@value #SUPPORTED_PLATFORM},
     *     the library is missing from the classpath, or the JVM refuses to load it
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure == null) {
                try {
                    Path file = extract(currentPlatform(), NativeLibrary.class::getResourceAsStream);
                    try {
                        System.load(file.toAbsolutePath().toString());
                    } finally {
                        Files.deleteIfExists(file);
                    }
                    loaded = true;
                    return;
                } catch (NativeLibraryUnavailableException e) {
                    failure = e;
                } catch (IOException | UnsatisfiedLinkError e) {
                    failure = new NativeLibraryUnavailableException(
                            "could not load the native host backend (" + LIBRARY_FILE + "): " + e.getMessage(), e);
                }
            }
            throw new NativeLibraryUnavailableException(failure.getMessage(), failure);
        }
    }

    /** Whether {@link #load()} has succeeded in this JVM. */
    public static boolean isLoaded() {
        return loaded;
    }

    /** This JVM's platform, e.g. {@code linux-x86_64} or {@code mac-aarch64}. */
    public static String currentPlatform() {
        return platformId(System.getProperty("os.name", "unknown"), System.getProperty("os.arch", "unknown"));
    }

    /**
     * Normalises Java's {@code os.name} and {@code os.arch} into {@code os-arch}: {@code linux},
     * {@code mac}, {@code windows} or the lower-cased name without spaces; {@code x86_64} for
     * amd64/x86_64/x64, {@code aarch64} for aarch64/arm64, else the lower-cased arch.
     */
    static String platformId(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os;
        if (name.startsWith("linux")) {
            os = "linux";
        } else if (name.startsWith("mac") || name.startsWith("darwin")) {
            os = "mac";
        } else if (name.startsWith("windows")) {
            os = "windows";
        } else {
            os = name.replace(" ", "");
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return os + "-" + arch;
    }

    /**
     * Copies the library for {@code platform} into a new temp file, opening resources through
     * {@code resources} (which returns null for a missing one).
     */
    static Path extract(String platform, Function<String, InputStream> resources) throws IOException {
        if (!SUPPORTED_PLATFORM.equals(platform)) {
            throw new NativeLibraryUnavailableException("the native host backend is built for " + SUPPORTED_PLATFORM
                    + "; this is " + platform + ", so the host backend cannot run here");
        }
        String resource = RESOURCE_DIR + platform + "/" + LIBRARY_FILE;
        try (InputStream in = resources.apply(resource)) {
            if (in == null) {
                throw new NativeLibraryUnavailableException("the native host backend " + resource
                        + " is not on the classpath; this jar was built without it (the native step runs only"
                        + " when building on " + SUPPORTED_PLATFORM + " with gcc)");
            }
            Path file = Files.createTempFile("hetsched_host", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        }
    }
}
