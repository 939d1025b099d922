package org.hetsched.backend.calibrate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parsers of Linux's {@code /proc/stat} per-CPU lines and {@code /proc/self/task/TID/stat} lines,
 * in clock ticks (USER_HZ, the unit of both files). Stateless; reading the files is
 * {@link LoadMonitor}'s part.
 */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * One CPU's cumulative times since boot.
     *
     * @param busy  user + nice + system + irq + softirq + steal ticks (guest time is already in user)
     * @param steal ticks the hypervisor ran something else while this virtual CPU wanted to run
     * @param total busy + idle + iowait ticks
     */
    public record CpuTicks(long busy, long steal, long total) {
    }

    /**
     * One thread's cumulative CPU time and where it runs.
     *
     * @param ticks utime + stime
     * @param cpu   the one CPU it is pinned to ({@link #pinnedCpu}), or -1 if it may run on several
     */
    public record TaskTicks(long ticks, int cpu) {
    }

    /**
     * The {@code cpuN} lines of a {@code /proc/stat} text, by CPU number (the {@code cpu} total
     * line and every other line are skipped).
     *
     * @throws IllegalArgumentException if a {@code cpuN} line has fewer than 8 numeric fields
     */
    public static Map<Integer, CpuTicks> parseStat(String text) {
        Map<Integer, CpuTicks> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || !f[0].startsWith("cpu") || f[0].length() == 3) continue;
            int cpu;
            try {
                cpu = Integer.parseInt(f[0].substring(3));
            } catch (NumberFormatException e) {
                continue;
            }
            if (f.length < 9) throw new IllegalArgumentException("/proc/stat line '" + line.trim() + "' has fewer than 8 times");
            long user = num(f[1], line);
            long nice = num(f[2], line);
            long system = num(f[3], line);
            long idle = num(f[4], line);
            long iowait = num(f[5], line);
            long irq = num(f[6], line);
            long softirq = num(f[7], line);
            long steal = num(f[8], line);
            long busy = user + nice + system + irq + softirq + steal;
            out.put(cpu, new CpuTicks(busy, steal, busy + idle + iowait));
        }
        return out;
    }

    /**
     * A {@code /proc/PID/task/TID/stat} (or {@code /proc/PID/stat}) line's utime + stime: fields 14
     * and 15 counted from the start, found after the command name's closing
     * parenthesis (the name may hold spaces and parentheses).
     *
     * @throws IllegalArgumentException if the line is too short or a field is not a number
     */
    public static long parseTaskTicks(String line) {
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): field n is f[n - 3]; utime and stime are fields 14 and 15
        if (close < 0 || f.length < 13) throw new IllegalArgumentException("task stat line too short: '" + line.trim() + "'");
        return num(f[11], line) + num(f[12], line);
    }

    /**
     * The CPU a {@code /proc/PID/task/TID/status} text's thread is pinned to: its
     * {@code Cpus_allowed_list} when that is one CPU, else -1 (several CPUs, or no such line).
     */
    public static int pinnedCpu(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("Cpus_allowed_list:")) continue;
            String list = line.substring("Cpus_allowed_list:".length()).trim();
            return list.matches("\\d+") ? Integer.parseInt(list) : -1;
        }
        return -1;
    }

    private static long num(String s, String line) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number '" + s + "' in '" + line.trim() + "'", e);
        }
    }
}
