/** The profile-driven {@link org.hetsched.core.platform.CostModel}: measured points, interpolation and the analytic fallback. */
package org.hetsched.profiles.cost;
