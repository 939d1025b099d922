package org.hetsched.profiles.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HfConfigLoaderTest {

    static Path fixture(String relative) {
        try {
            return Path.of(HfConfigLoaderTest.class.getResource("hf/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The catalog model with another name, so that everything else can be compared at once. */
    private static ModelSpec renamed(ModelSpec s, String name) {
        return new ModelSpec(name, s.layers(), s.hiddenSize(), s.attentionHeads(), s.kvHeads(), s.headDim(), s.ffnSize(),
                s.ffnKind(), s.normKind(), s.parallelAttentionMlp(), s.vocabSize(), s.maxContextTokens(), s.slidingWindowTokens(), s.normEpsilon(), s.ropeTheta());
    }

    @ParameterizedTest
    @CsvSource({
        "Qwen1.5-1.8B, qwen1.5-1.8b",
        "gemma-2b, gemma-2b",
        "phi-2, phi-2",
        "Llama-2-7b-hf, llama-2-7b",
        "Mistral-7B-v0.1, mistral-7b"})
    void publishedConfigsMatchTheCatalog(String directory, String catalogName) {
        ModelSpec loaded = HfConfigLoader.load(fixture(directory + "/config.json"));
        assertEquals(renamed(ModelCatalog.builtIn().get(catalogName), directory), loaded);
    }

    @Test
    void architectureFollowsTheModelType() {
        ModelSpec phi = HfConfigLoader.load(fixture("phi-2/config.json"));
        assertEquals(NormKind.LAYER_NORM, phi.normKind());
        assertEquals(FfnKind.PLAIN_GELU, phi.ffnKind());
        assertTrue(phi.parallelAttentionMlp());
        ModelSpec gemma = HfConfigLoader.load(fixture("gemma-2b/config.json"));
        assertEquals(FfnKind.GATED_GELU, gemma.ffnKind());
        assertEquals(256, gemma.headDim(), "Gemma's head dim is given, not hidden/heads");
        assertEquals(0, HfConfigLoader.load(fixture("Qwen1.5-1.8B/config.json")).slidingWindowTokens(),
                "qwen2's sliding_window is ignored");
        assertEquals(4096, HfConfigLoader.load(fixture("Mistral-7B-v0.1/config.json")).slidingWindowTokens());
    }

    @Test
    void nullsTakeTheDefaults() {
        ModelSpec m = HfConfigLoader.load(fixture("mistral-null-window.json"));
        assertEquals(0, m.slidingWindowTokens());
        assertEquals(16, m.headDim(), "hidden 64 / 4 heads");
        assertEquals("mistral-null-window", m.name(), "a file not called config.json names the model");
    }

    @Test
    void unsupportedModelTypeListsTheSupportedOnes() {
        Path file = fixture("gpt2.json");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(file));
        assertEquals(file + ": model_type 'gpt2' is not supported (supported: llama, mistral, qwen2, gemma, phi)", e.getMessage());
    }

    @Test
    void missingAndMistypedKeysAreAllNamed() {
        Path file = fixture("broken-keys.json");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(file));
        assertEquals(file + ": key 'num_hidden_layers' must be an integer, got a string \"32\"; missing key 'max_position_embeddings'",
                e.getMessage(), "one line, the file named once");
    }

    @Test
    void unsupportedActivationIsRefused() {
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(fixture("relu-llama.json")));
        assertTrue(e.getMessage().contains("key 'hidden_act': activation 'relu' is not supported"), e.getMessage());
    }

    @Test
    void inconsistentValuesAreReportedWithTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.json");
        Files.writeString(file, """
                {"model_type": "llama", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "num_key_value_heads": 3, "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 256}""");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": model 'odd': "), e.getMessage());
        assertTrue(e.getMessage().contains("must be a multiple of KV heads (3)"), e.getMessage());
    }

    @Test
    void malformedAndMissingFilesAreUserErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"model_type\": \"llama\",}");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": line 1, column "), e.getMessage());
        Path missing = dir.resolve("nope/config.json");
        UserInputException f = assertThrows(UserInputException.class, () -> HfConfigLoader.load(missing));
        assertEquals(missing + ": no such model config file", f.getMessage());
    }

    @Test
    void normEpsilonAndRopeThetaComeFromTheConfigOrTheTransformersDefaultOfItsType(@TempDir Path dir) throws Exception {
        ModelSpec qwen = HfConfigLoader.load(fixture("Qwen1.5-1.8B/config.json"));
        assertEquals(1e-6, qwen.normEpsilon());
        assertEquals(1_000_000, qwen.ropeTheta());
        ModelSpec phi = HfConfigLoader.load(fixture("phi-2/config.json"));
        assertEquals(1e-5, phi.normEpsilon(), "phi's layer_norm_eps");
        ModelSpec llama = HfConfigLoader.load(fixture("Llama-2-7b-hf/config.json"));
        assertEquals(1e-5, llama.normEpsilon());
        assertEquals(10_000, llama.ropeTheta(), "absent: LlamaConfig's default");
        ModelSpec mistral = HfConfigLoader.load(fixture("mistral-null-window.json"));
        assertEquals(1e-6, mistral.normEpsilon(), "absent: MistralConfig's default");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"model_type": "phi", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
                 "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 256,
                 "layer_norm_eps": "small", "rope_theta": 0}""");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(file));
        assertTrue(e.getMessage().contains("key 'layer_norm_eps' must be a number, got a string"), e.getMessage());
    }
}
