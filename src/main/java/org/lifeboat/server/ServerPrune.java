package org.lifeboat.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.run.PruneRun;
import org.lifeboat.run.RunFailedException;

/**
 * {@code lifeboat prune} in the server role: seal what is new (a dry run only says what it would
 * seal), then the one prune
 * ({@link PruneRun}: the retention policy, its reasons, the mirror sweep) over the sealed sets,
 * then remove production's precheck probes (its account may write but not delete them), then fail
 * if the newest sealed set is older than {@code lifeboat.server.stale-after}.
 */
public final class ServerPrune {

    /** The name production's precheck gives its probe file ({@code precheck-<uuid>}). */
    static final String PROBE_PREFIX = "precheck-";

    private final Appliance appliance;
    private final Clock clock;

    public ServerPrune(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** Seals, prunes and checks; prints every decision. Returns the set folders removed. */
    public List<String> run(boolean dryRun, PrintStream out) throws IOException {
        appliance.requireRole(Role.SERVER, "prune");
        Seals seals = new SealRun(appliance).run(out, !dryRun);
        List<String> removed = new PruneRun(appliance, clock, seals::state).run(dryRun, out);
        if (!dryRun) {
            removeProbes(out);
        }
        checkFresh(seals, out);
        return removed;
    }

    private void removeProbes(PrintStream out) throws IOException {
        Path folder = Path.of(appliance.config().store().root()).resolve(new SetLayout(appliance.setsEnvironment())
                .environmentFolder());
        int removed = 0;
        try (DirectoryStream<Path> probes = Files.newDirectoryStream(folder, p -> p.getFileName().toString()
                .startsWith(PROBE_PREFIX) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path probe : probes) {
                Files.deleteIfExists(probe);
                removed++;
            }
        }
        if (removed > 0) {
            out.println("removed " + removed + " precheck probes");
        }
        Path discarded = folder.resolve("locks").resolve("discarded");
        int locks = 0;
        if (Files.isDirectory(discarded, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(discarded, p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                    locks++;
                }
            }
        }
        if (locks > 0) {
            out.println("removed " + locks + " files production's run locks left (its account may not remove them)");
        }
    }

    /** Fails when no sealed complete set is newer than {@code lifeboat.server.stale-after}. */
    private void checkFresh(Seals seals, PrintStream out) throws IOException {
        LifeboatConfig.ServerRole server = appliance.config().server().orElseThrow();
        if (server.staleAfter().isEmpty()) {
            return;
        }
        Duration limit = server.staleAfter().get();
        Optional<SetCatalog.SetInfo> newest = appliance.catalog().sets().stream()
                .filter(s -> seals.state(s) == State.COMPLETE).reduce((older, newer) -> newer);
        String environment = appliance.setsEnvironment();
        if (newest.isEmpty()) {
            throw new RunFailedException("no sealed complete set of '" + environment + "' in " + appliance.store().describe()
                    + " (lifeboat.server.stale-after " + limit + ")");
        }
        Duration age = Duration.between(newest.get().started(), clock.instant());
        if (age.compareTo(limit) > 0) {
            throw new RunFailedException("no new set of '" + environment + "' since '" + newest.get().name() + "', "
                    + age.toHours() + " h ago: more than lifeboat.server.stale-after " + limit + " ("
                    + appliance.store().describe() + ")");
        }
        out.println("fresh: the newest sealed set '" + newest.get().name() + "' is " + age.toHours() + " h old (stale after "
                + limit + ")");
    }
}
