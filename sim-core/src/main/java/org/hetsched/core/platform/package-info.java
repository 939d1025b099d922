/** Processors of a SoC, the {@link org.hetsched.core.platform.CostModel} extension point, and per-run cost tables. */
package org.hetsched.core.platform;
