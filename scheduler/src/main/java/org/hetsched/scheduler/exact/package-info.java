/** The exact optimum for small instances. */
package org.hetsched.scheduler.exact;
