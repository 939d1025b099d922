/**
 * What a run produced: the per-task {@link org.hetsched.core.trace.Trace} and its {@link org.hetsched.core.trace.Metrics},
 * and a simulated run beside its measured replays ({@link org.hetsched.core.trace.SimulatedAndMeasured}).
 */
package org.hetsched.core.trace;
