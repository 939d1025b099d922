package org.hetsched.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version of this hetsched, from {@code version.properties}, which the build fills in with the
 * project's version. The one source of it: {@code hetsched --version} and everything that records
 * which version made a file (a profile's {@code measuredOn}, a QNN model manifest) read it here.
 */
final class HetschedVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "version.properties";

    /** The bare version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String current() {
        Properties p = new Properties();
        try (InputStream in = HetschedVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the jar");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
        String version = p.getProperty("version", "").trim();
        // an unfiltered resource (run from sources without the build) still says ${project.version}
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException("bundled " + RESOURCE + " has no version filled in by the build: '" + version + "'");
        }
        return version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hetsched " + current()};
    }
}
