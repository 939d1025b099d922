package org.hetsched.profiles.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;

/**
 * A loaded, validated device profile: one SoC's processors and everything needed to price work on
 * them. Produced by {@link ProfileReader}; the file format is specified in hw-profiles/README.md.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param name             device name, e.g. "sd8gen3"
 * @param description      one line for listings, naming the device and where its numbers come from
 * @param sources          source id → citation or written derivation, in file order
 * @param processors       processors in file order; a processor's index is its id in {@link #platform()}
 * @param analytic         roofline parameters, one entry per (processor, supported dtype)
 * @param costs            measured points, at most one entry per (processor, op kind, dtype)
 * @param sync             cross-processor delays, one per ordered pair of different processors
 * @param graphPreparation one-time static graph preparation, for the processors that need it
 * @param measuredOn       what a calibration measured the profile on, or {@code null} when the
 *                         profile does not say (the built-in devices, older calibrated profiles)
 * @param prefill          the serial setup of one prefill, or {@code null} for none
 * @param shadow           the NPU cost of keeping a layer's outliers, or {@code null} for none
 * @param contention       slowdowns between processors that run at the same time, in file order;
 *                         empty (the built-in devices) when the profile has none, and then the
 *                         {@code contention} engine effect is off
 */
public record DeviceProfile(String name, String description, Map<String, String> sources,
                            List<ProcessorProfile> processors, List<AnalyticCosts> analytic, List<MeasuredCosts> costs,
                            List<SyncCost> sync, List<GraphPreparation> graphPreparation, MeasuredOn measuredOn,
                            PrefillSetup prefill, ShadowSplit shadow, List<ContentionSlowdown> contention) {

    /** Checks names and cross-references; the file-level checks (with JSON paths) are {@link ProfileValidator}'s. */
    public DeviceProfile {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("device name is empty");
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        processors = List.copyOf(processors);
        analytic = List.copyOf(analytic);
        costs = List.copyOf(costs);
        sync = List.copyOf(sync);
        graphPreparation = List.copyOf(graphPreparation);
        contention = List.copyOf(contention);
        if (processors.isEmpty()) throw new IllegalArgumentException("device " + name + " has no processor");
        Set<String> names = new HashSet<>();
        for (ProcessorProfile p : processors) {
            if (!names.add(p.name())) throw new IllegalArgumentException("device " + name + ": duplicate processor " + p.name());
        }
        List<String> referenced = new ArrayList<>();
        analytic.forEach(a -> referenced.add(a.processor()));
        costs.forEach(c -> referenced.add(c.processor()));
        sync.forEach(s -> {
            referenced.add(s.from());
            referenced.add(s.to());
        });
        graphPreparation.forEach(g -> referenced.add(g.processor()));
        if (prefill != null && prefill.weightRemap() != null) referenced.add(prefill.weightRemap().processor());
        if (prefill != null && prefill.firstRun() != null) referenced.add(prefill.firstRun().processor());
        contention.forEach(c -> {
            referenced.add(c.victim());
            referenced.add(c.aggressor());
        });
        for (String r : referenced) {
            if (!names.contains(r)) throw new IllegalArgumentException("device " + name + ": unknown processor " + r);
        }
        if (prefill != null && prefill.weightRemap() != null) {
            String remapped = prefill.weightRemap().processor();
            if (processors.stream().noneMatch(p -> p.name().equals(remapped) && p.memoryBytes() != null)) {
                throw new IllegalArgumentException("device " + name + ": weights are re-mapped on " + remapped + ", which has no memoryBytes");
            }
        }
    }

    /** A profile without a prefill setup, a shadow split or contention entries. */
    public DeviceProfile(String name, String description, Map<String, String> sources,
                         List<ProcessorProfile> processors, List<AnalyticCosts> analytic, List<MeasuredCosts> costs,
                         List<SyncCost> sync, List<GraphPreparation> graphPreparation, MeasuredOn measuredOn) {
        this(name, description, sources, processors, analytic, costs, sync, graphPreparation, measuredOn, null, null);
    }

    /** A profile without contention entries. */
    public DeviceProfile(String name, String description, Map<String, String> sources,
                         List<ProcessorProfile> processors, List<AnalyticCosts> analytic, List<MeasuredCosts> costs,
                         List<SyncCost> sync, List<GraphPreparation> graphPreparation, MeasuredOn measuredOn,
                         PrefillSetup prefill, ShadowSplit shadow) {
        this(name, description, sources, processors, analytic, costs, sync, graphPreparation, measuredOn, prefill, shadow, List.of());
    }

    /** The sim-core view: processor ids are the order of {@link #processors()}. */
    public Platform platform() {
        List<Processor> list = new ArrayList<>(processors.size());
        for (int i = 0; i < processors.size(); i++) {
            ProcessorProfile p = processors.get(i);
            list.add(new Processor(i, p.name(), p.kind(), p.dtypes()));
        }
        return new Platform(name, list);
    }

    /** The id of the processor with this name, or -1. */
    public int processorId(String processorName) {
        for (int i = 0; i < processors.size(); i++) {
            if (processors.get(i).name().equals(processorName)) return i;
        }
        return -1;
    }
}
