package org.hetsched.core.platform;

/** How a cost was obtained, from most to least trustworthy. */
public enum CostBasis {
    /** Every op hit a measured point exactly. */
    MEASURED,
    /** Some op lay between measured points and was interpolated. */
    INTERPOLATED,
    /** Some op had no measured points and was priced by the analytic fallback. */
    ANALYTIC;

    /** The less trustworthy of the two. */
    public CostBasis worst(CostBasis other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
