package org.hetsched.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileFormatException;
import org.hetsched.profiles.format.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {
    private final ProfileCatalog catalog = ProfileCatalog.builtIn();

    @Test
    void listsTheBuiltInDevicesWithDescriptions() {
        assertEquals(List.of("sd8gen3", "sd8gen2", "sd8gen3-bottom-up"), catalog.names());
        assertEquals(catalog.names(), List.copyOf(catalog.descriptions().keySet()));
        assertTrue(catalog.descriptions().get("sd8gen3").contains("Table 3"), catalog.descriptions().get("sd8gen3"));
        assertTrue(catalog.descriptions().values().stream().noneMatch(String::isBlank));
    }

    @Test
    void builtInDevicesHaveTheDocumentedProcessors() {
        for (String name : catalog.names()) {
            DeviceProfile p = catalog.get(name);
            assertEquals(name, p.name());
            assertEquals(List.of("npu", "cpu", "gpu"), p.processors().stream().map(x -> x.name()).toList());
            assertEquals(List.of(ProcessorKind.NPU, ProcessorKind.CPU, ProcessorKind.GPU), p.processors().stream().map(x -> x.kind()).toList());
            assertEquals(List.of(DType.INT8, DType.FP16), List.copyOf(p.processors().get(0).dtypes()));
            assertEquals(List.of(DType.INT8, DType.FP16, DType.FP32), List.copyOf(p.processors().get(1).dtypes()));
            assertEquals(List.of(DType.FP16, DType.FP32), List.copyOf(p.processors().get(2).dtypes()));
            assertEquals(4294967296.0, p.processors().get(0).memoryBytes().value(), "the NPU addresses about 4 GB");
            assertTrue(p.processors().stream().allMatch(x -> x.powerW() == null), "power is not published, so not invented");
            assertEquals(List.of("npu"), p.graphPreparation().stream().map(g -> g.processor()).toList());
        }
        assertTrue(catalog.get("sd8gen2").costs().isEmpty(), "nothing was measured on the 8 Gen 2");
    }

    @Test
    void everySourceTextSaysWhatKindOfNumberItIs() {
        for (String name : catalog.names()) {
            catalog.get(name).sources().forEach((id, text) -> assertTrue(
                    text.startsWith("Measured") || text.startsWith("Published") || text.startsWith("SoC spec")
                            || text.startsWith("Derived") || text.startsWith("Assumption") || text.startsWith("Fitted"),
                    name + " source " + id + " does not say whether it is measured, published, derived or an assumption"));
        }
    }

    @Test
    void builtInsAreLoadedOnce() {
        assertSame(catalog.get("sd8gen3"), ProfileCatalog.builtIn().get("sd8gen3"));
    }

    @Test
    void readsAProfileFileByPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, Files.readString(resource("minimal-profile.json")));
        assertEquals("tiny", catalog.get(file.toString()).name());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> catalog.get("sd9gen9"));
        assertEquals("device", e.what());
        assertEquals(List.of("sd8gen3", "sd8gen2", "sd8gen3-bottom-up"), e.known());
        assertEquals("unknown device 'sd9gen9'; known devices: sd8gen3, sd8gen2, sd8gen3-bottom-up", e.getMessage());
    }

    @Test
    void badFilesAreUserErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        UserInputException directory = assertThrows(UserInputException.class, () -> catalog.get(dir.toString()));
        assertTrue(directory.getMessage().startsWith(dir + ": is a directory"), directory.getMessage());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\"}");
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> catalog.get(broken.toString()));
        assertTrue(e.getMessage().startsWith(broken + ": $.description: missing required field"), e.getMessage());
    }

    @Test
    void jsonGivesTheTextOfABuiltInOrAFileAndChecksIt(@TempDir Path dir) throws Exception {
        String builtIn = catalog.json("sd8gen3");
        assertEquals(catalog.get("sd8gen3"), ProfileReader.parse(builtIn, "sd8gen3.json"));
        assertTrue(builtIn.contains("\"latencyMs\": 0.9"), "the text as bundled, numbers as written");
        Path file = dir.resolve("mine.json");
        String text = Files.readString(resource("minimal-profile.json"));
        Files.writeString(file, text);
        assertEquals(text, catalog.json(file.toString()));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\"}");
        assertThrows(ProfileFormatException.class, () -> catalog.json(broken.toString()));
        assertThrows(UnknownNameException.class, () -> catalog.json("sd9gen9"));
    }

    static Path resource(String name) throws Exception {
        return Path.of(ProfileCatalogTest.class.getResource("/org/hetsched/profiles/format/" + name).toURI());
    }

    @Test
    void aMissingProfilePathSaysTheFileDoesNotExist() {
        UserInputException e = assertThrows(UserInputException.class, () -> catalog.get("phones/mine.json"));
        assertEquals("phones/mine.json: no such file (nor a built-in device: sd8gen3, sd8gen2, sd8gen3-bottom-up)", e.getMessage());
        assertThrows(UserInputException.class, () -> catalog.json("mine.json"));
    }
}
