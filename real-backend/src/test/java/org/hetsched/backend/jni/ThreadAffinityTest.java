package org.hetsched.backend.jni;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("native")
class ThreadAffinityTest {

    @Test
    void allowedCpusAreAscendingAndIncludeAtLeastOne() {
        int[] cpus = ThreadAffinity.allowedCpus();
        assertTrue(cpus.length >= 1);
        for (int i = 1; i < cpus.length; i++) assertTrue(cpus[i] > cpus[i - 1]);
    }

    @Test
    void pinningAThreadNarrowsItsAllowedCpusToThatOne() throws InterruptedException {
        int cpu = ThreadAffinity.allowedCpus()[ThreadAffinity.allowedCpus().length - 1];
        AtomicReference<int[]> after = new AtomicReference<>();
        // on a fresh thread, so the test runner's thread keeps its mask
        Thread t = new Thread(() -> {
            ThreadAffinity.pinCurrentThread(cpu);
            after.set(ThreadAffinity.allowedCpus());
        });
        t.start();
        t.join();
        assertTrue(after.get().length == 1 && after.get()[0] == cpu, "mask after pinning: " + java.util.Arrays.toString(after.get()));
    }

    @Test
    void pinningToACpuOutsideTheMaskFailsNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadAffinity.pinCurrentThread(1023));
        assertTrue(e.getMessage().contains("CPU 1023") && e.getMessage().contains("may run on CPUs"), e.getMessage());
        assertDoesNotThrow(ThreadAffinity::allowedCpus);
    }
}
