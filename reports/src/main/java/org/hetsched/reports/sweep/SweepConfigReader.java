package org.hetsched.reports.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.format.JsonObjectReader;
import org.hetsched.profiles.format.JsonSupport;
import org.hetsched.profiles.format.NumberRule;
import org.hetsched.profiles.format.Problems;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a sweep configuration (YAML; format in reports/README.md) and checks everything that can
 * be checked before work starts: unknown keys, wrong types, empty axes, names that resolve to no
 * model, device, plan or policy, prompt lengths beyond a model's context, and graphs too large for
 * the exact solver. Every problem is reported at once. Paths in the file are relative to the file.
 * Stateless and thread-safe.
 */
public final class SweepConfigReader {
    /** Duplicate keys are refused, as in the JSON formats: a silently overwritten axis is a typo the user never sees. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Jackson's wording for {@link DeserializationFeature#FAIL_ON_READING_DUP_TREE_KEY}. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '([^']*)'");

    private SweepConfigReader() {
    }

    /**
     * @throws SweepConfigException listing every problem
     * @throws UserInputException   if the file cannot be read
     */
    public static SweepConfig read(Path file) {
        String text = JsonSupport.readFile(file, "sweep configuration");
        Problems problems = new Problems();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("$", yamlProblem(e));
            throw new SweepConfigException(file.toString(), problems.list());
        }
        JsonObjectReader top = JsonObjectReader.of(root, "$", problems);
        if (top == null) throw new SweepConfigException(file.toString(), problems.list());
        Path base = file.toAbsolutePath().getParent();

        for (String optional : List.of("seeds", "includeGraphPreparation", "pipelineLag", "timeLimitSeconds",
                "optimalMaxTasks")) {
            top.raw(optional, false); // allowed even when absent, so the unknown-key message lists them
        }
        String name = top.string("name", true);
        List<String> models = strings(top, "models", problems);
        List<String> devices = strings(top, "devices", problems);
        List<String> plans = strings(top, "plans", problems);
        List<Integer> prompts = integers(top, "prompts", 1, problems);
        List<Integer> chunks = integers(top, "chunks", 1, problems);
        List<String> policies = strings(top, "policies", problems);
        List<Long> seeds = new ArrayList<>();
        if (top.has("seeds")) {
            for (Integer seed : integers(top, "seeds", 0, problems)) seeds.add((long) seed);
        } else {
            seeds.add(PolicyOptions.DEFAULTS.seed());
        }
        boolean prepare = false;
        JsonNode prepareNode = top.raw("includeGraphPreparation", false);
        if (prepareNode != null) {
            if (prepareNode.isBoolean()) {
                prepare = prepareNode.asBoolean();
            } else {
                problems.add(top.pathOf("includeGraphPreparation"), "expected true or false, got "
                        + JsonSupport.describe(prepareNode));
            }
        }
        Integer lag = top.has("pipelineLag") ? top.integer("pipelineLag", false, 0)
                : Integer.valueOf(PolicyOptions.DEFAULTS.pipelineLagSubgraphs());
        Double limit = top.has("timeLimitSeconds") ? top.number("timeLimitSeconds", false, NumberRule.POSITIVE)
                : Double.valueOf(PolicyOptions.DEFAULTS.optimalTimeLimit().toMillis() / 1000.0);
        Integer maxTasks = top.has("optimalMaxTasks") ? top.integer("optimalMaxTasks", false, 1)
                : Integer.valueOf(PolicyOptions.DEFAULTS.optimalMaxTasks());
        top.rejectUnknownKeys();

