/**
 * The prefill task graph: ops with shapes, partition plans with the processor kinds and dtypes of
 * their placements, tasks, and the dependency rules between them.
 */
package org.hetsched.core.graph;
