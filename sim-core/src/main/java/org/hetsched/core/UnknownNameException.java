package org.hetsched.core;

import java.util.List;

/** A name (model, device, plan, policy, ...) that is not among the known ones. */
public final class UnknownNameException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String name;
    private final List<String> known;

    /**
     * @param what  what kind of thing was looked up, e.g. "model"
     * @param name  the name that was given
     * @param known the valid names, listed in the message
     */
    public UnknownNameException(String what, String name, List<String> known) {
        super("unknown " + what + " '" + name + "'; known " + plural(what) + ": " + String.join(", ", known));
        this.what = what;
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The English plural of a kind of thing: "policy" → "policies", "model" → "models". */
    static String plural(String noun) {
        if (noun.length() > 1 && noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) return noun + "es";
        return noun + "s";
    }

    public String what() {
        return what;
    }

    public String name() {
        return name;
    }

    public List<String> known() {
        return known;
    }
}
