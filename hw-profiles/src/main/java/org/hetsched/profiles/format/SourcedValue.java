package org.hetsched.profiles.format;

/**
 * A number from a profile together with its provenance.
 *
 * @param value  the number, in the unit the accessor that returns it names (e.g. a
 *               {@code dispatchOverheadNs()} value is in ns, whatever unit the file used)
 * @param source id of the profile's {@code sources} entry that says where the number comes from
 */
public record SourcedValue(double value, String source) {

    public SourcedValue {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value must be finite, got " + value);
        if (source == null || source.isBlank()) throw new IllegalArgumentException("every profile number needs a source");
    }
}
