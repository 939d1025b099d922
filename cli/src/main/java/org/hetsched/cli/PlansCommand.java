package org.hetsched.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hetsched.profiles.load.PlanCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hetsched plans}: the built-in partition plans. */
@Command(name = "plans", mixinStandardHelpOptions = true,
        description = "List the built-in partition plans (a plan JSON works too, via --plan PATH).")
final class PlansCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<String, String> plan : PlanCatalog.builtIn().descriptions().entrySet()) {
            out.printf("%-12s %s%n", plan.getKey(), plan.getValue());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
