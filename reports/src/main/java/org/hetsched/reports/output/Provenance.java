package org.hetsched.reports.output;

import java.util.Optional;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.load.ProfileCatalog;

/** Where a report finds the device profile whose sources it lists. */
final class Provenance {
    private Provenance() {
    }

    /** The profile a device name (or path) names, or empty if it cannot be loaded any more. */
    static Optional<DeviceProfile> of(String device) {
        try {
            return Optional.of(ProfileCatalog.builtIn().get(device));
        } catch (UserInputException e) {
            return Optional.empty(); // a path that moved since the sweep ran: the report omits its sources
        }
    }
}
