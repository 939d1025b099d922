/** Trace files: the hetsched trace format, and Chrome trace-event JSON for Perfetto. */
package org.hetsched.reports.trace;
