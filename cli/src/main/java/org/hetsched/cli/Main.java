package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code hetsched} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // the only place that exits: 0 success, 1 a bug, 2 a user mistake (README "Exit codes")
        System.exit(HetschedCommand.execute(args, out, err));
    }
}
