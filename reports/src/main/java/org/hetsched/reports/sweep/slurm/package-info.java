/**
 * Sweeps as Slurm jobs: a job folder holding an array script whose task i runs shard i, a merge job
 * that runs once every task succeeded, and a submit script; its status, read from the shards'
 * folders and the queue; and resubmission of exactly the shards that have no valid results.
 */
package org.hetsched.reports.sweep.slurm;
