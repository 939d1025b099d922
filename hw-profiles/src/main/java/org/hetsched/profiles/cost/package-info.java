/**
 * The profile-driven {@link org.hetsched.core.platform.CostModel} (measured points, interpolation and the analytic
 * fallback) and the engine effects a profile has the data for ({@link org.hetsched.profiles.cost.ProfileEffects}).
 */
package org.hetsched.profiles.cost;
