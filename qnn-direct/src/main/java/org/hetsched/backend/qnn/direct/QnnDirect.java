package org.hetsched.backend.qnn.direct;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hetsched.backend.jni.NativeLibrary;
import org.hetsched.backend.qnn.QnnUnavailableException;
import org.hetsched.core.trace.ProfilingEvent;

/**
 * A session on one QNN backend library through QNN's C API (Path B; Path A is
 * {@link org.hetsched.backend.qnn.QnnRuntime} through ONNX Runtime): {@link #open} dlopens the
 * library (e.g. {@code libQnnHtp.so}), picks its interface provider of QNN core API major version 2,
 * and creates a logger, backend, optionally a device, and a context. {@link #runElementWiseAdd}
 * builds, finalizes and executes a one-node graph with a detailed {@code QnnProfile} and returns the
 * output and the profiling events.
 *
 * <p>The adapter ({@value #LIBRARY_FILE}) is compiled only by the Maven profile {@code qnn-direct},
 * active when {@code QNN_SDK_ROOT} names a QAIRT SDK, for Linux x86-64; elsewhere
 * {@link #isAvailable()} is false and {@link #open} throws {@link QnnUnavailableException}. A library
 * built elsewhere (Android) is loaded from the file the system property {@value #LIBRARY_PROPERTY} names.
 *
 * <p>Not thread-safe beyond its own methods, which are synchronized; {@link #close} frees the
 * context, device, backend and logger (the backend library stays loaded, see the C source).
 */
public final class QnnDirect implements AutoCloseable {
    static final String LIBRARY_FILE = "libhetsched_qnn_direct.so";
    /**
     * System property naming an adapter library file to load instead of the one on the classpath,
     * e.g. one cross-compiled for Android (the jar carries only the Linux x86-64 build).
     */
    public static final String LIBRARY_PROPERTY = "hetsched.qnn.direct.library";
    /** How to build the adapter, for messages. */
    public static final String BUILD_HINT = "build real-backend with QNN_SDK_ROOT set to a QAIRT SDK"
            + " (QNN_SDK_ROOT=/opt/qcom/aistack/qairt/<version> ./mvnw -B package -pl real-backend -am)";
    private static final int MAX_RANK = 8;

    /** Tensor data types the adapter can feed, with their {@code Qnn_DataType_t} codes. */
    public enum DataType {
        FLOAT_32(0x0232),
        FLOAT_16(0x0216);

        final int code;

        DataType(int code) {
            this.code = code;
        }
    }

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static String loadFailure;

    private final long handle;
    private final String description;
    private boolean closed;

    private QnnDirect(long handle) {
        this.handle = handle;
        this.description = nDescribe(handle);
    }

    /** Whether the adapter library is on the classpath and loads (it is built only with an SDK). */
    public static boolean isAvailable() {
        try {
            load();
            return true;
        } catch (QnnUnavailableException e) {
            return false;
        }
    }

    /**
     * Opens {@code backendLibrary} with the platform's default device.
     *
     * @throws QnnUnavailableException if the adapter was not built or the file does not exist
     * @throws QnnDirectException      if the library does not load or a QNN call fails
     */
    public static QnnDirect open(Path backendLibrary) {
        return open(backendLibrary, false);
    }

    /**
     * Opens {@code backendLibrary}; with {@code createDevice} also creates a QNN device (with default
     * configuration) for the context, skipped if the backend reports devices as unsupported.
     */
    public static QnnDirect open(Path backendLibrary, boolean createDevice) {
        load();
        if (!Files.isRegularFile(backendLibrary)) {
            throw new QnnUnavailableException("the QNN backend library " + backendLibrary + " does not exist");
        }
        return new QnnDirect(nOpen(backendLibrary.toAbsolutePath().toString(), createDevice));
    }

    /** Provider name, core and backend API versions, build id of the opened backend. */
    public String description() {
        return description;
    }

