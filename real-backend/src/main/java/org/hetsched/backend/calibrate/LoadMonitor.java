package org.hetsched.backend.calibrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hetsched.backend.jni.NativeLibraryUnavailableException;
import org.hetsched.backend.jni.ThreadAffinity;
import org.hetsched.core.UserInputException;

/**
 * Detects other load on the lanes' CPUs while hetsched measures them: another busy process on a
 * lane's CPU turns a 1% validation error into tens of per cent without any sign in the results.
 *
 * <p>Each {@link Sample} holds every CPU's cumulative busy and steal ticks ({@code /proc/stat}) and
 * every thread of this process with its cumulative CPU time and the CPU it last ran on
 * ({@code /proc/self/task/TID/stat}), plus the process's own total ({@code /proc/self/stat}, which
 * keeps the time of threads that have ended, such as a finished replay's lane workers). Over an
 * interval, a CPU's foreign load is its busy ticks minus this process's ticks on it, over the
 * interval's ticks. A living thread pinned to one CPU (a pinned lane worker, per its
 * {@code Cpus_allowed_list}) counts on that CPU; the ticks of every other thread (unpinned workers,
 * the JIT, the collector, threads that ended within the interval) cannot be placed and are credited
 * to whichever CPUs they lower the highest foreign load of, so the reported foreign load is a lower
 * bound: hetsched's own work never makes a machine look noisy. Per-thread times come from
 * {@code /proc} rather than {@code ThreadMXBean}, because only {@code /proc} also says where a
 * thread may run and keeps the time of threads that have ended. Resolution is one clock
 * tick (10 ms at USER_HZ 100), 1% of a 1 s interval.
 *
 * <p>{@link #check} follows the {@link Policy}: above the threshold it refuses, or with
 * {@code allowNoisy} it records the run as noisy. Where {@code /proc} cannot be read (not Linux)
 * there is no check, and the outcome says so in one line. Not thread-safe; one per measurement.
 */
public final class LoadMonitor {
    /** How long the machine is watched with hetsched idle before the runs. */
    public static final long IDLE_SAMPLE_MS = 1_000;
    /** Default most foreign load on a lane CPU, as a fraction of the interval. */
    public static final double DEFAULT_MAX_FOREIGN_LOAD = 0.10;
    /** Most steal time on a lane CPU, as a fraction of the interval: the hypervisor ran another guest. */
    public static final double MAX_STEAL = 0.05;

    /**
     * @param cpus      every CPU's cumulative ticks
     * @param threads   this process's living threads by thread id
     * @param ownTicks  this process's cumulative CPU ticks, ended threads included
     */
    public record Sample(Map<Integer, ProcStat.CpuTicks> cpus, Map<Long, ProcStat.TaskTicks> threads, long ownTicks) {
        public Sample {
            cpus = Map.copyOf(cpus);
            threads = Map.copyOf(threads);
        }
    }

    /** Where samples come from: {@link #proc()}, or a fixed sequence in tests. */
    public interface Source {
        /** The current sample, or empty with {@link #unavailable()} saying why. */
        Optional<Sample> sample();

        /** Why there are no samples, one line (null while there are). */
        String unavailable();
    }

    /** How long to wait between the two idle samples; a test passes one that returns at once. */
    public interface Pause {
        void pause(long ms);
    }

    /**
     * One CPU over one interval, fractions of the interval's ticks.
     *
     * @param cpu     CPU number
     * @param busy    its busy fraction (steal included)
     * @param own     this process's share
     * @param foreign busy − own, ≥ 0 (a lower bound, see the class comment)
     * @param steal   its steal fraction
     */
    public record CpuLoad(int cpu, double busy, double own, double foreign, double steal) {
    }

    /**
     * @param maxForeignLoad most foreign load per lane CPU, a fraction in [0, 1]
     * @param allowNoisy     measure anyway above it (a warning, and the outputs say noisy)
     */
    public record Policy(double maxForeignLoad, boolean allowNoisy) {
        /** @throws UserInputException if the threshold is not a fraction */
        public Policy {
            if (!(maxForeignLoad >= 0 && maxForeignLoad <= 1)) {
                throw new UserInputException("--max-foreign-load must be a fraction in [0, 1], got " + maxForeignLoad);
            }
        }

        /** The default threshold, refusing. */
        public static Policy defaults() {
            return new Policy(DEFAULT_MAX_FOREIGN_LOAD, false);
        }
    }

