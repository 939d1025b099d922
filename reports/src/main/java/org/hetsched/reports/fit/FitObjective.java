package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.Metrics;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileValidator;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.reproduce.Reproduction;
import org.hetsched.reports.reproduce.TargetPrediction;
import org.hetsched.reports.reproduce.TargetSet;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/**
 * The targets predicted on a profile whose free numbers take given values, and the fit's
 * objective: {@code Σ weight · (ln predicted/published)²} over the weighted targets (as
 * {@link Reproduction#weightedSquaredLogError()}, a range target counting only outside its range)
 * plus every parameter's prior term. Every task graph is built once, when this is made; an
 * evaluation writes the values into a copy of the base profile's JSON, reads it back with the
 * profile reader, re-prices each configuration's graph on it ({@link Workload#pricedOn}) and runs
 * the policies, the configurations in parallel on {@code executor}. Results are assembled in a
 * fixed order, so they do not depend on the number of threads. Thread-safe.
 */
public final class FitObjective {
    private final TargetSet targets;
    private final String device;
    private final ObjectNode base;
    private final List<FreeParameter> parameters;
    private final List<Reproduction.Run> runs;
    private final List<Workload> workloads;
    private final int[] workloadOf;
    private final ExecutorService executor;
    private final AtomicLong evaluations = new AtomicLong();

    /**
     * @param targets    the set, checked by its reader
     * @param device     the base profile's name or path, as every row's device
     * @param base       the base profile's JSON (not changed)
     * @param parameters the free values, their paths checked by {@link FitProblems}
     * @param executor   runs the configurations of one evaluation
     */
    public FitObjective(TargetSet targets, String device, ObjectNode base, List<FreeParameter> parameters, ExecutorService executor) {
        this.targets = targets;
        this.device = device;
        this.base = base.deepCopy();
        this.parameters = List.copyOf(parameters);
        this.executor = executor;
        this.runs = Reproduction.runs(targets, device);
        Map<WorkloadRequest, Integer> index = new LinkedHashMap<>();
        workloadOf = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            workloadOf[i] = index.computeIfAbsent(runs.get(i).request(), r -> index.size());
        }
        List<WorkloadRequest> requests = new ArrayList<>(index.keySet());
        workloads = parallel(requests.stream().<Callable<Workload>>map(r -> () -> Workload.resolve(r)).toList());
    }

    public TargetSet targets() {
        return targets;
    }

    public List<FreeParameter> parameters() {
        return parameters;
    }

    /** Distinct simulations per evaluation. */
    public int simulations() {
        return runs.size();
    }

    /** Evaluations so far (every {@link #predict} call). */
    public long evaluations() {
        return evaluations.get();
    }

    /** The base profile's value of each parameter (its first path's). */
    public double[] baseValues() {
        double[] v = new double[parameters.size()];
        ProfilePaths paths = ProfilePaths.of(base);
        for (int i = 0; i < v.length; i++) v[i] = paths.node(parameters.get(i).paths().get(0)).get("value").asDouble();
        return v;
    }

    /**
     * The base profile's JSON with {@code values} written at every parameter's paths (an
     * integer-valued field gets the nearest integer), sources unchanged.
     */
    public ObjectNode withValues(double[] values) {
        ObjectNode copy = base.deepCopy();
        ProfilePaths paths = ProfilePaths.of(copy);
        for (int i = 0; i < parameters.size(); i++) {
            for (String p : parameters.get(i).paths()) {
                ObjectNode node = (ObjectNode) paths.node(p);
                JsonNode old = node.get("value");
                if (old.isIntegralNumber()) node.put("value", Math.round(values[i]));
                else node.put("value", values[i]);
            }
        }
        return copy;
    }

    /** The value as it is written into the profile (an integer field: rounded). */
    public double written(int parameter, double value) {
        JsonNode old = ProfilePaths.of(base).node(parameters.get(parameter).paths().get(0)).get("value");
        return old.isIntegralNumber() ? Math.round(value) : value;
    }

    /** Every target predicted with the parameters at {@code values}. */
    public Reproduction predict(double[] values) {
        evaluations.incrementAndGet();
        DeviceProfile profile = ProfileValidator.validate(withValues(values), device);
        List<Workload> priced = parallel(workloads.stream().<Callable<Workload>>map(w -> () -> w.pricedOn(profile)).toList());
        List<Callable<Metrics>> jobs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Workload w = priced.get(workloadOf[i]);
            String policy = runs.get(i).policy();
            // the policy's own time is not a prediction: left untimed, as sweeps do
            jobs.add(() -> Simulation.result(w, Simulation.trace(w, PolicyCatalog.create(policy, PolicyOptions.DEFAULTS), false),
                    MakespanLowerBound.of(w.costs(), Simulation.pricing(w))).metrics());
        }
        List<Metrics> metrics = parallel(jobs);
        Map<Reproduction.Run, Metrics> byRun = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) byRun.put(runs.get(i), metrics.get(i));
        return Reproduction.predict(targets, device, byRun::get);
    }

    /** The objective at {@code values} with every target's own weight. */
    public double objective(double[] values) {
        return objective(values, predict(values), null);
    }

    /**
     * The objective of {@code reproduction} (predicted at {@code values}) with the weighted targets'
     * weights multiplied by {@code multipliers} (in {@link Reproduction#weighted()} order;
     * {@code null}: all 1): leave-one-out sets one to 0, a bootstrap resample to its count.
     */
    public double objective(double[] values, Reproduction reproduction, double[] multipliers) {
        double sum = 0;
        List<TargetPrediction> weighted = reproduction.weighted();
        for (int i = 0; i < weighted.size(); i++) {
            double m = multipliers == null ? 1 : multipliers[i];
            if (m == 0) continue;
            TargetPrediction p = weighted.get(i);
            if (p.logError().isEmpty()) return Double.POSITIVE_INFINITY;
            double e = p.logError().getAsDouble();
            sum += m * p.target().weight() * e * e;
        }
        for (int i = 0; i < parameters.size(); i++) sum += parameters.get(i).priorTerm(values[i]);
        return sum;
    }

    private <T> List<T> parallel(List<Callable<T>> jobs) {
        try {
            List<T> out = new ArrayList<>(jobs.size());
            for (Future<T> f : executor.invokeAll(jobs)) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UserInputException u) throw u;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
