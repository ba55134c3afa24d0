package org.lifeboat.serve;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.run.BackupRun;

/** {@code backup} (with {@code --datastore NAME} for each of {@code datastores}): {@link BackupRun}, then what its manifest says. */
public record BackupJob(boolean precheck, List<String> datastores) implements NightlyJob {

    public BackupJob {
        datastores = List.copyOf(datastores);
    }

    @Override
    public String command() {
        StringBuilder command = new StringBuilder("backup");
        datastores.forEach(d -> command.append(" --datastore ").append(d));
        return command.toString();
    }

    @Override
    public Role role() {
        return Role.BACKUP;
    }

    @Override
    public String verb() {
        return "backup";
    }

    @Override
    public RunReport run(Appliance appliance, Clock clock) throws IOException {
        Instant started = clock.instant();
        String set = new BackupRun(appliance, clock).run(precheck, datastores);
        // the manifest just written is the one record of sizes and times per datastore
        Optional<Manifest> manifest = appliance.catalog().set(set).filter(s -> s.state() == State.COMPLETE)
                .flatMap(SetCatalog.SetInfo::manifest);
        List<RunReport.DatastoreReport> reports = manifest.map(m -> m.datastores().stream().map(BackupJob::report).toList())
                .orElse(List.of());
        return new RunReport(command(), verb(), started, clock.instant(), Optional.of(set), reports, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static RunReport.DatastoreReport report(DatastoreRecord record) {
        return new RunReport.DatastoreReport(record.name(), true, Duration.between(record.started(), record.finished()),
                record.plainBytes(),
                record.artifacts().stream().mapToLong(ArtifactRecord::storedBytes).sum());
    }
}
