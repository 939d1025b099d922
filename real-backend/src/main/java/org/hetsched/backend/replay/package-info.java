/** Replaying a schedule plan on a backend: measured traces, profiling events, crash isolation in a child JVM. */
package org.hetsched.backend.replay;
