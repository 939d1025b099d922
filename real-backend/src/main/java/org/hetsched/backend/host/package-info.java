/** The host backend: an INT8 lane standing in for the NPU and a float lane, both on this machine's cores. */
package org.hetsched.backend.host;
