package org.hetsched.backend.replay;

import org.hetsched.backend.Backend;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;

/** A backend that delegates every call, for tests that override one of them. */
class ForwardingBackend implements Backend {
    private final Backend delegate;

    ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public Platform platform() {
        return delegate.platform();
    }

    @Override
    public void prepare(TaskGraph graph) {
        delegate.prepare(graph);
    }

    @Override
    public long[] execute(int task, int processor) {
        return delegate.execute(task, processor);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
