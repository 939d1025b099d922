package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    private static final String STAT = """
            cpu  300 20 100 5000 40 7 3 9 11 0
            cpu0 100 10 50 2500 20 3 2 4 5 0
            cpu1 200 10 50 2500 20 4 1 5 6 0
            intr 12345 0 0
            ctxt 999
            btime 1700000000
            procs_running 2
            """;

    @Test
    void parsesEveryPerCpuLineAndSkipsTheTotalAndTheRest() {
        Map<Integer, ProcStat.CpuTicks> cpus = ProcStat.parseStat(STAT);
        assertEquals(2, cpus.size(), cpus.toString());
        // busy = user + nice + system + irq + softirq + steal (guest is inside user); total adds idle + iowait
        assertEquals(new ProcStat.CpuTicks(100 + 10 + 50 + 3 + 2 + 4, 4, 100 + 10 + 50 + 3 + 2 + 4 + 2500 + 20), cpus.get(0));
        assertEquals(new ProcStat.CpuTicks(200 + 10 + 50 + 4 + 1 + 5, 5, 200 + 10 + 50 + 4 + 1 + 5 + 2500 + 20), cpus.get(1));
    }

    @Test
    void refusesATruncatedCpuLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcStat.parseStat("cpu0 1 2 3 4\n"));
        assertTrue(e.getMessage().contains("cpu0 1 2 3 4"), e.getMessage());
    }

    @Test
    void readsUtimePlusStimeAfterACommandNameWithSpacesAndParentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String line = "4242 (lane npu) (x)) R 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 1 0 100 2000 300 18446744073709551615"
                + " 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertEquals(1234 + 56, ProcStat.parseTaskTicks(line));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parseTaskTicks("4242 (x) R 1 2"));
    }

    @Test
    void aThreadIsPinnedOnlyWhenItMayRunOnOneCpu() {
        assertEquals(1, ProcStat.pinnedCpu("Name:\tlane\nCpus_allowed:\t2\nCpus_allowed_list:\t1\nMems_allowed:\t1\n"));
        assertEquals(-1, ProcStat.pinnedCpu("Name:\tmain\nCpus_allowed_list:\t0-1\n"));
        assertEquals(-1, ProcStat.pinnedCpu("Name:\tmain\nCpus_allowed_list:\t0,2\n"));
        assertEquals(-1, ProcStat.pinnedCpu("Name:\tmain\n"));
    }
}