    /**
     * Runs {@code out = a + b} (QNN op {@code ElementWiseAdd}, package {@code qti.aisw}) on tensors of
     * {@code shape} and {@code type}: builds the graph, finalizes it, executes it {@code runs} times, all
     * under one profile at {@code QNN_PROFILE_LEVEL_DETAILED}.
     *
     * @throws IllegalArgumentException if the shapes or counts do not fit
     * @throws QnnDirectException       if a QNN call fails
     */
    public synchronized QnnDirectRun runElementWiseAdd(float[] a, float[] b, int[] shape, DataType type, int runs) {
        if (closed) throw new IllegalStateException("the QNN session is closed");
        if (shape.length == 0 || shape.length > MAX_RANK) throw new IllegalArgumentException("rank must be 1.." + MAX_RANK + ", is " + shape.length);
        long n = 1;
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("dimensions must be positive: " + java.util.Arrays.toString(shape));
            n *= d;
        }
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " has " + n + " elements; a has " + a.length + ", b " + b.length);
        }
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, is " + runs);
        float[] out = new float[(int) n];
        long[] times = new long[2];
        Object[] raw = nRunAdd(handle, a, b, shape.clone(), type.code, runs, out, times);
        List<QnnDirectEvent> events = events((long[]) raw[0], (String[]) raw[1]);
        return new QnnDirectRun(out, events, tree(events, times[1]), times[0], times[1]);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        nClose(handle);
    }

    static List<QnnDirectEvent> events(long[] rows, String[] identifiers) {
        List<QnnDirectEvent> events = new ArrayList<>(identifiers.length);
        for (int i = 0; i < identifiers.length; i++) {
            events.add(new QnnDirectEvent((int) rows[4 * i], (int) rows[4 * i + 1], rows[4 * i + 2], identifiers[i], (int) rows[4 * i + 3]));
        }
        return events;
    }

    /**
     * The project's tree for the last top-level {@link QnnDirectEvent#EXECUTE} event: an EXECUTE root
     * and one NODE child per NODE event of that execution, in QNN's order. An execution's NODE events
     * are those below the EXECUTE event (at any depth) and those in the top-level events between the
     * previous top-level EXECUTE event and this one: the HTP backend (QNN 2.51) reports the EXECUTE
     * event last, as a sibling of a backend event ("Accelerator (execute) time (cycles)") that holds
     * the NODE events. Microseconds become nanoseconds, cycles stay cycles; events in other units
     * (bytes, counts) are left out. Without an EXECUTE event the root carries the wall time.
     */
    static ProfilingEvent tree(List<QnnDirectEvent> events, long wallNs) {
        int root = -1;
        for (int i = 0; i < events.size(); i++) {
            QnnDirectEvent e = events.get(i);
            if (e.parent() == -1 && e.type() == QnnDirectEvent.EXECUTE) root = i;
        }
        if (root < 0) {
            return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, wallNs, ProfilingEvent.Unit.TIME_NS, "QnnGraph_execute (wall time; no QNN EXECUTE event)", List.of());
        }
        int start = 0;
        for (int i = root - 1; i >= 0; i--) {
            QnnDirectEvent e = events.get(i);
            if (e.parent() == -1 && e.type() == QnnDirectEvent.EXECUTE) {
                start = i + 1;
                break;
            }
        }
        List<ProfilingEvent> nodes = new ArrayList<>();
        for (int i = start; i < events.size() && (i <= root || descends(events, i, root)); i++) {
            QnnDirectEvent e = events.get(i);
            if (e.type() == QnnDirectEvent.NODE && timeLike(e.unit()) && (i > root || !belongsToAnotherExecute(events, i, root))) {
                nodes.add(new ProfilingEvent(ProfilingEvent.Type.NODE, scaled(e), unit(e.unit()), e.identifier(), List.of()));
            }
        }
        QnnDirectEvent r = events.get(root);
        if (!timeLike(r.unit())) {
            return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, wallNs, ProfilingEvent.Unit.TIME_NS, "QnnGraph_execute (wall time)", nodes);
        }
        String label = r.identifier().isEmpty() ? "QnnGraph_execute" : r.identifier();
        return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, scaled(r), unit(r.unit()), label, nodes);
    }

    /** Whether event i sits below a top-level EXECUTE event other than root (a sub-event of an earlier run). */
    private static boolean belongsToAnotherExecute(List<QnnDirectEvent> events, int i, int root) {
        int top = i;
        while (events.get(top).parent() >= 0) top = events.get(top).parent();
        return top != root && events.get(top).type() == QnnDirectEvent.EXECUTE;
    }

    /** Events are depth-first, so event i is below root while its parent chain reaches root. */
    private static boolean descends(List<QnnDirectEvent> events, int i, int root) {
        for (int p = events.get(i).parent(); p >= 0; p = events.get(p).parent()) {
            if (p == root) return true;
        }
        return false;
    }

    private static boolean timeLike(int unit) {
        return unit == QnnDirectEvent.UNIT_MICROSEC || unit == QnnDirectEvent.UNIT_CYCLES;
    }

    private static long scaled(QnnDirectEvent e) {
        return e.unit() == QnnDirectEvent.UNIT_MICROSEC ? Math.multiplyExact(Math.max(0, e.value()), 1000L) : Math.max(0, e.value());
    }

    private static ProfilingEvent.Unit unit(int unit) {
        return unit == QnnDirectEvent.UNIT_CYCLES ? ProfilingEvent.Unit.CYCLES : ProfilingEvent.Unit.TIME_NS;
    }

    /** Loads the adapter once per JVM, like {@link NativeLibrary} does for the host backend. */
    static void load() {
        if (loaded) return;
        synchronized (LOCK) {
            if (loaded) return;
            String override = System.getProperty(LIBRARY_PROPERTY);
            if (loadFailure == null && override != null && !override.isBlank()) {
                try {
                    System.load(Path.of(override.trim()).toAbsolutePath().toString());
                    loaded = true;
                    return;
                } catch (UnsatisfiedLinkError e) {
                    loadFailure = "could not load the direct QNN adapter " + override + " (" + LIBRARY_PROPERTY + "): " + e.getMessage();
                }
            }
            if (loadFailure == null) {
                String platform = NativeLibrary.currentPlatform();
                String resource = "/native/" + platform + "/" + LIBRARY_FILE;
                try (InputStream in = QnnDirect.class.getResourceAsStream(resource)) {
                    if (!NativeLibrary.SUPPORTED_PLATFORM.equals(platform)) {
                        loadFailure = "the direct QNN adapter is built for " + NativeLibrary.SUPPORTED_PLATFORM + " only; this is " + platform;
                    } else if (in == null) {
                        loadFailure = "the direct QNN adapter " + resource + " is not on the classpath: " + BUILD_HINT;
                    } else {
                        Path file = Files.createTempFile("hetsched_qnn_direct", ".so");
                        try {
                            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                            System.load(file.toAbsolutePath().toString());
                        } finally {
                            Files.deleteIfExists(file);
                        }
                        loaded = true;
                        return;
                    }
                } catch (IOException | UnsatisfiedLinkError e) {
                    loadFailure = String.format(Locale.ROOT, "could not load the direct QNN adapter (%s): %s", LIBRARY_FILE, e.getMessage());
                }
            }
            throw new QnnUnavailableException(loadFailure);
        }
    }

    private static native long nOpen(String backendLibrary, boolean createDevice);

    private static native String nDescribe(long handle);

    private static native Object[] nRunAdd(long handle, float[] a, float[] b, int[] shape, int dataType, int runs, float[] out, long[] timesNs);

    private static native void nClose(long handle);
}
