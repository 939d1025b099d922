package org.hetsched.backend.qnn;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hetsched.artefacts.onnx.SubgraphModel;
import org.hetsched.backend.jni.NativeStdout;

/**
 * Qualcomm's QNN runtime as shipped in the {@code onnxruntime-qnn} Python package (2.7.0: QNN SDK
 * 2.51), driven through ONNX Runtime's Java API: the package's execution-provider plugin
 * ({@value #PLUGIN_LIBRARY}) is registered with ONNX Runtime, and sessions run on QNN's HTP backend
 * ({@value #HTP_LIBRARY}, which emulates the Hexagon NPU on x86-64) with detailed QNN profiling.
 *
 * <p>Only the HTP is offered. Of the x86-64 wheels 2.3.0 to 2.7.0, only 2.3.0 (QNN SDK 2.47) ships
 * QNN's CPU backend ({@code libQnnCpu.so}), and its plugin fails to create a provider under ONNX
 * Runtime 1.28 and later ({@code PluginExecutionProviderFactory::CreateProvider}); offering it would
 * hold ONNX Runtime at 1.27 and QNN at an older SDK for a backend that is not the NPU being modelled.
 *
 * <p>The plugin is registered once per JVM (ONNX Runtime's environment is a JVM-wide singleton) and
 * stays registered; one package directory per JVM. Sessions fail rather than fall back to ONNX
 * Runtime's CPU provider ({@code session.disable_cpu_ep_fallback}), so a model the HTP cannot take
 * is an error, not a silent CPU run.
 *
 * <p>Thread-safe: sessions may be opened from any thread; each {@link QnnSession} is used by one
 * thread at a time. {@link #close} closes the sessions opened through this runtime.
 */
public final class QnnRuntime implements AutoCloseable {
    /** The environment variable naming the package directory (the {@code onnxruntime_qnn} folder). */
    public static final String DIR_ENV = "HETSCHED_QNN_DIR";
    public static final String PLUGIN_LIBRARY = "libonnxruntime_providers_qnn.so";
    public static final String HTP_LIBRARY = "libQnnHtp.so";
    /** How to get a package directory, for messages. */
    public static final String INSTALL_HINT = "install the package with `pip install --no-deps --target DIR onnxruntime-qnn==2.7.0`"
            + " (about 245 MB) and set " + DIR_ENV + "=DIR/onnxruntime_qnn";
    /** The registration name, which ONNX Runtime also gives the plugin's devices as their EP name. */
    static final String EP_NAME = "QNNExecutionProvider";

    private static Path registeredPlugin;

    private final Path directory;
    private final OrtEnvironment env;
    private final List<OrtEpDevice> devices;
    private final List<QnnSession> sessions = new ArrayList<>();
    private boolean closed;

    private QnnRuntime(Path directory, OrtEnvironment env, List<OrtEpDevice> devices) {
        this.directory = directory;
        this.env = env;
        this.devices = devices;
    }

