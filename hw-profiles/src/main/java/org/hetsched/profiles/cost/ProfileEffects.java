package org.hetsched.profiles.cost;

import java.util.List;
import java.util.function.Function;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Effect;
import org.hetsched.profiles.format.DeviceProfile;

/** The engine effects a device profile has the data for, by name. Stateless. */
public final class ProfileEffects {
    private record Entry(String name, String description, Function<DeviceProfile, Effect> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(DispatchOverhead.NAME, "the profile's per-dispatch overhead, once per task (off by default)", DispatchOverhead::new),
            new Entry(BusyEnergy.NAME, "busy energy from the profile's powerW figures (no idle power)", BusyEnergy::new),
            new Entry(InvocationOverhead.NAME, "the profile's per-invocation cost (invocationUs), once per task (on when the profile has one)",
                    InvocationOverhead::new),
            new Entry(PrefillSetupTime.NAME, "the profile's per-prefill setup, serial with the task graph and reported apart",
                    PrefillSetupTime::new),
            new Entry(Contention.NAME, "shared-memory contention from the profile's contention slowdowns (on when it has some)",
                    Contention::new));

    private ProfileEffects() {
    }

    /** The names, in listing order. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** One line about the effect named {@code name}. */
    public static String description(String name) {
        return entry(name).description();
    }

    /**
     * The effect named {@code name}, for {@code profile}.
     *
     * @throws UserInputException if no effect has that name
     */
    public static Effect create(String name, DeviceProfile profile) {
        return entry(name).factory().apply(profile);
    }

    private static Entry entry(String name) {
        for (Entry e : ENTRIES) {
            if (e.name().equals(name)) return e;
        }
        throw new UserInputException("unknown effect '" + name + "'; known: " + String.join(", ", names()));
    }
}
