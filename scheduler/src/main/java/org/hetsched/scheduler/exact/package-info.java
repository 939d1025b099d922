/** The exact optimum for small instances, and the one solve per workload a comparison shares between rows. */
package org.hetsched.scheduler.exact;
