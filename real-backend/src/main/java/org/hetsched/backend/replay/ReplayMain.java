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
 * <p>For tests only: if the system property {@value #TEST_HOOK_PROPERTY} names a class, it is
 * instantiated as a {@link Runnable} and run after the replay, before the output is written.
 * The crash-isolation test uses it to call a deliberately crashing native function that exists
 * only in the test build; production callers never set it.
 */
public final class ReplayMain {
    /** System property naming a test-only {@link Runnable} to run in the child. */
    public static final String TEST_HOOK_PROPERTY = "hetsched.replay.testHook";

    private ReplayMain() {
    }

    // Printing and exiting are this main's job: it is a process boundary, not library code.
    public static void main(String[] args) {
        try {
            if (args.length < 1) throw new UserInputException("usage: ReplayMain OUT.json key=value...");
            ReplayRequest request = ReplayRequest.fromArgs(List.of(Arrays.copyOfRange(args, 1, args.length)));
            ReplayResult result = RequestReplay.inProcess(request);
            String hook = System.getProperty(TEST_HOOK_PROPERTY);
            if (hook != null) {
                ((Runnable) Class.forName(hook).getDeclaredConstructor().newInstance()).run();
            }
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
