/** JMH benchmarks; one question per class, run from benchmarks/target/benchmarks.jar. */
package org.hetsched.benchmarks;
