/** Execution backends: the {@link org.hetsched.backend.Backend} interface and who may run what. */
package org.hetsched.backend;
