/** The discrete-event engine and the {@link org.hetsched.core.engine.Policy} extension point. */
package org.hetsched.core.engine;
