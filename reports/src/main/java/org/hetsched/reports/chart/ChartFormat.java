package org.hetsched.reports.chart;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hetsched.core.UserInputException;

/** The file formats a chart can be written in (see {@link Charts#write}). */
public enum ChartFormat {
    /** Raster, for slides and the HTML report; rendered at a print DPI. */
    PNG("png", "image/png"),
    /** Vector, for the web and for editing; text stays text. */
    SVG("svg", "image/svg+xml"),
    /** Vector, for LaTeX; text is drawn as outlines, so no font needs embedding. */
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    ChartFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** File extension without the dot, lower case. */
    public String extension() {
        return extension;
    }

    /** The IANA media type, e.g. for an HTML {@code <img>} data URI. */
    public String mediaType() {
        return mediaType;
    }

    /** {@code baseName} with this format's extension appended. */
    public String fileName(String baseName) {
        return baseName + "." + extension;
    }

    /**
     * The format named {@code name} (its extension, any case), e.g. from a {@code --format} flag.
     *
     * @throws UserInputException if no format has that name; the message lists the known ones
     */
    public static ChartFormat ofName(String name) {
        for (ChartFormat f : values()) {
            if (f.extension.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) return f;
        }
        throw new UserInputException("unknown chart format '" + name + "' (known: "
                + Arrays.stream(values()).map(ChartFormat::extension).collect(Collectors.joining(", ")) + ")");
    }
}
