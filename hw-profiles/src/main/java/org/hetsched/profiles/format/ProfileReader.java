package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.hetsched.core.UserInputException;

/**
 * Reads device profile files (format: hw-profiles/README.md). Stateless and thread-safe.
 */
public final class ProfileReader {
    private ProfileReader() {
    }

    /**
     * Reads and validates a profile file; messages name the file as given.
     *
     * @throws ProfileFormatException listing every problem of the file's content
     * @throws UserInputException     if the file is missing, a directory or unreadable
     */
    public static DeviceProfile read(Path file) {
        return parse(JsonSupport.readFile(file, "device profile"), file.toString());
    }

    /**
     * Validates profile JSON text.
     *
     * @param file the name to use in messages
     * @throws ProfileFormatException listing every problem
     */
    public static DeviceProfile parse(String json, String file) {
        Problems problems = new Problems();
        JsonNode root = JsonSupport.parse(json, problems);
        if (root == null) throw new ProfileFormatException(file, problems.list());
        return ProfileValidator.validate(root, file);
    }
}
