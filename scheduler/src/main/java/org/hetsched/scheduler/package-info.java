/** Scheduling policies and bounds; {@link org.hetsched.scheduler.PolicyCatalog} lists them by name. */
package org.hetsched.scheduler;
