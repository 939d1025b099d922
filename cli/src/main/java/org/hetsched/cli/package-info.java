/** The {@code hetsched} command line: parses flags, calls the library, prints. No simulation logic here. */
package org.hetsched.cli;
