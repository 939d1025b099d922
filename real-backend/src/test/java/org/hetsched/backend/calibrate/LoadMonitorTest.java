package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.WorkloadRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadMonitorTest {
    private static final int[] BOTH = {0, 1};

    private static ProcStat.CpuTicks cpu(long busy, long steal, long total) {
        return new ProcStat.CpuTicks(busy, steal, total);
    }

    private static LoadMonitor.Sample sample(ProcStat.CpuTicks c0, ProcStat.CpuTicks c1, Map<Long, ProcStat.TaskTicks> threads, long own) {
        return new LoadMonitor.Sample(Map.of(0, c0, 1, c1), threads, own);
    }

    /** Hands out {@code samples} in order, then nothing. */
    private static LoadMonitor.Source fixed(LoadMonitor.Sample... samples) {
        Deque<LoadMonitor.Sample> left = new ArrayDeque<>(List.of(samples));
        return new LoadMonitor.Source() {
            @Override
            public Optional<LoadMonitor.Sample> sample() {
                return Optional.ofNullable(left.poll());
            }

            @Override
            public String unavailable() {
                return "no more samples";
            }
        };
    }

    @Test
    void foreignLoadIsCpuBusyMinusThePinnedThreadsOwnTicks() {
        // 100 ticks per CPU; a lane pinned to CPU 0 ran 60 of CPU 0's 90 busy ticks, one pinned to CPU 1 ran 20 of its 25
        LoadMonitor.Sample a = sample(cpu(1000, 0, 10_000), cpu(2000, 10, 10_000),
                Map.of(1L, new ProcStat.TaskTicks(500, 0), 2L, new ProcStat.TaskTicks(700, 1)), 1200);
        LoadMonitor.Sample b = sample(cpu(1090, 0, 10_100), cpu(2025, 13, 10_100),
                Map.of(1L, new ProcStat.TaskTicks(560, 0), 2L, new ProcStat.TaskTicks(720, 1)), 1280);
        List<LoadMonitor.CpuLoad> loads = LoadMonitor.between(a, b, BOTH);
        assertEquals(new LoadMonitor.CpuLoad(0, 0.90, 0.60, 0.30, 0.0), loads.get(0));
        assertEquals(new LoadMonitor.CpuLoad(1, 0.25, 0.20, 0.05, 0.03), loads.get(1));
    }

    @Test
    void unplacedOwnTicksLowerTheHighestForeignLoadFirst() {
        // nothing pinned: 50 own ticks (an ended thread, the JIT) cannot be placed; CPUs 80 and 30 busy of 100
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(7L, new ProcStat.TaskTicks(10, -1)), 10);
        LoadMonitor.Sample b = sample(cpu(80, 0, 100), cpu(30, 0, 100), Map.of(7L, new ProcStat.TaskTicks(30, -1)), 60);
        List<LoadMonitor.CpuLoad> loads = LoadMonitor.between(a, b, BOTH);
        // 80 → 30 takes all 50: both at 30, the lowest highest foreign load those ticks allow
        assertEquals(0.30, loads.get(0).foreign(), 1e-12);
        assertEquals(0.50, loads.get(0).own(), 1e-12);
        assertEquals(0.30, loads.get(1).foreign(), 1e-12);
        // more own than busy: no foreign load, never negative
        LoadMonitor.Sample c = sample(cpu(80, 0, 100), cpu(30, 0, 100), Map.of(), 10_000);
        assertTrue(LoadMonitor.between(a, c, BOTH).stream().allMatch(l -> l.foreign() == 0), LoadMonitor.between(a, c, BOTH).toString());
    }

    @Test
    void refusesNamingTheCpuItsLoadAndTheOverride() {
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(), 0);
        LoadMonitor.Sample b = sample(cpu(5, 0, 100), cpu(47, 0, 100), Map.of(), 5);
        LoadMonitor monitor = new LoadMonitor(fixed(a, b), ms -> { }, LoadMonitor.Policy.defaults(), BOTH);
        UserInputException e = assertThrows(UserInputException.class, monitor::checkIdle);
        assertTrue(e.getMessage().startsWith("CPU 1 had 42% foreign load in the idle second before the runs (busy 47%, hetsched's own 5%),"
                + " over the 10% allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-noisy") && !e.getMessage().contains("CPU 0"), e.getMessage());
    }

    @Test
    void refusesStealTimeOverFivePerCent() {
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(), 0);
        LoadMonitor.Sample b = sample(cpu(8, 8, 100), cpu(0, 0, 100), Map.of(), 8);
        LoadMonitor monitor = new LoadMonitor(fixed(a, b), ms -> { }, LoadMonitor.Policy.defaults(), BOTH);
        UserInputException e = assertThrows(UserInputException.class, monitor::checkIdle);
        assertTrue(e.getMessage().startsWith("CPU 0 had 8% steal time in the idle second before the runs, over the 5% allowed"), e.getMessage());
    }

    @Test
    void allowNoisyWarnsAndKeepsTheWorstForeignLoadPerCpu() {
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(), 0);
        LoadMonitor.Sample b = sample(cpu(20, 0, 100), cpu(0, 0, 100), Map.of(), 0);
        LoadMonitor.Sample c = sample(cpu(30, 0, 200), cpu(50, 0, 200), Map.of(), 0);
        LoadMonitor monitor = new LoadMonitor(fixed(a, b, b, c), ms -> { }, new LoadMonitor.Policy(0.1, true), BOTH);
        monitor.checkIdle();
        monitor.start();
        monitor.stop();
        LoadMonitor.Outcome o = monitor.outcome();
        assertTrue(o.checked() && o.noisy(), o.toString());
        assertEquals(Map.of("cpu0", 0.20, "cpu1", 0.50), o.foreignLoad());
        assertEquals(2, o.warnings().size(), o.warnings().toString());
        assertTrue(o.warnings().get(1).startsWith("warning: --allow-noisy: CPU 1 had 50% foreign load during the runs"), o.warnings().get(1));
        assertTrue(o.line().contains("cpu0 20.0%, cpu1 50.0%") && o.line().contains("NOISY"), o.line());
    }

    @Test
    void aQuietMachinePassesAndAnUnreadableOneIsNotCheckedInOneLine() {
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(), 0);
        LoadMonitor.Sample b = sample(cpu(9, 0, 100), cpu(3, 0, 100), Map.of(), 0);
        LoadMonitor quiet = new LoadMonitor(fixed(a, b), ms -> { }, LoadMonitor.Policy.defaults(), BOTH);
        quiet.checkIdle();
        assertFalse(quiet.outcome().noisy());
        assertTrue(quiet.outcome().warnings().isEmpty(), quiet.outcome().warnings().toString());

        LoadMonitor none = new LoadMonitor(fixed(), ms -> { }, LoadMonitor.Policy.defaults(), BOTH);
        none.checkIdle();
        none.start();
        none.stop();
        LoadMonitor.Outcome o = none.outcome();
        assertFalse(o.checked());
        assertEquals(List.of("no check for other load on the lane CPUs: no more samples"), o.warnings());
        assertTrue(o.line().startsWith("foreign load on the lane CPUs: not measured"), o.line());
    }

    @Test
    void rejectsAThresholdThatIsNotAFraction() {
        assertThrows(UserInputException.class, () -> new LoadMonitor.Policy(1.5, false));
        assertThrows(UserInputException.class, () -> new LoadMonitor.Policy(Double.NaN, false));
    }

    @Test
    void validationRefusesBeforeAnyReplayWhenTheLaneCpusAreBusy(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "qwen2", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 1000,
                 "max_position_embeddings": 4096, "hidden_act": "silu"}
                """);
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(config.toString(), "sd8gen3", "llm.npu", null, 32, 16, null, false,
                false), "heft", 1, 64L << 20);
        LoadMonitor.Sample a = sample(cpu(0, 0, 0), cpu(0, 0, 0), Map.of(), 0);
        LoadMonitor.Sample b = sample(cpu(95, 0, 100), cpu(2, 0, 100), Map.of(), 2);
        LoadMonitor busy = new LoadMonitor(fixed(a, b), ms -> { }, LoadMonitor.Policy.defaults(), BOTH);
        HostValidation.Settings forced = new HostValidation.Settings("host", 1, 0, ReplayOptions.unpinned(), false, false, true);
        UserInputException e = assertThrows(UserInputException.class, () -> HostValidation.run(request, List.of("heft"), forced, busy));
        assertTrue(e.getMessage().startsWith("CPU 0 had 93% foreign load in the idle second before the runs"), e.getMessage());
        assertEquals(2, HostBackend.lanes().size(), "two lanes, two CPUs checked");
    }

    @Test
    void detectsAnotherProcessSpinningBesideThisOne() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")), "/proc/stat is not readable here (not Linux): no load to measure");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to run a competing busy loop");
        // a thread of this JVM would be hetsched's own time by construction; the competitor is another process
        Process spinner = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(200); // let it get going
            LoadMonitor monitor = LoadMonitor.ofThisMachine(new LoadMonitor.Policy(1.0, true), new int[0]);
            monitor.checkIdle();
            LoadMonitor.Outcome o = monitor.outcome();
            assertTrue(o.checked(), o.toString());
            // one spinning process is one CPU's worth of foreign load: at least half of one CPU whichever way it is spread
            double most = o.foreignLoad().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            assertTrue(most >= 0.4, "foreign load " + o.foreignLoad() + " with a process spinning");
        } finally {
            spinner.destroyForcibly().waitFor();
        }
    }
}
