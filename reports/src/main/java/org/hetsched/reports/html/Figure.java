package org.hetsched.reports.html;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart already rendered as SVG (by {@code org.hetsched.reports.chart}), with its caption, for
 * {@link HtmlReport} to inline.
 *
 * <p>The SVG is markup that the report inserts as it is: whoever renders it escapes the text in it
 * (the report escapes only the caption). The compact constructor drops a leading XML declaration,
 * DOCTYPE and comments (they may not appear inside an HTML body), and rejects what is not one SVG
 * element or could run code when the page opens: {@code <script>}, {@code <foreignObject>},
 * {@code on…=} event attributes and {@code javascript:} URLs.
 *
 * @param caption the caption under the figure, plain text
 * @param svg     one {@code <svg>} element, optionally preceded by an XML prolog; stored without it
 * @param files   the figure's files beside the page, as relative paths (e.g. {@code charts/a.png}),
 *                linked under the caption; empty for none
 */
public record Figure(String caption, String svg, List<String> files) {
    private static final Pattern PROLOG = Pattern.compile(
            "\\A(?:\\s+|<\\?[^>]*\\?>|<!--.*?-->|<!DOCTYPE[^>\\[]*(?:\\[[^\\]]*\\])?\\s*>)*", Pattern.DOTALL);
    private static final Pattern EVENT_ATTRIBUTE = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    /**
     * @throws IllegalArgumentException if the caption is null, or the SVG is not a single
     *                                  {@code <svg>} element or holds something that could run code
     */
    public Figure {
        if (caption == null) throw new IllegalArgumentException("figure caption is null");
        files = List.copyOf(files);
        for (String f : files) {
            if (f.isBlank() || f.startsWith("/") || f.contains("..") || f.contains(":") || f.contains("\\")) {
                throw new IllegalArgumentException("figure '" + caption + "' links '" + f + "', not a relative path inside the folder");
            }
        }
        if (svg == null) throw new IllegalArgumentException("figure '" + caption + "' has no SVG");
        Matcher prolog = PROLOG.matcher(svg);
        svg = (prolog.lookingAt() ? svg.substring(prolog.end()) : svg).strip();
        String lower = svg.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("<svg") || !(lower.endsWith("</svg>") || lower.endsWith("/>"))) {
            throw new IllegalArgumentException("figure '" + caption + "' is not an <svg> element: it starts with '"
                    + svg.substring(0, Math.min(40, svg.length())) + "'");
        }
        for (String banned : new String[] {"<script", "<foreignobject", "javascript:", "<!doctype", "<!entity"}) {
            if (lower.contains(banned)) {
                throw new IllegalArgumentException("figure '" + caption + "' contains " + banned
                        + ", which an inline SVG in the report may not");
            }
        }
        if (EVENT_ATTRIBUTE.matcher(svg).find()) {
            throw new IllegalArgumentException("figure '" + caption + "' has an on...= event attribute");
        }
    }

    /** A figure without linked files. */
    public Figure(String caption, String svg) {
        this(caption, svg, List.of());
    }
}
