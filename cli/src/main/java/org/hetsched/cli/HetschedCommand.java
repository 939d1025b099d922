package org.hetsched.cli;

import java.io.PrintWriter;
import org.hetsched.core.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code hetsched} command; subcommands do the work. */
@Command(name = "hetsched", mixinStandardHelpOptions = true, versionProvider = HetschedVersion.class,
        description = "Heterogeneous scheduling simulator and profiler for on-device LLM prefill.",
        subcommands = {SimulateCommand.class, CompareCommand.class, SweepCommand.class, MergeCommand.class, TuneChunkCommand.class, ModelsCommand.class, DevicesCommand.class, PlansCommand.class, ProfileCommand.class, ValidateCommand.class,
                PoliciesCommand.class, ReproduceCommand.class, AblationCommand.class})
public final class HetschedCommand implements Runnable {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line with the given writers and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new HetschedCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("hetsched: " + ex.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            if (ex instanceof UserInputException) {
                failed.getErr().println("hetsched: " + ex.getMessage());
                return ExitCodes.USER_ERROR;
            }
            failed.getErr().println("hetsched: internal error: " + ex + " (please report it; rerun with --stacktrace for details)");
            boolean stacktrace = false;
            for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
                stacktrace |= r.hasMatchedOption("--stacktrace");
            }
            if (stacktrace) ex.printStackTrace(failed.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl;
    }
}
