/**
 * Catalogs that resolve a built-in name or a file path to a device profile, a partition plan or a
 * model, and the one resolver that turns a named workload into a priced graph.
 */
package org.hetsched.profiles.load;
