/**
 * What a run produced: the per-task {@link org.hetsched.core.trace.Trace} and its {@link org.hetsched.core.trace.Metrics},
 * a simulated run beside its measured replays ({@link org.hetsched.core.trace.SimulatedAndMeasured}), and the
 * QNN-style tree of measured profiling events ({@link org.hetsched.core.trace.ProfilingEvent}).
 */
package org.hetsched.core.trace;
