package org.hetsched.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hetsched models}: the built-in model catalog. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the built-in models (any Hugging Face config.json works too, via --model PATH).")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-14s %6s %6s %5s %8s %8s %6s %-10s %8s %s%n", "name", "layers", "hidden", "heads", "kv-heads",
                "head-dim", "ffn", "ffn-kind", "context", "window");
        for (ModelSpec m : ModelCatalog.builtIn().models()) {
            out.printf("%-14s %6d %6d %5d %8d %8d %6d %-10s %8d %s%n", m.name(), m.layers(), m.hiddenSize(),
                    m.attentionHeads(), m.kvHeads(), m.headDim(), m.ffnSize(), m.ffnKind().name().toLowerCase(),
                    m.maxContextTokens(), m.slidingWindowTokens() == 0 ? "-" : Integer.toString(m.slidingWindowTokens()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
