/** What a run produced: the per-task {@link org.hetsched.core.trace.Trace} and its {@link org.hetsched.core.trace.Metrics}. */
package org.hetsched.core.trace;
