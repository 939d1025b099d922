package org.hetsched.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hetsched policies}: the scheduling policies. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List the scheduling policies.")
final class PoliciesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : PolicyCatalog.names()) {
            out.printf("%-14s %s%n", name, PolicyCatalog.create(name).description());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
