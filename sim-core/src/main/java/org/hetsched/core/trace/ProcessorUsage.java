package org.hetsched.core.trace;

/**
 * How one processor spent the makespan.
 *
 * @param processor   processor name
 * @param tasks       tasks it ran
 * @param busyNs      time spent executing
 * @param utilization busyNs / makespan, in [0, 1]
 */
public record ProcessorUsage(String processor, int tasks, long busyNs, double utilization) {
}
