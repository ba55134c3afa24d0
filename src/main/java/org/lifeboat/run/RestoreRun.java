package org.lifeboat.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.repository.StoreArtifactSource;

/**
 * One restore: the chosen complete set of the source environment; every datastore loaded beside its
 * live data and checked against the manifest, and only when all are ready, each swapped in.
 * Reports the time to recover.
 */
public final class RestoreRun {

    private static final Logger LOG = Logger.getLogger(RestoreRun.class);

    private final Appliance appliance;
    private final Clock clock;

    public RestoreRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /**
     * What a restore did.
     *
     * @param set the set restored
     * @param datastores the datastores restored
     * @param timeToRecover from start to the last datastore swapped in
     */
    public record Result(String set, List<String> datastores, Duration timeToRecover) {
    }

    /**
     * Restores set {@code selector} ({@code latest}, a date or a set name) into every datastore, or only
     * into those named in {@code only}; to {@code pointInTime} instead of the backup when given.
     */
    public Result run(String selector, List<String> only, Optional<PointInTime> pointInTime) throws IOException {
        appliance.requireRole(Role.RESTORE, "restore");
        Instant started = clock.instant();
        AgeIdentity identity = appliance.identity();
        SetCatalog catalog = appliance.catalog();
        SetCatalog.SetInfo set = catalog.select(selector);
        Manifest manifest = catalog.manifest(set);
        LOG.infof("restoring set '%s' of '%s' (written %s by %s)", set.name(), manifest.environment(), manifest.finished(),
                manifest.program());
        ArtifactDecoder decoder = new ArtifactDecoder(identity);

        List<Datastore> datastores = appliance.datastores(only, pointInTime);
        for (Datastore datastore : datastores) {
            if (manifest.datastore(datastore.name()).isEmpty()) {
                throw new RunFailedException("set '" + set.name() + "' has no datastore '" + datastore.name() + "'");
            }
        }
        // every datastore is loaded and checked before any is swapped in
        Map<Datastore, PreparedRestore> prepared = new LinkedHashMap<>();
        try {
            for (Datastore datastore : datastores) {
                Instant dsStarted = clock.instant();
                try {
                    prepared.put(datastore, datastore.prepare(manifest.datastore(datastore.name()).orElseThrow(),
                            new StoreArtifactSource(appliance.store(), decoder, catalog.folderPath(set), datastore.name())));
                } catch (IOException | RuntimeException e) {
                    throw new RunFailedException("restore of " + datastore.describe() + " from set '" + set.name()
                            + "' failed before any live data was replaced: " + e.getMessage());
                }
                LOG.infof("%s: loaded and checked from '%s' in %.1f s", datastore.name(), set.name(),
                        Duration.between(dsStarted, clock.instant()).toMillis() / 1000.0);
            }
            List<String> swapped = new ArrayList<>();
            for (Map.Entry<Datastore, PreparedRestore> entry : prepared.entrySet()) {
                try {
                    entry.getValue().swapIn();
                } catch (IOException | RuntimeException e) {
                    throw new RunFailedException("swapping in " + entry.getKey().describe() + " from set '" + set.name()
                            + "' failed: " + e.getMessage() + " (datastores already swapped in: "
                            + (swapped.isEmpty() ? "none" : String.join(", ", swapped)) + ")");
                }
                swapped.add(entry.getKey().name());
            }
        } finally {
            prepared.values().forEach(PreparedRestore::close);
        }
        List<String> restored = datastores.stream().map(Datastore::name).toList();
        Duration timeToRecover = Duration.between(started, clock.instant());
        LOG.infof("restore of set '%s' complete: time to recover %.1f s", set.name(), timeToRecover.toMillis() / 1000.0);
        return new Result(set.name(), restored, timeToRecover);
    }
}
