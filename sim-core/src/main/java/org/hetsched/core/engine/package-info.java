/**
 * The discrete-event engine and its two extension points: the {@link org.hetsched.core.engine.Policy}
 * and the optional {@link org.hetsched.core.engine.Effect}s.
 */
package org.hetsched.core.engine;
