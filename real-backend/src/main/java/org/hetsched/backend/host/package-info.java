/**
 * The host backend: an INT8 lane standing in for the NPU and a float lane, both on this machine's cores, computing a real
 * prefill whose result is checked against unchunked references.
 */
package org.hetsched.backend.host;
