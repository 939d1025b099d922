package org.hetsched.profiles.calibrate;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.format.MeasuredOn;

/**
 * Where and when a calibration ran; written into every source of the profile.
 *
 * @param hostname the machine's host name
 * @param osArch   {@code os.arch}
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, or "unknown CPU model" where it is absent
 * @param date     when the measurement started
 * @param version  hetsched version, e.g. "0.1.0"
 */
public record Provenance(String hostname, String osArch, String cpuModel, Instant date, String version) {
    public Provenance {
        if (hostname.isBlank() || osArch.isBlank() || cpuModel.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("provenance fields must not be blank: " + hostname + ", " + osArch + ", " + cpuModel + ", " + version);
        }
        if (date == null) throw new IllegalArgumentException("provenance date is null");
    }

    /** This machine, at {@code date}. */
    public static Provenance ofThisMachine(String version, Instant date) {
        return new Provenance(localHostname(), System.getProperty("os.arch", "unknown arch"), cpuModel(Path.of("/proc/cpuinfo")), date, version);
    }

    /** The first {@code model name} line of a cpuinfo file, or "unknown CPU model". */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    String model = line.substring(colon + 1).trim();
                    if (!model.isEmpty()) return model;
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or not readable: the profile says so instead of failing the calibration
        }
        return "unknown CPU model";
    }

    private static String localHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "unknown host" : name;
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown host" : env;
        }
    }

    /**
     * The profile's machine-readable record of this calibration: {@code backend}'s lanes measured
     * with {@code model}, {@code plan} and {@code chunkTokens}, here.
     */
    public MeasuredOn measuredOn(String backend, ModelSpec model, PartitionPlan plan, List<Integer> chunkTokens) {
        return new MeasuredOn(backend, model.name(), MeasuredOn.shapeOf(model), plan.name(), chunkTokens, hostname, osArch, cpuModel,
                date, version);
    }

    /** Whether a profile measured on {@code m} was measured on this machine: same CPU model and architecture (host names change with containers). */
    public boolean sameMachine(MeasuredOn m) {
        return m.cpuModel().equals(cpuModel) && m.osArch().equals(osArch);
    }

    /** "host X (arch, CPU), date, hetsched V" for source texts. */
    public String describe() {
        return "host " + hostname + " (" + osArch + ", " + cpuModel + "), " + date + ", hetsched " + version;
    }
}
