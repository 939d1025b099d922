package org.hetsched.backend.catalog;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.backend.host.HostModels;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.load.ModelResolver;

/**
 * Model names the backends accept: the synthetic host models ({@link HostModels}, e.g.
 * {@code host-tiny}, small enough to replay in seconds) before everything {@link ModelResolver}
 * resolves (the catalog, a {@code config.json} or its folder). Stateless.
 */
public final class BackendModels {
    private BackendModels() {
    }

    /**
     * @throws org.hetsched.core.UserInputException as {@link ModelResolver#resolve}, listing the
     *     synthetic host models among the known names
     */
    public static ModelSpec resolve(String nameOrPath) {
        if (HostModels.names().contains(nameOrPath)) return HostModels.get(nameOrPath);
        try {
            return new ModelResolver().resolve(nameOrPath);
        } catch (org.hetsched.core.UnknownNameException e) {
            List<String> known = new ArrayList<>(e.known());
            known.addAll(HostModels.names());
            throw new org.hetsched.core.UnknownNameException("model", nameOrPath, known);
        }
    }
}
