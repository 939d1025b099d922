package org.hetsched.profiles.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.hetsched.core.UserInputException;

/** Reading JSON text into a tree, with syntax errors turned into located problems. Stateless. */
public final class JsonSupport {
    /**
     * NaN and Infinity are accepted by the parser on purpose: the validators then reject them with
     * the field's path, which says more than a syntax error would. Duplicate keys are a syntax
     * error (a silently overwritten value is a typo the user never sees).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private JsonSupport() {
    }

    /**
     * Parses {@code json}; on a syntax error adds one problem located by line and column and
     * returns {@code null}.
     */
    static JsonNode parse(String json, Problems problems) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                problems.add("$", "the file is empty; expected a JSON object");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(where, "malformed JSON: " + parserMessage(e));
            return null;
        }
    }

    /**
     * The whole text of a user's file.
     *
     * @param what what the file should hold, for the message, e.g. "device profile"
     * @throws UserInputException naming the file if it is missing, a directory or unreadable
     */
    public static String readFile(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new UserInputException(file + ": is a directory, expected a " + what + " JSON file");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such " + what + " file");
        } catch (AccessDeniedException e) {
            throw new UserInputException(file + ": cannot read " + what + " file: permission denied");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read " + what + " file: " + IoFailure.reason(e), e);
        }
    }

    /**
     * A parser's message without Jackson's "[Source: REDACTED ...; line: 1, column: 5]" inserts,
     * which become "line 1, column 5"; the caller gives the error's own location.
     */
    public static String parserMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "syntax error" : SOURCE_LOCATION.matcher(message).replaceAll("line $1, column $2");
    }

    /** A short description of a JSON value for messages: {@code a string "0.9"}, {@code null}, ... */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isNull()) return "null";
        if (node.isTextual()) return "a string \"" + node.asText() + "\"";
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return "the boolean " + node.asText();
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
