package org.hetsched.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
    private final ModelResolver resolver = new ModelResolver();

    @Test
    void catalogNamesComeFromTheCatalog() {
        assertEquals(ModelCatalog.builtIn().get("qwen1.5-1.8b"), resolver.resolve("qwen1.5-1.8b"));
        assertEquals(ModelCatalog.builtIn().names(), resolver.names());
    }

    @Test
    void aConfigFileOrItsDirectoryIsLoaded() throws Exception {
        Path config = ProfileCatalogTest.resource("hf/gemma-2b/config.json");
        ModelSpec fromFile = resolver.resolve(config.toString());
        assertEquals("gemma-2b", fromFile.name());
        assertEquals(18, fromFile.layers());
        assertEquals(fromFile, resolver.resolve(config.getParent().toString()));
    }

    @Test
    void anUnknownNameListsTheCatalog() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> resolver.resolve("qwen-9000"));
        assertEquals("model", e.what());
        assertEquals(ModelCatalog.builtIn().names(), e.known());
    }

    @Test
    void aDirectoryWithoutConfigIsAUserError(@TempDir Path dir) throws Exception {
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve(dir.toString()));
        assertTrue(e.getMessage().startsWith(dir + ": is a directory without a config.json"), e.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
        UserInputException f = assertThrows(UserInputException.class, () -> resolver.resolve(dir.toString()));
        assertTrue(f.getMessage().contains("model_type 'bert' is not supported"), f.getMessage());
    }

    /** A path that does not exist is a missing file, not an unknown model. */
    @Test
    void aMissingConfigPathSaysTheFileDoesNotExist(@TempDir Path dir) {
        String missing = dir.resolve("path/to/missing/config.json").toString();
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve(missing));
        assertEquals(missing + ": no such file (nor a built-in model: " + String.join(", ", ModelCatalog.builtIn().names()) + ")",
                e.getMessage());
        assertTrue(!(e instanceof UnknownNameException), "a path is not reported as an unknown name");
        assertThrows(UnknownNameException.class, () -> resolver.resolve("qwen1.5-1.8B"), "a name stays a name");
    }
}
