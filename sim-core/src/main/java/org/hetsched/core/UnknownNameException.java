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
        super("unknown " + what + " '" + name + "'; known " + what + "s: " + String.join(", ", known));
        this.what = what;
        this.name = name;
        this.known = List.copyOf(known);
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