    /** The directory {@value #DIR_ENV} names, if it is set and not blank (it is not checked here). */
    public static Optional<Path> configuredDirectory() {
        String dir = System.getenv(DIR_ENV);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.trim()));
    }

    /**
     * The runtime of the package that {@value #DIR_ENV} names.
     *
     * @throws QnnUnavailableException if it is not set, or as {@link #open}
     */
    public static QnnRuntime fromEnvironment() {
        return open(configuredDirectory().orElseThrow(() -> new QnnUnavailableException(
                "the QNN backend needs the onnxruntime-qnn package, and " + DIR_ENV + " is not set: " + INSTALL_HINT)));
    }

    /**
     * Loads the QNN plugin from {@code directory} (the package's {@code onnxruntime_qnn} folder).
     *
     * @throws QnnUnavailableException if this is not Linux x86-64, the directory or one of
     *     {@value #PLUGIN_LIBRARY} and {@value #HTP_LIBRARY} is missing, ONNX Runtime or the plugin
     *     cannot load, the plugin offers no QNN device, or another package directory was loaded
     *     in this JVM before
     */
    public static synchronized QnnRuntime open(Path directory) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new QnnUnavailableException("the QNN backend runs the Linux x86-64 build of onnxruntime-qnn; this is "
                    + System.getProperty("os.name") + " " + arch);
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new QnnUnavailableException("the QNN package directory " + dir + " does not exist or is not a directory; " + INSTALL_HINT);
        }
        for (String lib : List.of(PLUGIN_LIBRARY, HTP_LIBRARY)) {
            if (!Files.isRegularFile(dir.resolve(lib))) {
                throw new QnnUnavailableException("the QNN package directory " + dir + " has no " + lib
                        + " (is it the onnxruntime_qnn folder of onnxruntime-qnn 2.7.0?); " + INSTALL_HINT);
            }
        }
        // the native libraries print to fd 1 as they load; keep that off stdout
        try (NativeStdout.Scope quiet = NativeStdout.toStderr()) {
            Path plugin = dir.resolve(PLUGIN_LIBRARY);
            OrtEnvironment env;
            try {
                // ERROR level: ONNX Runtime's warnings (unused initializers, Windows-only features) would go to stderr
                env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "hetsched");
            } catch (LinkageError | RuntimeException e) {
                throw new QnnUnavailableException("ONNX Runtime (its Java API, com.microsoft.onnxruntime:onnxruntime on the class path,"
                        + " and its native library) cannot load here (" + System.getProperty("os.name") + " " + arch + "): " + e, e);
            }
            if (registeredPlugin == null) {
                try {
                    env.registerExecutionProviderLibrary(EP_NAME, plugin.toString());
                } catch (OrtException e) {
                    throw new QnnUnavailableException("ONNX Runtime " + env.getVersion() + " cannot load the QNN plugin " + plugin + ": "
                            + firstLine(e.getMessage()) + " (onnxruntime-qnn 2.7.0 is the version this build uses)", e);
                }
                registeredPlugin = plugin;
            } else if (!registeredPlugin.equals(plugin)) {
                throw new QnnUnavailableException("the QNN plugin is already loaded from " + registeredPlugin + " in this process; cannot also"
                        + " load " + plugin + " (one onnxruntime-qnn package per process)");
            }
            List<OrtEpDevice> devices = new ArrayList<>();
            try {
                for (OrtEpDevice d : env.getEpDevices()) {
                    if (d.getEpName().equals(EP_NAME)) devices.add(d);
                }
            } catch (OrtException e) {
                throw new QnnUnavailableException("ONNX Runtime cannot list the QNN plugin's devices: " + firstLine(e.getMessage()), e);
            }
            if (devices.isEmpty()) {
                throw new QnnUnavailableException("the QNN plugin " + plugin + " loaded but offers no " + EP_NAME + " device");
            }
            return new QnnRuntime(dir, env, List.copyOf(devices));
        }
    }

    public Path directory() {
        return directory;
    }

    /** ONNX Runtime's version, e.g. "1.29.0". */
    public String onnxRuntimeVersion() {
        return env.getVersion();
    }

    /**
     * Creates an HTP session for {@code model} that writes QNN's detailed profiling to
     * {@code profileCsv} (deleted first, with its {@code <stem>_qnn.log} companion, since ONNX
     * Runtime appends). Its creation time includes QNN's graph preparation.
     *
     * @throws QnnSessionException   if QNN cannot take the model (ONNX Runtime's message included)
     * @throws IllegalStateException if the runtime is closed
     * @throws UncheckedIOException if the old profile cannot be deleted
     */
    public synchronized QnnSession openSession(SubgraphModel model, Path profileCsv) {
        if (closed) throw new IllegalStateException("the QNN runtime is closed");
        Path csv = profileCsv.toAbsolutePath();
        try {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(companionLog(csv));
            if (csv.getParent() != null) Files.createDirectories(csv.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QNN profile file " + csv, e);
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.addConfigEntry("session.disable_cpu_ep_fallback", "1");
            options.addExecutionProvider(devices, Map.of(
                    "backend_path", directory.resolve(HTP_LIBRARY).toString(),
                    "profiling_level", "detailed",
                    "profiling_file_path", csv.toString()));
            OrtSession session;
            long createNs;
            try (NativeStdout.Scope quiet = NativeStdout.toStderr()) {
                long start = System.nanoTime();
                session = env.createSession(model.onnx(), options);
                createNs = System.nanoTime() - start;
            }
            QnnSession s = new QnnSession(env, session, options, model, csv, createNs);
            sessions.add(s);
            return s;
        } catch (OrtException e) {
            options.close();
            throw new QnnSessionException("QNN's HTP cannot take model " + model.name() + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Closes every session opened here; the plugin stays registered. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (QnnSession s : sessions) s.close();
        sessions.clear();
    }

    /** The binary log QNN writes beside a profiling CSV: {@code <stem>_qnn.log}. */
    static Path companionLog(Path csv) {
        String name = csv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return csv.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "_qnn.log");
    }

    static String firstLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }
}
