package org.hetsched.backend.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * The child JVM's entry point: {@code ReplayMain OUT.json key=value...} replays the
 * {@link ReplayRequest} in-process and writes {@link ReplayJson} to {@code OUT.json}.
 *
 * <p>Exit codes: 0 done, 2 bad request (message on stderr), 1 any other failure (stack trace on
 * stderr). A native crash ends the JVM by a signal, which the parent reports.
 *
 * <p>{@link #run} is the same entry point with an action between the replay and writing its
 * output, so that a test's own main class can make the child fail there (a crash-isolation test
 * crashes it in native code) without this class knowing of any test.
 */
public final class ReplayMain {
    private ReplayMain() {
    }

    // Printing and exiting are this main's job: it is a process boundary, not library code.
    public static void main(String[] args) {
        run(args, () -> { });
    }

    /** {@link #main}, running {@code afterReplay} once the replay is done and before its output is written. */
    static void run(String[] args, Runnable afterReplay) {
        try {
            if (args.length < 1) throw new UserInputException("usage: ReplayMain OUT.json key=value...");
            ReplayRequest request = ReplayRequest.fromArgs(List.of(Arrays.copyOfRange(args, 1, args.length)));
            ReplayResult result = RequestReplay.inProcess(request);
            afterReplay.run();
            Files.writeString(Path.of(args[0]), ReplayJson.write(result), StandardCharsets.UTF_8);
            System.exit(0);
        } catch (UserInputException e) {
            System.err.println("hetsched replay: " + e.getMessage());
            System.exit(2);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
