package org.hetsched.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.load.ProfileCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hetsched devices}: the built-in device profiles. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the built-in device profiles (a profile JSON works too, via --device PATH).")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        for (Map.Entry<String, String> device : catalog.descriptions().entrySet()) {
            StringBuilder processors = new StringBuilder();
            for (Processor p : catalog.get(device.getKey()).platform().processors()) {
                if (processors.length() > 0) processors.append(", ");
                processors.append(p.name()).append(" (").append(p.kind()).append(')');
            }
            out.printf("%-10s %s%n%-10s processors: %s%n", device.getKey(), device.getValue(), "", processors);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
