package org.hetsched.backend.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.backend.Backend;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.qnn.QnnBackend;
import org.hetsched.backend.qnn.QnnRuntime;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Platform;

/** The execution backends hetsched can replay on, by name: {@code host} and {@code qnn}. Stateless. */
public final class Backends {
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("host", "this machine: an INT8 W8A8 lane standing in for the NPU and a float lane for CPU work,"
                + " computing a real prefill (native JNI kernels)");
        DESCRIPTIONS.put("qnn", "QNN's HTP through ONNX Runtime (emulated on x86-64; needs " + QnnRuntime.DIR_ENV
                + ") beside the host's float lane");
    }

    private Backends() {
    }

    /** Names in listing order. */
    public static List<String> names() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }

    /** Name → one line, in listing order. */
    public static Map<String, String> descriptions() {
        return Map.copyOf(DESCRIPTIONS);
    }

    /**
     * The lanes of the named backend, without opening it.
     *
     * @throws UnknownNameException if there is no such backend
     */
    public static Platform lanes(String name) {
        return switch (known(name)) {
            case "host" -> HostBackend.lanes();
            default -> QnnBackend.lanes();
        };
    }

    /**
     * Opens the named backend for graphs of {@code model}.
     *
     * @throws UnknownNameException if there is no such backend
     * @throws org.hetsched.backend.qnn.QnnUnavailableException if {@code qnn} is asked for and its
     *     runtime package cannot be found or loaded (a user-input error saying how to install it)
     */
    public static Backend open(String name, ModelSpec model, HostBackend.Options options) {
        return switch (known(name)) {
            case "host" -> new HostBackend(model, options);
            default -> new QnnBackend(QnnRuntime.fromEnvironment(), model, options);
        };
    }

    private static String known(String name) {
        if (!DESCRIPTIONS.containsKey(name)) throw new UnknownNameException("backend", name, names());
        return name;
    }
}
