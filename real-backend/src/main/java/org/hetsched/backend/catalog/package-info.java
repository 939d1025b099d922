/** The execution backends by name (host, qnn): their lanes, opening one, and the models each can run. */
package org.hetsched.backend.catalog;
