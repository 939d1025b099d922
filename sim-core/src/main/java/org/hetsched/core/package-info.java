/** The simulation kernel: shared exception types; see the subpackages for the model of the work. */
package org.hetsched.core;
