package org.hetsched.profiles.format;

import java.util.List;

/**
 * A device profile file that cannot be used: malformed JSON, a missing, unknown or mistyped field,
 * a bad number, or a reference to something the profile does not define. The message names the file
 * and then every problem with its JSON path, on one line, e.g.
 * {@code sd8gen3.json: $.processors[1].kind: unknown processor kind 'TPU' (expected NPU, CPU, GPU)}.
 */
public final class ProfileFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file     the file as the user named it (or a built-in's resource name)
     * @param problems every problem found, at least one
     */
    public ProfileFormatException(String file, List<FormatProblem> problems) {
        super(file, problems);
    }
}
