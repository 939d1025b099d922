package org.hetsched.profiles.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.JsonSupport;
import org.hetsched.profiles.format.ProfileFormatException;
import org.hetsched.profiles.format.ProfileReader;

/**
 * The device profiles hetsched knows by name — {@code sd8gen3} (Snapdragon 8 Gen 3, with llm.npu's
 * Table 3) and {@code sd8gen2} (Snapdragon 8 Gen 2, derived) — plus any profile file by path.
 *
 * <p>The built-in ones are bundled JSON files, parsed and validated once. Immutable and safe to
 * share between threads.
 */
public final class ProfileCatalog {
    /** Built-in names in listing order; each is a bundled {@code devices/<name>.json}. */
    private static final List<String> BUILT_IN = List.of("sd8gen3", "sd8gen2", "sd8gen3-bottom-up");
    private static final String FOLDER = "devices";

    private final BundledCatalog<DeviceProfile> catalog;

    private ProfileCatalog(BundledCatalog<DeviceProfile> catalog) {
        this.catalog = catalog;
    }

    /** The catalog of bundled devices. */
    public static ProfileCatalog builtIn() {
        return Holder.INSTANCE;
    }

    /** Loaded on first use; the JVM's class initialisation makes it thread-safe. */
    private static final class Holder {
        static final ProfileCatalog INSTANCE = new ProfileCatalog(BundledCatalog.load("device", ProfileCatalog.class, FOLDER, BUILT_IN,
                ProfileReader::parse, ProfileReader::read, DeviceProfile::description));
    }

    /** Built-in names, in listing order. */
    public List<String> names() {
        return catalog.names();
    }

    /** Built-in name → one-line description, in listing order. */
    public Map<String, String> descriptions() {
        return catalog.descriptions();
    }

    /** Whether {@code name} is a built-in name. */
    public boolean contains(String name) {
        return catalog.contains(name);
    }

    /**
     * A built-in device by name, or else the device file at that path.
     *
     * @throws UnknownNameException if it is neither a built-in name nor an existing path
     * @throws ProfileFormatException if the file is not valid
     * @throws UserInputException   if the file cannot be read
     */
    public DeviceProfile get(String nameOrPath) {
        return catalog.get(nameOrPath);
    }

    /**
     * The JSON text of a device as {@link #get} finds it — a built-in one as bundled, else the file
     * at that path — checked to be a valid profile, for tools that derive a new profile from it and
     * must keep every other number exactly as written.
     *
     * @throws UnknownNameException   if it is neither a built-in name nor an existing path
     * @throws ProfileFormatException if the file is not valid
     * @throws UserInputException     if the file cannot be read
     */
    public String json(String nameOrPath) {
        if (catalog.contains(nameOrPath)) return Resolution.bundled(ProfileCatalog.class, FOLDER + "/" + nameOrPath + ".json");
        Path file = Resolution.existingPath(nameOrPath);
        if (file == null) throw Resolution.notFound("device", nameOrPath, names());
        String text = JsonSupport.readFile(file, "device profile");
        ProfileReader.parse(text, file.toString());
        return text;
    }
}
