/** Trace files: the hetsched trace format. */
package org.hetsched.reports.trace;
