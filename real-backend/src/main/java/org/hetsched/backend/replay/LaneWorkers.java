package org.hetsched.backend.replay;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.hetsched.core.platform.Platform;

/** One daemon worker thread per lane, started, coordinated from the caller's thread, and joined. */
final class LaneWorkers {
    private LaneWorkers() {
    }

    /** Daemon threads, not started, one per lane in lane order, running {@code work.accept(lane)}, named {@code prefix + lane name}. */
    static Thread[] create(Platform lanes, String prefix, IntConsumer work) {
        Thread[] workers = new Thread[lanes.size()];
        for (int p = 0; p < workers.length; p++) {
            int lane = p;
            workers[p] = new Thread(() -> work.accept(lane), prefix + lanes.processor(p).name());
            workers[p].setDaemon(true);
        }
        return workers;
    }

    /**
     * Starts {@code workers}, runs {@code coordinate} on the calling thread, then waits for every
     * worker. An interrupt of the caller while it waits goes to {@code fail} (which must make the
     * workers end) and is re-asserted.
     */
    static void startAndJoin(Thread[] workers, Runnable coordinate, Consumer<ReplayException> fail) {
        for (Thread w : workers) w.start();
        coordinate.run();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail.accept(new ReplayException("interrupted while waiting for the replay workers", e));
            }
        }
    }
}
