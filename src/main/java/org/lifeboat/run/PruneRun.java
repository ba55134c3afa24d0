package org.lifeboat.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import org.jboss.logging.Logger;
import java.util.function.Function;
import org.lifeboat.app.Appliance;
import org.lifeboat.app.RoleException;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.repository.MirrorSweep;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.retention.RetentionPolicy;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * Applies the retention policy to this environment's sets; {@code dryRun} only prints the
 * decisions. It runs in the server role (on the backup server, over the sets its keeper sealed),
 * or in the backup role (the old behaviour: production deletes over its own credential), which an
 * append-only account refuses before anything is touched.
 */
public final class PruneRun {

    private static final Logger LOG = Logger.getLogger(PruneRun.class);

    private final Appliance appliance;
    private final Clock clock;
    private final Function<SetCatalog.SetInfo, State> stateOf;

    public PruneRun(Appliance appliance, Clock clock) {
        this(appliance, clock, SetCatalog.SetInfo::state);
    }

    /**
     * @param stateOf the state retention sees for each set: the server role counts a complete set
     *     only once it is sealed
     */
    public PruneRun(Appliance appliance, Clock clock, Function<SetCatalog.SetInfo, State> stateOf) {
        this.appliance = appliance;
        this.clock = clock;
        this.stateOf = stateOf;
    }

    /** Decides and (unless {@code dryRun}) deletes; prints one line per set folder. Returns the folders removed. */
    public List<String> run(boolean dryRun, PrintStream out) throws IOException {
        requirePruneRole(dryRun);
        LifeboatConfig.Retention retention = appliance.config().retention();
        RetentionPolicy policy = new RetentionPolicy(retention.daily(), retention.weekly(), retention.monthly(),
                retention.partialGrace());
        SetLayout layout = new SetLayout(appliance.setsEnvironment());
        SetCatalog catalog = appliance.catalog();
        List<RetentionPolicy.Candidate> candidates = catalog.sets().stream()
                .map(s -> new RetentionPolicy.Candidate(s.folder(), s.started(), stateOf.apply(s), s.manifest()
                        .map(m -> m.datastores().stream().map(DatastoreRecord::name).collect(Collectors.toSet())).orElse(Set.of())))
                .toList();
        List<RetentionPolicy.Decision> decisions = policy.decide(candidates, clock.instant());
        for (RetentionPolicy.Decision decision : decisions) {
            out.printf("%-6s  %-28s  %s%n", decision.keep() ? "keep" : dryRun ? "would remove" : "remove", decision.folder(),
                    decision.reason());
        }
        List<String> removed = decisions.stream().filter(d -> !d.keep()).map(RetentionPolicy.Decision::folder).toList();
        if (!dryRun) {
            for (String folder : removed) {
                remove(layout, folder);
            }
        }
        // Bodies go only after the sets that referred to them are gone (in a dry run, as if they were).
        AgeIdentity state = appliance.sweepIdentity().orElse(null);
        List<String> problems = new MirrorSweep(appliance.store(), catalog, layout.environmentFolder(), retention.partialGrace())
                .run(state, removed, dryRun, clock.instant(), out);
        if (!problems.isEmpty()) {
            throw new RunFailedException("prune removed the sets above but no mirror body: " + String.join("; ", problems));
        }
        return removed;
    }

    /**
     * The server role; or the backup role (the old behaviour, production pruning over its own
     * credential) when the store lets it delete: a real prune first writes and deletes a probe, so
     * against an append-only account it is refused before it renames or deletes anything.
     */
    private void requirePruneRole(boolean dryRun) throws IOException {
        Role role = appliance.role();
        if (role == Role.SERVER) {
            return;
        }
        if (role != Role.BACKUP) {
            throw new RoleException("'prune' runs only in the server role (on the backup server) or the backup role; this"
                    + " server is configured for " + role + " (" + role.setting() + ")");
        }
        if (dryRun) {
            return;
        }
        BackupStore store = appliance.store();
        String probe = StorePaths.join(appliance.setsEnvironment(), "precheck-prune-" + java.util.UUID.randomUUID());
        try (AtomicWrite write = store.write(probe)) {
            write.write(new byte[] {'\n'});
            write.commit();
        }
        try {
            store.delete(probe);
        } catch (AccessDeniedException e) {
            throw new RoleException("'prune' refused: production's account may not delete on " + store.describe()
                    + " (append-only); retention runs on the backup server itself (lifeboat.server, `lifeboat prune` there)");
        }
    }

    /**
     * Deletes a set folder so that no moment of it looks like a backup: a complete set is first
     * renamed to its {@code .partial} name (it stops being a set, and if this run dies there, the
     * next prune removes it as a stale unfinished set), then deleted.
     */
    private void remove(SetLayout layout, String folder) throws IOException {
        BackupStore store = appliance.store();
        String path = StorePaths.join(layout.environmentFolder(), folder);
        Optional<SetLayout.SetName> name = SetLayout.parse(folder);
        if (name.isPresent() && !name.get().partial()) {
            String partial = layout.partialFolder(name.get().name());
            if (store.stat(partial).isPresent()) {
                store.delete(partial); // a stale unfinished folder of the same name: it goes too
            }
            store.rename(path, partial);
            path = partial;
        }
        store.delete(path);
        LOG.infof("pruned '%s'", StorePaths.join(layout.environmentFolder(), folder));
    }
}
