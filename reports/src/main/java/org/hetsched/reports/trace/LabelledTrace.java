package org.hetsched.reports.trace;

import org.hetsched.core.trace.Trace;

/**
 * One run to put into a Chrome trace file, with the names a reader needs to tell it from the
 * others in the same file (e.g. {@code "sim"} and {@code "measured"}, or one label per policy).
 *
 * @param label  short name of the run, e.g. "sim"; shown first in the process name
 * @param trace  the schedule (its policy name is taken from the trace)
 * @param model  model name to show, e.g. "qwen1.5-1.8b"
 * @param device device name to show, e.g. "sd8gen3"
 */
public record LabelledTrace(String label, Trace trace, String model, String device) {

    public LabelledTrace {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("trace label is empty");
        if (trace == null) throw new IllegalArgumentException("run '" + label + "' has no trace");
        if (model == null || device == null) {
            throw new IllegalArgumentException("run '" + label + "' needs a model and a device name, got " + model
                    + " and " + device);
        }
    }

    /** What Perfetto shows as the process name: "sim: qwen1.5-1.8b on sd8gen3, in-order". */
    public String processName() {
        return label + ": " + model + " on " + device + ", " + trace.policy();
    }
}
