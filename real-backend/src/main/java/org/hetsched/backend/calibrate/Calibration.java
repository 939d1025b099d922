package org.hetsched.backend.calibrate;

import org.hetsched.backend.Backends;
import org.hetsched.backend.qnn.QnnRuntime;
import org.hetsched.profiles.calibrate.Provenance;

/** Calibrates a device profile on the named backend ({@link Backends}): host or qnn. Stateless. */
public final class Calibration {
    private Calibration() {
    }

    /**
     * @throws org.hetsched.core.UnknownNameException if there is no such backend
     * @throws org.hetsched.backend.qnn.QnnUnavailableException if {@code qnn} is asked for and its
     *     runtime package cannot be found or loaded
     */
    public static HostCalibration.Result run(String backend, HostCalibration.Request request, Provenance provenance) {
        Backends.lanes(backend);
        return backend.equals("qnn") ? QnnCalibration.run(request, provenance, QnnRuntime.fromEnvironment())
                : HostCalibration.run(request, provenance);
    }
}
