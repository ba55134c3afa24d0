package org.lifeboat.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.process.ToolTimeout;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.repository.StoreArtifactSource;

/**
 * One restore, all or nothing: the set of each datastore is chosen ({@link RestorePlan}); every
 * datastore is loaded beside its live data and checked against its manifest; only when all are
 * ready is each swapped in, its live data kept aside; then the post-restore steps run; only when
 * they all pass are the kept live copies dropped. A failure at any point after the first swap puts
 * every swapped datastore back. Reports the time to recover.
 *
 * <p>Every failure names its datastore and address ({@link Datastore#describe()}) exactly once: here,
 * not in the datastore's own message.
 */
public final class RestoreRun {

    private static final Logger LOG = Logger.getLogger(RestoreRun.class);

    private final Appliance appliance;
    private final Clock clock;

    public RestoreRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** What runs after every datastore is swapped in and before anything is committed (the drill's post-restore steps). */
    @FunctionalInterface
    public interface AfterSwap {
        /** Runs the steps; a result that is not ok, or an exception, rolls the restore back. */
        List<StepResult> run() throws IOException;
    }

    /**
     * What one datastore's restore did.
     *
     * @param datastore its name
     * @param set the set it came from
     * @param loadTime loading and checking it beside the live data
     * @param plainBytes the plaintext bytes of its artifacts
     * @param counts what was checked: the manifest's counts, which the loaded copy matched
     */
    public record DatastoreOutcome(String datastore, String set, Duration loadTime, long plainBytes,
            Map<String, Map<String, Long>> counts) {
    }

    /**
     * What a restore did.
     *
     * @param sets the sets restored from, oldest first
     * @param datastores each datastore's outcome, in run order
     * @param steps the post-restore steps' results
     * @param dataTakenAt when the oldest restored data was taken (for its age)
     * @param timeToRecover from start to the last datastore committed
     */
    public record Result(List<String> sets, List<DatastoreOutcome> datastores, List<StepResult> steps, Instant dataTakenAt,
            Duration timeToRecover) {

        /** The sets as one name (several when the datastores come from different runs). */
        public String set() {
            return String.join("+", sets);
        }
    }

    /** {@link #run(String, List, Optional, AfterSwap)} without post-restore steps. */
    public Result run(String selector, List<String> only, Optional<PointInTime> pointInTime) throws IOException {
        return run(selector, only, pointInTime, List::of);
    }

    /**
     * Restores the sets {@code selector} chooses ({@code latest}, a date or a set name; per datastore,
     * among the sets that hold it) into every datastore, or into those named in {@code only}; to
     * {@code pointInTime} instead of the backup when given; then runs {@code afterSwap}.
     *
     * @throws RunFailedException saying what failed and that every live datastore is as it was
     *     (or, if putting one back failed too, which)
     */
    public Result run(String selector, List<String> only, Optional<PointInTime> pointInTime, AfterSwap afterSwap)
            throws IOException {
        return run(plan(selector, only, pointInTime), afterSwap);
    }

    /**
     * Chooses the set of every datastore (or of those named in {@code only}) without touching
     * anything: what {@link #run(RestorePlan, AfterSwap)} then restores.
     */
    RestorePlan plan(String selector, List<String> only, Optional<PointInTime> pointInTime) throws IOException {
        appliance.requireRole(Role.RESTORE, "restore");
        appliance.identity(); // a missing or unreadable identity is said first, before the store is read
        return RestorePlan.of(appliance.catalog(), selector, appliance.datastores(only, pointInTime));
    }

    /** Restores {@code plan}, then runs {@code afterSwap}; all or nothing. */
    Result run(RestorePlan plan, AfterSwap afterSwap) throws IOException {
        Instant started = clock.instant();
        ArtifactDecoder decoder = new ArtifactDecoder(appliance.identity());
        for (RestorePlan.Part part : plan.parts()) {
            LOG.infof("%s: from set '%s' of '%s' (written %s by %s)", part.datastore().name(), part.set().name(),
                    part.manifest().environment(), part.manifest().finished(), part.manifest().program());
        }
        Map<RestorePlan.Part, PreparedRestore> prepared = new LinkedHashMap<>();
        List<DatastoreOutcome> outcomes = new ArrayList<>();
        List<StepResult> steps;
        try {
            for (RestorePlan.Part part : plan.parts()) {
                outcomes.add(prepare(part, decoder, prepared));
            }
            List<RestorePlan.Part> swapped = new ArrayList<>();
            for (Map.Entry<RestorePlan.Part, PreparedRestore> entry : prepared.entrySet()) {
                swapped.add(entry.getKey());
                try {
                    ToolTimeout.during(appliance.toolTimeout(entry.getKey().datastore().name()), () -> {
                        entry.getValue().swapIn();
                        return null;
                    });
                } catch (IOException | RuntimeException e) {
                    throw new RunFailedException("swapping in " + entry.getKey().datastore().describe() + " from set '"
                            + entry.getKey().set().name() + "' failed: " + e.getMessage() + "; " + rollBack(swapped, prepared));
                }
            }
            steps = runSteps(afterSwap, swapped, prepared);
            for (Map.Entry<RestorePlan.Part, PreparedRestore> entry : prepared.entrySet()) {
                commit(entry.getKey().datastore(), entry.getValue());
            }
        } finally {
            prepared.values().forEach(PreparedRestore::close);
        }
        Duration timeToRecover = Duration.between(started, clock.instant());
        LOG.infof("restore of set %s complete: time to recover %.1f s", String.join("+", plan.sets()),
                timeToRecover.toMillis() / 1000.0);
        return new Result(plan.sets(), List.copyOf(outcomes), steps, plan.dataTakenAt(), timeToRecover);
    }

    private DatastoreOutcome prepare(RestorePlan.Part part, ArtifactDecoder decoder, Map<RestorePlan.Part, PreparedRestore> prepared)
            throws RunFailedException {
        Datastore datastore = part.datastore();
        Instant loadStarted = clock.instant();
        try {
            prepared.put(part, ToolTimeout.during(appliance.toolTimeout(datastore.name()), () -> datastore.prepare(part.record(),
                    new StoreArtifactSource(appliance.store(), decoder, part.folder(), datastore.name()))));
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("restore of " + datastore.describe() + " from set '" + part.set().name()
                    + "' failed before any live data was replaced: " + e.getMessage(), List.of(datastore.name()));
        }
        Duration load = Duration.between(loadStarted, clock.instant());
        LOG.infof("%s: loaded and checked from '%s' in %.1f s", datastore.name(), part.set().name(), load.toMillis() / 1000.0);
        long plain = part.record().plainBytes();
        return new DatastoreOutcome(datastore.name(), part.set().name(), load, plain, part.record().counts());
    }

    /** Commits one datastore's restore; its failure names the datastore, once (the datastore's own message does not). */
    private static void commit(Datastore datastore, PreparedRestore restore) throws RunFailedException {
        try {
            restore.commit();
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("committing the restore of " + datastore.describe() + " failed: " + e.getMessage(),
                    List.of(datastore.name()));
        }
    }

    private List<StepResult> runSteps(AfterSwap afterSwap, List<RestorePlan.Part> swapped,
            Map<RestorePlan.Part, PreparedRestore> prepared) throws IOException {
        List<StepResult> steps;
        try {
            steps = afterSwap.run();
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("a post-restore step failed: " + e.getMessage() + "; " + rollBack(swapped, prepared));
        }
        List<StepResult> failed = steps.stream().filter(s -> !s.ok()).toList();
        if (!failed.isEmpty()) {
            throw new RunFailedException("post-restore step '" + failed.get(0).name() + "' failed: "
                    + String.join("; ", failed.get(0).details()) + "; " + rollBack(swapped, prepared));
        }
        return steps;
    }

    /** Puts back, newest first, every datastore swapped in so far; says what was put back and what could not be. */
    private static String rollBack(List<RestorePlan.Part> swapped, Map<RestorePlan.Part, PreparedRestore> prepared) {
        List<String> back = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        List<RestorePlan.Part> newestFirst = new ArrayList<>(swapped);
        Collections.reverse(newestFirst);
        for (RestorePlan.Part part : newestFirst) {
            try {
                prepared.get(part).rollBack();
                back.add(part.datastore().name());
            } catch (IOException | RuntimeException e) {
                stuck.add(part.datastore().describe() + ": " + e.getMessage());
                LOG.errorf("%s: could not be put back: %s", part.datastore().describe(), e.getMessage());
            }
        }
        if (stuck.isEmpty()) {
            return "every live datastore is as it was (put back: " + String.join(", ", back) + ")";
        }
        return "put back: " + (back.isEmpty() ? "none" : String.join(", ", back)) + "; NOT put back, check by hand: "
                + String.join("; ", stuck);
    }
}