        // resolved against a provisional config so that paths mean the same here as at run time
        SweepConfig paths = new SweepConfig("", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, PolicyOptions.DEFAULTS, base);
        List<ModelSpec> specs = resolveAll(models, "models", paths, n -> new ModelResolver().resolve(n), problems);
        resolveAll(devices, "devices", paths, n -> ProfileCatalog.builtIn().get(n), problems);
        List<PartitionPlan> planSpecs = resolveAll(plans, "plans", paths, n -> PlanCatalog.builtIn().get(n), problems);
        for (int i = 0; i < policies.size(); i++) {
            if (!PolicyCatalog.names().contains(policies.get(i))) {
                problems.add("$.policies[" + i + "]", "unknown policy '" + policies.get(i) + "' (known: "
                        + String.join(", ", PolicyCatalog.names()) + ")");
            }
        }
        checkCombinations(specs, planSpecs, prompts, chunks, policies.contains("optimal") ? maxTasks : null, problems);
        if (!problems.isEmpty() || lag == null || limit == null || maxTasks == null) {
            throw new SweepConfigException(file.toString(), problems.list());
        }
        PolicyOptions options = new PolicyOptions(PolicyOptions.DEFAULTS.seed(), lag,
                Duration.ofMillis(Math.round(limit * 1000)), maxTasks);
        return new SweepConfig(name, models, devices, plans, prompts, chunks, policies, seeds, prepare, options, base);
    }

    private static List<String> strings(JsonObjectReader top, String key, Problems problems) {
        List<String> out = new ArrayList<>();
        List<JsonNode> nodes = top.array(key, true, true);
        if (nodes == null) return out;
        for (int i = 0; i < nodes.size(); i++) {
            String value = JsonObjectReader.string(nodes.get(i), top.pathOf(key) + "[" + i + "]", problems);
            if (value != null) {
                if (out.contains(value)) problems.add(top.pathOf(key) + "[" + i + "]", "'" + value + "' is listed twice");
                out.add(value);
            }
        }
        return out;
    }

    private static List<Integer> integers(JsonObjectReader top, String key, int min, Problems problems) {
        List<Integer> out = new ArrayList<>();
        List<JsonNode> nodes = top.array(key, true, true);
        if (nodes == null) return out;
        for (int i = 0; i < nodes.size(); i++) {
            Integer value = JsonObjectReader.integer(nodes.get(i), top.pathOf(key) + "[" + i + "]", min, problems);
            if (value != null) {
                if (out.contains(value)) problems.add(top.pathOf(key) + "[" + i + "]", value + " is listed twice");
                out.add(value);
            }
        }
        return out;
    }

    /**
     * One line for a YAML syntax error: the parser's problem and where it is. SnakeYAML's own
     * message spans several lines (the context, the offending line and a caret under it).
     */
    static String yamlProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark at = marked.getProblemMark();
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                return "not valid YAML at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": " + context
                        + oneLine(marked.getProblem());
            }
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) return "duplicate key '" + duplicate.group(1) + "'" + where;
        return "not valid YAML" + where + ": " + oneLine(JsonSupport.parserMessage(e));
    }

    private static String oneLine(String message) {
        if (message == null) return "unreadable";
        String first = message.strip().lines().findFirst().orElse("unreadable").strip();
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }

    /** Resolves each name (a path is taken relative to the file); bad ones become problems at their index. */
    private static <T> List<T> resolveAll(List<String> names, String key, SweepConfig paths, Function<String, T> resolver,
                                          Problems problems) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                out.add(resolver.apply(paths.resolve(names.get(i))));
            } catch (UserInputException e) {
                problems.add("$." + key + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    /** Prompts, padded to whole chunks, within every model's context, and graphs the exact solver will take. */
    private static void checkCombinations(List<ModelSpec> models, List<PartitionPlan> plans, List<Integer> prompts,
                                          List<Integer> chunks, Integer solverMaxTasks, Problems problems) {
        for (ModelSpec model : models) {
            for (int i = 0; i < prompts.size(); i++) {
                // in chunks of one token nothing is padded: only the prompt itself can be too long
                String promptProblem = PrefillConfig.contextProblem(model, prompts.get(i), 1);
                if (promptProblem != null) {
                    problems.add("$.prompts[" + i + "]", promptProblem);
                    continue;
                }
                for (int j = 0; j < chunks.size(); j++) {
                    String context = PrefillConfig.contextProblem(model, prompts.get(i), chunks.get(j));
                    if (context != null) problems.add("$.chunks[" + j + "]", context);
                }
            }
        }
        if (solverMaxTasks == null || !problems.isEmpty()) return;
        for (ModelSpec model : models) {
            for (PartitionPlan plan : plans) {
                for (int prompt : prompts) {
                    for (int chunk : chunks) {
                        int tasks = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(model, plan, prompt,
                                chunk)).size();
                        if (tasks > solverMaxTasks) {
                            problems.add("$.policies", "'optimal' cannot take " + model.name() + "/" + plan.name()
                                    + " at prompt " + prompt + ", chunk " + chunk + " (" + tasks
                                    + " tasks, optimalMaxTasks " + solverMaxTasks + ")");
                            return;
                        }
                    }
                }
            }
        }
    }
}
