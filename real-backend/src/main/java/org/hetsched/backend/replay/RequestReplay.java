package org.hetsched.backend.replay;

import org.hetsched.backend.host.HostBackend;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.scheduler.plan.SchedulePlan;

/** Replays a {@link ReplayRequest} on the host backend in this JVM: build graph and plan, prepare, replay. */
public final class RequestReplay {
    private RequestReplay() {
    }

    /**
     * @throws org.hetsched.core.UserInputException if the request names something unknown or its
     *     tensors exceed the memory budget
     * @throws ReplayException if the replay fails
     */
    public static ReplayResult inProcess(ReplayRequest request) {
        TaskGraph graph = request.graph();
        try (HostBackend backend = new HostBackend(request.model(), new HostBackend.Options(request.memoryBudgetBytes(), request.seed(),
                false))) {
            SchedulePlan plan = request.plan(backend.platform());
            backend.prepare(graph);
            return new Replayer(backend).replay(graph, plan, request.policy());
        }
    }
}
