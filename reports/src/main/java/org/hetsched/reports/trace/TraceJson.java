package org.hetsched.reports.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;

/**
 * Writes a trace in the hetsched trace format ({@code hetsched-trace/1}, specified in
 * reports/README.md): run metadata, the processors, and one object per task in id order with its
 * chunk, subgraph, layer, role, processor and start/end in ns. Streams, so 100K-task traces need
 * no extra memory.
 */
public final class TraceJson {
    public static final String FORMAT = "hetsched-trace/1";
    private static final JsonFactory JSON = new JsonFactory();

    private TraceJson() {
    }

    /**
     * @param device the device name to record
     */
    public static void write(Trace trace, String device, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("graph", trace.graph().name());
            g.writeStringField("device", device);
            g.writeStringField("policy", trace.policy());
            g.writeStringField("costModel", trace.costs().costModelName());
            g.writeNumberField("makespanNs", trace.makespanNs());
            g.writeArrayFieldStart("processors");
            for (Processor p : trace.platform().processors()) {
                g.writeStartObject();
                g.writeNumberField("id", p.id());
                g.writeStringField("name", p.name());
                g.writeStringField("kind", p.kind().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tasks");
            for (int t = 0; t < trace.graph().size(); t++) {
                Task task = trace.graph().task(t);
                g.writeStartObject();
                g.writeNumberField("id", t);
                g.writeNumberField("chunk", task.chunk());
                g.writeStringField("subgraph", task.subgraph().name());
                g.writeNumberField("column", task.subgraph().index());
                g.writeNumberField("layer", task.layer());
                g.writeStringField("role", task.subgraph().role().name());
                g.writeStringField("processor", trace.platform().processor(trace.processorOf(t)).name());
                g.writeNumberField("startNs", trace.startNs(t));
                g.writeNumberField("endNs", trace.endNs(t));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
