package org.hetsched.core.trace;

/**
 * A quantity an engine effect accounted over one whole run, e.g. busy energy.
 *
 * @param quantity what it is, with its unit in the name (e.g. {@value #ENERGY_J}); unique in a trace
 * @param value    its value, finite
 */
public record RunTotal(String quantity, double value) {
    /** Energy the processors used over the run, in joules; {@link Metrics} reports it. */
    public static final String ENERGY_J = "energyJ";
    /**
     * Serial, schedule-independent time of one prefill outside its task graph, in ns (a whole
     * number): environment set-up before the first subgraph, graph free after the last, weights
     * re-mapped before a processor's first use; {@link Metrics#setupNs()} reports it.
     */
    public static final String SETUP_NS = "setupNs";

    public RunTotal {
        if (quantity == null || quantity.isBlank()) throw new IllegalArgumentException("a run total needs a quantity");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("run total " + quantity + " must be finite, got " + value);
    }
}
