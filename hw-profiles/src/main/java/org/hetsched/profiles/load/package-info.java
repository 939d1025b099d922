/** Catalogs that resolve a built-in name or a file path to a device profile, a partition plan or a model. */
package org.hetsched.profiles.load;
