package org.hetsched.backend.qnn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.artefacts.onnx.SubgraphModel;
import org.hetsched.artefacts.qnn.QnnProfileCsv;
import org.hetsched.backend.jni.NativeStdout;

/**
 * One model on QNN's HTP ({@link QnnRuntime#openSession}), run on its seeded inputs, with QNN's
 * detailed profiling going to its own CSV. Each {@link #run} reads back only the rows that run
 * wrote ({@link QnnProfileCsv#read} from the previous position).
 *
 * <p>Memory: the model's input tensors (allocated once, reused by every run) and QNN's prepared
 * graph. Not thread-safe: one thread at a time.
 */
public final class QnnSession implements AutoCloseable {
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final SubgraphModel model;
    private final Path profileCsv;
    private final long createNs;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    private final List<Long> finalizeNs;
    private QnnProfileCsv.Cursor cursor = QnnProfileCsv.Cursor.START;
    private int runs;
    private boolean closed;

    QnnSession(OrtEnvironment env, OrtSession session, OrtSession.SessionOptions options, SubgraphModel model, Path profileCsv,
               long createNs) throws OrtException {
        this.session = session;
        this.options = options;
        this.model = model;
        this.profileCsv = profileCsv;
        this.createNs = createNs;
        try {
            for (SubgraphModel.Input in : model.inputs()) {
                inputs.put(in.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(in.values()), new long[] {in.rows(), in.cols()}));
            }
            // at creation the file holds only the FINALIZE group; the first run's read starts before it again
            this.finalizeNs = QnnProfileCsv.parse(profileCsv).finalizeNs();
        } catch (OrtException | RuntimeException e) {
            for (OnnxTensor t : inputs.values()) t.close();
            session.close();
            throw e;
        }
    }

    public SubgraphModel model() {
        return model;
    }

    public Path profileCsv() {
        return profileCsv;
    }

    /** How long creating the session took, QNN's graph preparation included. */
    public long createNs() {
        return createNs;
    }

    /** How many times {@link #run} ran. */
    public int runs() {
        return runs;
    }

    /**
     * Runs the model once on its seeded inputs and returns the wall time and the run's QNN
     * profiling rows; outputs are dropped.
     *
     * @throws QnnSessionException   if the run fails, or QNN wrote not exactly one execution for it
     * @throws IllegalStateException if the session is closed
     */
    public QnnRun run() {
        return run(false);
    }

    /** As {@link #run()}, keeping the outputs. */
    public QnnRun runWithOutputs() {
        return run(true);
    }

    private QnnRun run(boolean keepOutputs) {
        if (closed) throw new IllegalStateException("QNN session of " + model.name() + " is closed");
        Map<String, float[]> outputs = new LinkedHashMap<>();
        long wallNs;
        try {
            try (NativeStdout.Scope quiet = NativeStdout.toStderr()) {
                long start = System.nanoTime();
                OrtSession.Result result = session.run(inputs);
                wallNs = System.nanoTime() - start;
                try (result) {
                    if (keepOutputs) {
                        for (Map.Entry<String, OnnxValue> e : result) {
                            outputs.put(e.getKey(), ((OnnxTensor) e.getValue()).getFloatBuffer().array());
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new QnnSessionException("QNN run " + runs + " of model " + model.name() + " failed: " + QnnRuntime.firstLine(e.getMessage()), e);
        }
        QnnProfileCsv.Chunk chunk = QnnProfileCsv.read(profileCsv, cursor);
        if (chunk.executions().size() != 1) {
            throw new QnnSessionException("QNN run " + runs + " of model " + model.name() + " wrote " + chunk.executions().size()
                    + " executions to " + profileCsv + " (from line " + cursor.nextLine() + "); expected 1");
        }
        cursor = chunk.next();
        runs++;
        return new QnnRun(wallNs, chunk.executions().get(0), outputs);
    }

    /** "QNN (finalize) time" rows written when the session was created (graph preparation), in ns. */
    public List<Long> finalizeNs() {
        return finalizeNs;
    }

    /** Releases the inputs, the session and its options; idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (OnnxTensor t : inputs.values()) t.close();
        inputs.clear();
        try (NativeStdout.Scope quiet = NativeStdout.toStderr()) {
            session.close();
        } catch (OrtException e) {
            throw new QnnSessionException("closing the QNN session of " + model.name() + " failed: " + QnnRuntime.firstLine(e.getMessage()), e);
        } finally {
            options.close();
        }
    }
}
