/** Static policies: a plan (processor per task, order per processor) computed up front, then replayed. */
package org.hetsched.scheduler.plan;
