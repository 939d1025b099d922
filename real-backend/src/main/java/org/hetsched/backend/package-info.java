/** Execution backends: the {@link org.hetsched.backend.Backend} interface every backend implements. */
package org.hetsched.backend;
