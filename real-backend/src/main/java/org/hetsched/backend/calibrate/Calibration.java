package org.hetsched.backend.calibrate;

import org.hetsched.backend.catalog.Backends;
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

    /**
     * {@link #run(String, HostCalibration.Request, Provenance)}, on the host backend watching its
     * CPUs for other load with {@code load} (null: no watch; the qnn backend is not watched):
     * its idle check first, then the whole measurement.
     *
     * @throws org.hetsched.core.UserInputException also if {@code load} finds a CPU over its
     *     threshold and noise is not allowed
     */
    public static HostCalibration.Result run(String backend, HostCalibration.Request request, Provenance provenance, LoadMonitor load) {
        Backends.lanes(backend);
        if (load == null || backend.equals("qnn")) return run(backend, request, provenance);
        load.checkIdle();
        load.start();
        HostCalibration.Result result = HostCalibration.run(request, provenance);
        load.stop();
        return result;
    }
}
