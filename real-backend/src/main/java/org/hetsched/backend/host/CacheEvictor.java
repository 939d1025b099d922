package org.hetsched.backend.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Pushes an op's tensors out of the CPU caches before a timed run. In a replay, a linear reads its
 * layer's weights for the first time in many tasks, from DRAM; timing the same op back to back
 * would read them from the last-level cache instead, and the profile would price linears too low
 * (on this VM, about 25% too low on Qwen1.5-1.8B's shapes). Writing one byte per cache line over
 * twice the last-level cache evicts them. Holds that buffer; single-threaded.
 */
final class CacheEvictor {
    private static final int LINE_BYTES = 64;
    /** When the cache size cannot be read (not Linux, no sysfs): a generous mobile-to-server LLC. */
    static final long DEFAULT_LAST_LEVEL_BYTES = 32L << 20;
    /** Caps the buffer on machines with huge caches. */
    private static final long MAX_BYTES = 512L << 20;

    private final ByteBuffer buffer;
    private byte round;

    CacheEvictor(long lastLevelCacheBytes) {
        long bytes = Math.min(MAX_BYTES, 2 * Math.max(lastLevelCacheBytes, LINE_BYTES));
        buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    /** An evictor sized from this machine's last-level cache. */
    static CacheEvictor forThisMachine() {
        return new CacheEvictor(lastLevelCacheBytes(Path.of("/sys/devices/system/cpu/cpu0/cache")));
    }

    /** Touches every cache line of the buffer; the writes are visible memory effects, so they cannot be optimised away. */
    void evict() {
        round++;
        for (int at = 0, size = buffer.capacity(); at < size; at += LINE_BYTES) buffer.put(at, round);
    }

    long bytes() {
        return buffer.capacity();
    }

    /**
     * The largest cache size listed under {@code cacheDir} ({@code index*}/{@code size}, e.g.
     * "36608K"), or {@link #DEFAULT_LAST_LEVEL_BYTES} if none can be read.
     */
    static long lastLevelCacheBytes(Path cacheDir) {
        long largest = 0;
        try (var entries = Files.list(cacheDir)) {
            for (Path index : (Iterable<Path>) entries::iterator) {
                Path size = index.resolve("size");
                if (!index.getFileName().toString().startsWith("index") || !Files.isReadable(size)) continue;
                largest = Math.max(largest, parseSize(Files.readString(size).trim()));
            }
        } catch (IOException | RuntimeException e) {
            return DEFAULT_LAST_LEVEL_BYTES;
        }
        return largest > 0 ? largest : DEFAULT_LAST_LEVEL_BYTES;
    }

    /** "36608K" → 36608·1024; "2M" → 2·1024²; a bare number is bytes; anything else 0. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        else if (t.endsWith("G")) unit = 1L << 30;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
