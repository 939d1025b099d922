package org.hetsched.reports.html;

/** Text into HTML: the one escaping routine the report uses for every string it did not write itself. */
final class Html {
    private Html() {
    }

    /**
     * {@code text} as HTML (and XML) character data or attribute value: {@code & < > " '} become
     * references, and characters that XML 1.0 forbids (control characters other than tab, line
     * feed and carriage return; unpaired surrogates; U+FFFE, U+FFFF) become U+FFFD, so a name read
     * from a file can neither open markup nor make the page ill-formed. {@code null} is "".
     */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (allowed(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
        if (Character.isSurrogate(c)) return false; // paired ones are handled by the caller
        return c != '\uFFFE' && c != '\uFFFF';
    }
}
