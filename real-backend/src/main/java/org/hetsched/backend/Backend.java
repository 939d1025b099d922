package org.hetsched.backend;

import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/**
 * Executes the tasks of a task graph for real, on execution lanes that appear to the scheduler as
 * the processors of {@link #platform()}.
 *
 * <p>Life cycle: {@link #prepare} once per graph, then any number of {@link #execute} calls (a
 * replay, or several), then {@link #close}. Preparing another graph replaces the previous one.
 *
 * <p>Threading: {@link #prepare} and {@link #close} are called from one thread while no task runs;
 * {@link #execute} for processor p is called only from p's worker thread, so calls for different
 * processors run concurrently and calls for one processor never do.
 */
public interface Backend extends AutoCloseable {

    /** Stable name for listings, e.g. "host". */
    String name();

    /** One line for listings: what the lanes are and what they compute. */
    String description();

    /** The lanes as processors (dense ids from 0); the same instance on every call. */
    Platform platform();

    /**
     * Allocates whatever the graph's tasks need on the lanes they may run on, so that
     * {@link #execute} measures compute, not allocation. Tasks that no lane can run are allowed
     * here (a plan must not place them) and fail in {@link #execute}.
     *
     * @throws org.hetsched.core.UserInputException if the graph's tensors would exceed the
     *     backend's memory budget; checked before anything is allocated
     */
    void prepare(TaskGraph graph);

    /**
     * Runs task {@code task} of the prepared graph on lane {@code processor} and returns how long
     * each of its ops took, in op order ({@code Task#ops()}), in ns of a monotonic clock. A task
     * with no ops returns an empty array.
     *
     * @throws IllegalStateException    if no graph is prepared or the backend is closed
     * @throws IllegalArgumentException if the task or processor id is out of range, or the task
     *     cannot run on that lane (no placement on its kind, or a dtype the lane lacks); the
     *     message names both and the reason
     */
    long[] execute(int task, int processor);

    /** Releases what {@link #prepare} allocated; idempotent. Later {@link #execute} calls throw. */
    @Override
    void close();
}
