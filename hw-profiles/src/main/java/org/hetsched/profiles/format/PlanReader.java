package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;

/**
 * Reads partition plan files (format: hw-profiles/README.md). Stateless and thread-safe.
 */
public final class PlanReader {
    private PlanReader() {
    }

    /**
     * Reads and validates a plan file; messages name the file as given.
     *
     * @throws PlanFormatException listing every problem of the file's content
     * @throws UserInputException  if the file is missing, a directory or unreadable
     */
    public static PartitionPlan read(Path file) {
        return parse(JsonSupport.readFile(file, "partition plan"), file.toString());
    }

    /**
     * Validates plan JSON text.
     *
     * @param file the name to use in messages
     * @throws PlanFormatException listing every problem
     */
    public static PartitionPlan parse(String json, String file) {
        Problems problems = new Problems();
        JsonNode root = JsonSupport.parse(json, problems);
        if (root == null) throw new PlanFormatException(file, problems.list());
        return PlanValidator.validate(root, file);
    }
}
