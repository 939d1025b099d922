package org.hetsched.reports.sweep;

import java.util.Set;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.bound.MakespanLowerBound;

/**
 * One finished simulation with everything needed to report it.
 *
 * @param request    what was asked for, with names as given
 * @param model      the resolved model name
 * @param device     the resolved device name
 * @param costModel  the cost model's one-line description
 * @param plan       the resolved plan name
 * @param shadowLayers layers whose outliers were kept (ascending)
 * @param trace      the schedule
 * @param metrics    its summary numbers
 * @param lowerBound the bounds the metrics' lower bound is the best of
 */
public record SimulationResult(SimulationRequest request, String model, String device, String costModel, String plan,
                               Set<Integer> shadowLayers,
                               Trace trace, Metrics metrics, MakespanLowerBound lowerBound) {
}
