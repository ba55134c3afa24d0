package org.lifeboat.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.ConfigException;
import org.lifeboat.LifeboatVersion;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.SigningKey;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.process.ToolTimeout;
import org.lifeboat.repository.MirrorKeys;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.repository.SetWriter;
import org.lifeboat.repository.StoreArtifactSink;
import org.lifeboat.repository.StoreMirror;
import org.lifeboat.store.BackupStore;

/**
 * One backup run: precheck, then every datastore into a {@code .partial} set folder, then the
 * manifest, then the folder renamed to its final name, then prune. If any datastore fails the
 * folder stays {@code .partial} (never a backup) and the run fails.
 */
public final class BackupRun {

    private static final Logger LOG = Logger.getLogger(BackupRun.class);

    private final Appliance appliance;
    private final Clock clock;

    public BackupRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** Runs the backup of every configured datastore; see {@link #run(boolean, List)}. */
    public String run(boolean precheck) throws IOException {
        return run(precheck, List.of());
    }

    /**
     * Runs the backup of the datastores named in {@code only} (every configured one when empty)
     * and returns the published set's name. The set holds exactly those datastores.
     *
     * @throws RunFailedException if a check or a datastore failed; no complete set was made
     */
    public String run(boolean precheck, List<String> only) throws IOException {
        appliance.requireRole(Role.BACKUP, "backup");
        LifeboatConfig.BackupRole role = appliance.config().backup().orElseThrow();
        // configuration first: a missing key or password file is exit 2, not a failed precheck
        AgeRecipients recipients = appliance.recipients();
        Optional<AgeIdentity> stateIdentity = appliance.stateIdentity();
        SigningKey signingKey = appliance.signingKey();
        List<Datastore> datastores = appliance.datastores(only, Optional.empty());
        if (datastores.isEmpty()) {
            throw new ConfigException("no datastore is configured (lifeboat.datastores)");
        }
        if (precheck) {
            List<Check> failed = new Precheck(appliance).run(datastores).stream().filter(c -> !c.ok()).toList();
            if (!failed.isEmpty()) {
                throw new RunFailedException("precheck failed, nothing was backed up:\n" + Precheck.table(failed), datastores.stream()
                        .map(Datastore::name).filter(n -> failed.stream().anyMatch(c -> c.subject().startsWith(n + ":"))).toList());
            }
        }
        ArtifactEncoder encoder = new ArtifactEncoder(recipients, role.compressionLevel());
        BackupStore store = appliance.store();
        SetLayout layout = new SetLayout(appliance.config().environment());
        MirrorKeys mirrorKeys = MirrorKeys.of(stateIdentity, recipients, role.compressionLevel(), store, layout,
                appliance.catalog());

        Instant started = clock.instant();
        SetWriter set = SetWriter.start(store, layout, started);
        LOG.infof("backup of '%s' into '%s' on %s", layout.environmentFolder(), set.partialFolder(), store.describe());

        List<DatastoreRecord> records = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Datastore datastore : datastores) {
            Instant dsStarted = clock.instant();
            StoreMirror mirror = mirrorKeys == null ? null : mirrorKeys.mirror(encoder, set.partialFolder(), datastore.name());
            StoreArtifactSink sink = set.sink(encoder, datastore.name(), mirror);
            try {
                BackupResult result = ToolTimeout.during(appliance.toolTimeout(datastore.name()), () -> datastore.backup(sink));
                List<ArtifactRecord> artifacts = sink.complete(result.artifacts());
                Instant finished = clock.instant();
                records.add(new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), dsStarted, finished,
                        result.versions(), artifacts, result.counts(), result.excluded()));
                LOG.infof("%s: backed up, %d artifacts in %.1f s", datastore.name(), artifacts.size(),
                        (finished.toEpochMilli() - dsStarted.toEpochMilli()) / 1000.0);
            } catch (IOException | RuntimeException e) {
                sink.abort();
                LOG.errorf("%s: backup failed: %s", datastore.describe(), e.getMessage());
                LOG.debugf(e, "%s: backup failed", datastore.name()); // the trace, with --debug
                failures.add(datastore.describe() + ": " + e.getMessage());
                failed.add(datastore.name());
            }
        }
        if (!failures.isEmpty()) {
            throw new RunFailedException("backup failed, no complete set was made ('" + set.partialFolder()
                    + "' stays unfinished):\n  " + String.join("\n  ", failures), failed);
        }

        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, LifeboatVersion.describe(), layout.environmentFolder(), set.name(),
                started, clock.instant(), recipients.publicKeys(), records);
        set.publish(manifest, signingKey);
        LOG.infof("set '%s' complete: %s stored on %s", set.folder(), Sizes.bytes(manifest.storedBytes()), store.describe());
        if (role.pruneAfterBackup()) {
            try {
                new PruneRun(appliance, clock).run(false, System.out);
            } catch (org.lifeboat.app.RoleException e) {
                // the set is published and complete; an append-only account only means retention runs elsewhere
                LOG.warnf("prune after backup skipped: %s; set lifeboat.backup.prune-after-backup: false", e.getMessage());
            }
        }
        return set.name();
    }
}
