package org.hetsched.profiles.load;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileFormatException;
import org.hetsched.profiles.format.ProfileReader;

/**
 * The device profiles hetsched knows by name — {@code sd8gen3} (Snapdragon 8 Gen 3, with llm.npu's
 * Table 3) and {@code sd8gen2} (Snapdragon 8 Gen 2, derived) — plus any profile file by path.
 *
 * <p>The built-in profiles are bundled JSON files, parsed and validated once. Immutable and safe
 * to share between threads.
 */
public final class ProfileCatalog {
    /** Built-in names in listing order; each is a bundled {@code devices/<name>.json}. */
    private static final List<String> BUILT_IN = List.of("sd8gen3", "sd8gen2");

    private final Map<String, DeviceProfile> profiles;

    private ProfileCatalog(Map<String, DeviceProfile> profiles) {
        this.profiles = Collections.unmodifiableMap(profiles);
    }

    /** The catalog of bundled profiles. */
    public static ProfileCatalog builtIn() {
        return Holder.INSTANCE;
    }

    /** Loaded on first use; the JVM's class initialisation makes it thread-safe. */
    private static final class Holder {
        static final ProfileCatalog INSTANCE = load();

        private static ProfileCatalog load() {
            Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
            for (String name : BUILT_IN) {
                String resource = "devices/" + name + ".json";
                try {
                    profiles.put(name, ProfileReader.parse(Resolution.bundled(ProfileCatalog.class, resource), resource));
                } catch (ProfileFormatException e) {
                    throw new IllegalStateException("bundled profile is invalid:\n" + e.getMessage(), e);
                }
            }
            return new ProfileCatalog(profiles);
        }
    }

    /** Built-in names, in listing order. */
    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    /** Built-in name → one-line description, in listing order. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        profiles.forEach((name, profile) -> descriptions.put(name, profile.description()));
        return Collections.unmodifiableMap(descriptions);
    }

    public boolean contains(String name) {
        return profiles.containsKey(name);
    }

    /**
     * A built-in profile by name, or else the profile file at that path.
     *
     * @throws UnknownNameException   if it is neither a built-in name nor an existing path
     * @throws ProfileFormatException if the file is not a valid profile
     * @throws UserInputException     if the file cannot be read
     */
    public DeviceProfile get(String nameOrPath) {
        DeviceProfile builtIn = profiles.get(nameOrPath);
        if (builtIn != null) return builtIn;
        Path file = Resolution.existingPath(nameOrPath);
        if (file == null) throw new UnknownNameException("device", nameOrPath, names());
        return ProfileReader.read(file);
    }
}
