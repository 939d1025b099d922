/**
 * Scheduling policies and bounds: {@link org.hetsched.scheduler.PolicyOptions}, which every policy
 * reads; {@link org.hetsched.scheduler.catalog.PolicyCatalog} lists the policies by name.
 */
package org.hetsched.scheduler;
