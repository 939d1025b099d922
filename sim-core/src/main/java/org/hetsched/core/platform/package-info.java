/**
 * Processors of a SoC, which of them may run a task ({@link org.hetsched.core.platform.Eligibility}), the
 * {@link org.hetsched.core.platform.CostModel} extension point, and per-run cost tables.
 */
package org.hetsched.core.platform;
