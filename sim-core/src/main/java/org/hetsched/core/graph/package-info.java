/** The prefill task graph: ops with shapes, partition plans, tasks, and the dependency rules between them. */
package org.hetsched.core.graph;
