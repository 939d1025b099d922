package org.hetsched.backend;

import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/**
 * Executes the tasks of a task graph for real, on execution lanes that appear to the scheduler as
 * the processors of {@link #platform()}.
 *
 * <p>Life cycle: {@link #prepare} once per graph, then any number of {@link #execute} calls (a
 * replay, or several), then {@link #close}. Preparing another graph replaces the previous one:
 * task ids then refer to the new graph only. A task may be executed more than once and on more than
 * one lane that can run it; only its times are promised then, not the data it leaves (the host
 * backend's {@code check} needs one run of every task in an order the graph allows).
 *
 * <p>Threading: {@link #prepare} and {@link #close} are called from one thread while no task runs;
 * {@link #execute} for processor p is called only from p's worker thread, so calls for different
 * processors run concurrently and calls for one processor never do.
 */
public interface Backend extends AutoCloseable {

    /** Stable name for listings, e.g. "host"; not blank. */
    String name();

    /** One line for listings: what the lanes are and what they compute; not blank. */
    String description();

    /**
     * The lanes as processors (dense ids from 0, at least one); the same instance on every call,
     * before {@link #prepare} and after {@link #close} too.
     */
    Platform platform();

    /**
     * Allocates whatever the graph's tasks need on the lanes they may run on, so that
     * {@link #execute} measures compute, not allocation. Tasks that no lane can run are allowed
     * here (a plan must not place them) and fail in {@link #execute}.
     *
     * @throws org.hetsched.core.UserInputException if the graph's tensors would exceed the
     *     backend's memory budget; checked before anything is allocated
     * @throws IllegalStateException if the backend is closed
     */
    void prepare(TaskGraph graph);

    /**
     * Runs task {@code task} of the prepared graph on lane {@code processor} and returns how long
     * each of its ops took, in op order ({@code Task#ops()}), in ns of a monotonic clock: a new
     * array of {@code ops().size()} values, each &ge; 0. A task with no ops returns an empty array.
     * Every task that {@link org.hetsched.core.platform.Eligibility} lets a lane run runs there,
     * unless the backend documents a further limit of that lane (an op its runtime cannot
     * compute), refused the same way.
     *
     * @throws IllegalStateException    if no graph is prepared or the backend is closed
     * @throws IllegalArgumentException if the task or processor id is out of range of the prepared
     *     graph or of {@link #platform()}, or the task cannot run on that lane (no placement on its
     *     kind, or a dtype the lane lacks); the message names the task (its label), the lane (its
     *     name) and the reason
     */
    long[] execute(int task, int processor);

    /**
     * Releases what {@link #prepare} allocated; idempotent. Later {@link #execute} and
     * {@link #prepare} calls throw {@link IllegalStateException}; {@link #platform()} still answers.
     */
    @Override
    void close();
}
