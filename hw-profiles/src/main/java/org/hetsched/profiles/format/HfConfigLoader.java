package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelSpec}.
 *
 * <p>Supported {@code model_type}s: llama, mistral, qwen2 (Qwen1.5 and Qwen2), gemma and phi
 * (Phi-2). Keys read: {@code num_hidden_layers}, {@code hidden_size}, {@code num_attention_heads},
 * {@code num_key_value_heads} (absent or null: the head count), {@code head_dim} (absent or null:
 * hidden size / heads), {@code intermediate_size}, {@code vocab_size},
 * {@code max_position_embeddings}, {@code sliding_window} (mistral only; absent or null: 0),
 * {@code hidden_activation} or {@code hidden_act}, the norm epsilon ({@code layer_norm_eps} for phi,
 * {@code rms_norm_eps} otherwise) and {@code rope_theta}. An absent or null epsilon or RoPE base
 * takes the default transformers gives that model type (data file {@code hf-defaults.tsv}, which
 * names its source). Architecture by type: phi has LayerNorm,
 * attention and MLP in parallel and a plain GELU MLP; the others RMSNorm and a gated FFN, GeGLU for
 * gemma and SwiGLU otherwise (the activation key, when present, must agree). Other keys are
 * ignored: Hugging Face configs carry many that do not change the prefill's shapes. qwen2's
 * {@code sliding_window} is ignored too: Qwen1.5 configs set it but disable it with
 * {@code use_sliding_window: false}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HfConfigLoader {
    /** The {@code model_type} values this loader understands. */
    public static final List<String> SUPPORTED_TYPES = List.of("llama", "mistral", "qwen2", "gemma", "phi");

    private HfConfigLoader() {
    }

    /**
     * Reads {@code file}. The model is named after the file's directory when the file is called
     * {@code config.json} (the Hugging Face layout, e.g. {@code Qwen1.5-1.8B/config.json}), and
     * after the file name without {@code .json} otherwise.
     *
     * @throws UserInputException naming the file and, per problem, the key: unreadable file,
     *                            malformed JSON, unsupported model type, missing or mistyped keys,
     *                            values {@link ModelSpec} rejects
     */
    public static ModelSpec load(Path file) {
        return parse(JsonSupport.readFile(file, "model config"), file.toString(), modelName(file));
    }

    /**
     * Reads config JSON text.
     *
     * @param file      the name to use in messages
     * @param modelName the name the returned spec gets
     * @throws UserInputException as {@link #load}
     */
    public static ModelSpec parse(String json, String file, String modelName) {
        Problems syntax = new Problems();
        JsonNode root = JsonSupport.parse(json, syntax);
        if (root == null) throw new UserInputException(Problems.message(file, syntax.list()));
        if (!root.isObject()) throw new UserInputException(file + ": expected a JSON object, got " + JsonSupport.describe(root));
        return new Reading(root, file).spec(modelName);
    }

    /** The default model name of {@link #load}. */
    static String modelName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String fileName = absolute.getFileName() == null ? file.toString() : absolute.getFileName().toString();
        Path parent = absolute.getParent();
        if (fileName.equals("config.json") && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }

    /** One config being read; collects every problem before failing. */
    private static final class Reading {
        private final JsonNode root;
        private final String file;
        private final List<String> problems = new ArrayList<>();

        Reading(JsonNode root, String file) {
            this.root = root;
            this.file = file;
        }

        ModelSpec spec(String modelName) {
            String type = text("model_type", true);
            if (type == null) throw failure();
            if (!SUPPORTED_TYPES.contains(type)) {
                throw new UserInputException(file + ": model_type '" + type + "' is not supported (supported: "
                        + String.join(", ", SUPPORTED_TYPES) + ")");
            }
            Integer layers = integer("num_hidden_layers", true);
            Integer hidden = integer("hidden_size", true);
            Integer heads = integer("num_attention_heads", true);
            Integer kvHeads = integer("num_key_value_heads", false);
            Integer headDim = integer("head_dim", false);
            Integer ffn = integer("intermediate_size", true);
            Integer vocab = integer("vocab_size", true);
            Integer maxContext = integer("max_position_embeddings", true);
            Integer window = type.equals("mistral") ? integer("sliding_window", false) : null;
            FfnKind ffnKind = ffnKind(type);
            HfDefaults.Entry defaults = HfDefaults.forType(type);
            Double normEps = number(defaults.normEpsilonKey());
            Double ropeTheta = number("rope_theta");
            if (headDim == null && hidden != null && heads != null && heads > 0 && hidden % heads != 0) {
                problems.add("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads
                        + "; the config must give head_dim");
            }
            if (!problems.isEmpty()) throw failure();
            boolean phi = type.equals("phi");
            try {
                return new ModelSpec(modelName, layers, hidden, heads, kvHeads == null ? heads : kvHeads,
                        headDim == null ? hidden / heads : headDim, ffn, ffnKind,
                        phi ? NormKind.LAYER_NORM : NormKind.RMS_NORM, phi, vocab, maxContext, window == null ? 0 : window,
                        normEps == null ? defaults.normEpsilon() : normEps, ropeTheta == null ? defaults.ropeTheta() : ropeTheta);
            } catch (UserInputException e) {
                throw new UserInputException(file + ": " + e.getMessage(), e);
            }
        }

        /** The FFN kind the type implies, checked against the activation key when the config has one. */
        private FfnKind ffnKind(String type) {
            String key = root.hasNonNull("hidden_activation") ? "hidden_activation" : "hidden_act";
            String activation = text(key, false);
            boolean gelu;
            if (activation == null) {
                gelu = type.equals("gemma") || type.equals("phi");
            } else if (activation.startsWith("gelu")) {
                gelu = true;
            } else if (activation.equals("silu") || activation.equals("swish")) {
                gelu = false;
            } else {
                problems.add("key '" + key + "': activation '" + activation + "' is not supported (supported: silu, swish, gelu*)");
                return null;
            }
            if (type.equals("phi")) {
                if (!gelu) problems.add("key '" + key + "': phi models use a GELU MLP, got '" + activation + "'");
                return FfnKind.PLAIN_GELU;
            }
            return gelu ? FfnKind.GATED_GELU : FfnKind.GATED_SILU;
        }

        private String text(String key, boolean required) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                if (required) problems.add("missing key '" + key + "'");
                return null;
            }
            if (!v.isTextual()) {
                problems.add("key '" + key + "' must be a string, got " + JsonSupport.describe(v));
                return null;
            }
            return v.asText();
        }

        /** A positive integer; absent or null is a problem only when {@code required}. */
        private Integer integer(String key, boolean required) {
            JsonNode v = root.get(key);
            if (v == null || (v.isNull() && !required)) {
                if (required) problems.add("missing key '" + key + "'");
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                problems.add("key '" + key + "' must be an integer, got " + JsonSupport.describe(v));
                return null;
            }
            if (v.asInt() < 0) {
                problems.add("key '" + key + "' must be >= 0, got " + v.asInt());
                return null;
            }
            return v.asInt();
        }

        /** A number, or {@code null} when absent or null (the caller takes the type's default). */
        private Double number(String key) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) return null;
            if (!v.isNumber()) {
                problems.add("key '" + key + "' must be a number, got " + JsonSupport.describe(v));
                return null;
            }
            return v.asDouble();
        }

        private UserInputException failure() {
            // one line, the file named once, as every other format's problems (Problems.message)
            return new UserInputException(file + ": " + String.join("; ", problems));
        }
    }
}
