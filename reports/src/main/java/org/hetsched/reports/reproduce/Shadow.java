package org.hetsched.reports.reproduce;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.PrefillConfig;

/**
 * Which layers of a target's model keep their activation outliers (run a CPU shadow task), as a
 * targets file writes it: {@code default} (the plan's fraction), {@code none} (every layer
 * pruned), {@code all} (no layer pruned) or {@code pruned:F} (a fraction F in [0, 1] of the layers
 * pruned; the rest, rounded to nearest, kept from the outermost in, as the plan's default chooses them).
 *
 * @param text           the cell as written
 * @param prunedFraction fraction of layers pruned, or {@code NaN} for {@code default}
 */
public record Shadow(String text, double prunedFraction) {

    /** The plan's default. */
    public static final Shadow DEFAULT = new Shadow("default", Double.NaN);

    /**
     * Reads a shadow cell.
     *
     * @throws IllegalArgumentException with what would be accepted, if the text is none of the forms
     */
    public static Shadow parse(String text) {
        switch (text) {
            case "default":
                return DEFAULT;
            case "none":
                return new Shadow(text, 1);
            case "all":
                return new Shadow(text, 0);
            default:
                break;
        }
        if (text.startsWith("pruned:")) {
            try {
                double f = Double.parseDouble(text.substring("pruned:".length()));
                if (f >= 0 && f <= 1) return new Shadow(text, f);
            } catch (NumberFormatException e) {
                // reported below with what is accepted
            }
        }
        throw new IllegalArgumentException("unknown shadow '" + text
                + "' (expected default, none, all or pruned:F with F in [0, 1])");
    }

    /** The layers that keep their outliers in a model of {@code layers} layers, or {@code null} for the plan's default. */
    public List<Integer> layers(int layers) {
        if (Double.isNaN(prunedFraction)) return null;
        int kept = (int) Math.round((1 - prunedFraction) * layers);
        return new ArrayList<>(PrefillConfig.outerLayers(layers, kept));
    }
}