    /**
     * What the monitor found so far.
     *
     * @param checked     false where {@code /proc} could not be read
     * @param noisy       a threshold was exceeded and the run went ahead ({@code allowNoisy})
     * @param foreignLoad per lane CPU ({@code cpuN}), the highest foreign load of the checked intervals
     * @param warnings    one line each, for stderr: the check was skipped, or the run is noisy
     */
    public record Outcome(boolean checked, boolean noisy, Map<String, Double> foreignLoad, List<String> warnings) {
        public Outcome {
            foreignLoad = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(foreignLoad));
            warnings = List.copyOf(warnings);
        }

        /** The table's line: the measured foreign load per lane CPU, or why it was not measured. */
        public String line() {
            if (!checked) return "foreign load on the lane CPUs: not measured (" + warnings.get(0) + ")";
            if (foreignLoad.isEmpty()) return "foreign load on the lane CPUs: not measured";
            StringBuilder s = new StringBuilder("foreign load on the lane CPUs (most of the idle second before and of the runs): ");
            String sep = "";
            for (Map.Entry<String, Double> e : foreignLoad.entrySet()) {
                s.append(sep).append(String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100 * e.getValue()));
                sep = ", ";
            }
            return s.append(noisy ? " (NOISY: over the threshold, measured anyway with --allow-noisy)" : "").toString();
        }
    }

    private final Source source;
    private final Pause pause;
    private final Policy policy;
    private final int[] cpus;
    private final Map<String, Double> worst = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean noisy;
    private boolean unreadable;
    private Sample started;

    /**
     * @param cpus the lane CPUs to check; empty means every CPU of the first sample (unpinned lanes)
     */
    public LoadMonitor(Source source, Pause pause, Policy policy, int[] cpus) {
        this.source = source;
        this.pause = pause;
        this.policy = policy;
        this.cpus = cpus.clone();
    }

    /**
     * Reads {@code /proc}, pausing with {@link Thread#sleep}; no lane CPUs (unpinned lanes) means
     * the CPUs this process may run on, or every CPU where the native library that says which
     * does not load.
     */
    public static LoadMonitor ofThisMachine(Policy policy, int[] laneCpus) {
        int[] cpus = laneCpus;
        if (cpus.length == 0) {
            try {
                cpus = ThreadAffinity.allowedCpus();
            } catch (NativeLibraryUnavailableException e) {
                cpus = new int[0];
            }
        }
        return new LoadMonitor(proc(), ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, policy, cpus);
    }

    /**
     * Watches the machine for {@link #IDLE_SAMPLE_MS} with hetsched idle, then checks it.
     *
     * @throws UserInputException if a lane CPU is over a threshold and noise is not allowed
     */
    public void checkIdle() {
        Optional<Sample> a = sampleOrNote();
        if (a.isEmpty()) return;
        pause.pause(IDLE_SAMPLE_MS);
        Optional<Sample> b = sampleOrNote();
        if (b.isEmpty()) return;
        check(a.get(), b.get(), "in the idle second before the runs");
    }

    /** Marks the start of the runs. */
    public void start() {
        started = sampleOrNote().orElse(null);
    }

    /**
     * Checks the runs since {@link #start}; hetsched's own threads' time is subtracted.
     *
     * @throws UserInputException if a lane CPU is over a threshold and noise is not allowed
     */
    public void stop() {
        if (started == null) return;
        Optional<Sample> b = sampleOrNote();
        if (b.isPresent()) check(started, b.get(), "during the runs");
        started = null;
    }

    /** What was found so far. */
    public Outcome outcome() {
        return new Outcome(!unreadable, noisy, worst, warnings);
    }

    private Optional<Sample> sampleOrNote() {
        Optional<Sample> s = source.sample();
        if (s.isEmpty()) {
            unreadable = true;
            String why = "no check for other load on the lane CPUs: " + source.unavailable();
            if (!warnings.contains(why)) warnings.add(why);
        }
        return s;
    }

    private void check(Sample a, Sample b, String when) {
        int[] which = cpus.length > 0 ? cpus : b.cpus().keySet().stream().mapToInt(Integer::intValue).toArray();
        List<String> over = new ArrayList<>();
        for (CpuLoad l : between(a, b, which)) {
            worst.merge("cpu" + l.cpu(), l.foreign(), Math::max);
            if (l.foreign() > policy.maxForeignLoad()) {
                over.add(String.format(Locale.ROOT, "CPU %d had %.0f%% foreign load %s (busy %.0f%%, hetsched's own %.0f%%), over the"
                        + " %.0f%% allowed", l.cpu(), 100 * l.foreign(), when, 100 * l.busy(), 100 * l.own(), 100 * policy.maxForeignLoad()));
            }
            if (l.steal() > MAX_STEAL) {
                over.add(String.format(Locale.ROOT, "CPU %d had %.0f%% steal time %s, over the %.0f%% allowed", l.cpu(), 100 * l.steal(),
                        when, 100 * MAX_STEAL));
            }
        }
        if (over.isEmpty()) return;
        String what = String.join("; ", over) + ": another process competes with the lanes, so the measured times are not theirs";
        if (!policy.allowNoisy()) {
            throw new UserInputException(what + "; stop it, pin the lanes elsewhere with --lane-cpus, raise --max-foreign-load, or give"
                    + " --allow-noisy to measure anyway (the outputs are then marked noisy)");
        }
        noisy = true;
        warnings.add("warning: --allow-noisy: " + what);
    }

    /**
     * Each of {@code cpus} over the interval from {@code a} to {@code b} (see the class comment);
     * a CPU absent from either sample or without ticks in between counts as idle.
     */
    public static List<CpuLoad> between(Sample a, Sample b, int[] cpus) {
        Map<Integer, Long> own = new HashMap<>();
        long placed = 0;
        for (Map.Entry<Long, ProcStat.TaskTicks> t : b.threads().entrySet()) {
            ProcStat.TaskTicks before = a.threads().get(t.getKey());
            long d = t.getValue().ticks() - (before == null ? 0 : before.ticks());
            if (d <= 0 || t.getValue().cpu() < 0) continue;
            own.merge(t.getValue().cpu(), d, Long::sum);
            placed += d;
        }
        long unplaced = Math.max(0, b.ownTicks() - a.ownTicks() - placed);
        long[] total = new long[cpus.length];
        long[] excess = new long[cpus.length];
        long[] steal = new long[cpus.length];
        long[] busy = new long[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            ProcStat.CpuTicks x = a.cpus().get(cpus[i]);
            ProcStat.CpuTicks y = b.cpus().get(cpus[i]);
            if (x == null || y == null) continue;
            total[i] = y.total() - x.total();
            busy[i] = y.busy() - x.busy();
            steal[i] = y.steal() - x.steal();
            excess[i] = Math.max(0, busy[i] - own.getOrDefault(cpus[i], 0L));
        }
        // credit the ended threads' ticks where they lower the highest foreign fraction, one tick at a time
        long[] credit = new long[cpus.length];
        for (; unplaced > 0; unplaced--) {
            int top = -1;
            for (int i = 0; i < cpus.length; i++) {
                if (excess[i] > 0 && total[i] > 0 && (top < 0 || (double) excess[i] / total[i] > (double) excess[top] / total[top])) top = i;
            }
            if (top < 0) break;
            excess[top]--;
            credit[top]++;
        }
        List<CpuLoad> out = new ArrayList<>();
        for (int i = 0; i < cpus.length; i++) {
            if (total[i] <= 0) {
                out.add(new CpuLoad(cpus[i], 0, 0, 0, 0));
                continue;
            }
            double t = total[i];
            out.add(new CpuLoad(cpus[i], busy[i] / t, (busy[i] - excess[i]) / t, excess[i] / t, steal[i] / t));
        }
        return out;
    }

    /** Samples from {@code /proc/stat}, {@code /proc/self/stat} and {@code /proc/self/task}. */
    public static Source proc() {
        return new Source() {
            private String unavailable;

            @Override
            public Optional<Sample> sample() {
                if (unavailable != null) return Optional.empty();
                try {
                    Map<Integer, ProcStat.CpuTicks> stat = ProcStat.parseStat(Files.readString(Path.of("/proc/stat")));
                    if (stat.isEmpty()) throw new IOException("/proc/stat has no per-CPU lines");
                    long own = ProcStat.parseTaskTicks(Files.readString(Path.of("/proc/self/stat")));
                    Map<Long, ProcStat.TaskTicks> threads = new HashMap<>();
                    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                        for (Path t : tasks.toList()) {
                            try {
                                long ticks = ProcStat.parseTaskTicks(Files.readString(t.resolve("stat")));
                                int cpu = ProcStat.pinnedCpu(Files.readString(t.resolve("status")));
                                threads.put(Long.parseLong(t.getFileName().toString()), new ProcStat.TaskTicks(ticks, cpu));
                            } catch (NoSuchFileException ended) {
                                // the thread ended between the listing and the read; /proc/self/stat keeps its time
                            }
                        }
                    }
                    return Optional.of(new Sample(stat, threads, own));
                } catch (IOException | UncheckedIOException | IllegalArgumentException | SecurityException e) {
                    unavailable = "/proc is not readable here (" + e.getMessage() + "), so this is not Linux or /proc is hidden";
                    return Optional.empty();
                }
            }

            @Override
            public String unavailable() {
                return unavailable;
            }
        };
    }
}
