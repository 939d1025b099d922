/** Lower bounds on the makespan of any schedule. */
package org.hetsched.scheduler.bound;
