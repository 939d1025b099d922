package org.hetsched.backend.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheEvictorTest {

    @Test
    void parsesSysfsSizes() {
        assertEquals(36608L * 1024, CacheEvictor.parseSize("36608K"));
        assertEquals(2L << 20, CacheEvictor.parseSize("2M"));
        assertEquals(512, CacheEvictor.parseSize("512"));
        assertEquals(0, CacheEvictor.parseSize("lots"));
    }

    @Test
    void takesTheLargestCacheAndFallsBackWhenThereIsNone(@TempDir Path dir) throws IOException {
        for (String[] c : new String[][] {{"index0", "32K"}, {"index2", "1024K"}, {"index3", "36608K"}}) {
            Files.createDirectories(dir.resolve(c[0]));
            Files.writeString(dir.resolve(c[0]).resolve("size"), c[1] + "\n");
        }
        assertEquals(36608L * 1024, CacheEvictor.lastLevelCacheBytes(dir));
        assertEquals(CacheEvictor.DEFAULT_LAST_LEVEL_BYTES, CacheEvictor.lastLevelCacheBytes(dir.resolve("missing")));
    }

    @Test
    void bufferIsTwiceTheCache() {
        assertEquals(2L << 20, new CacheEvictor(1L << 20).bytes());
    }
}
