/** The built-in policies by name, for the command line and the reports. */
package org.hetsched.scheduler.catalog;
