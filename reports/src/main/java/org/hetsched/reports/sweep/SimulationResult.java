package org.hetsched.reports.sweep;

import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.hetsched.scheduler.bound.MakespanLowerBound;

/**
 * One finished simulation with everything needed to report it.
 *
 * @param workload the work and its names
 * @param trace    the schedule
 * @param metrics  its summary numbers
 * @param bound    the lower bounds the metrics' lower bound is the best of
 */
public record SimulationResult(Workload workload, Trace trace, Metrics metrics, MakespanLowerBound bound) {
}
