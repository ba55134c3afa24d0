package org.lifeboat.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.lifeboat.ConfigException;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.Check;
import org.lifeboat.rebuild.PostRestoreSteps;
import org.lifeboat.rebuild.RestoreStep;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.process.ToolTimeout;
import org.lifeboat.keys.KeyFilePermissions;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * Checks that a run can succeed before it starts: key files, the backup server (reachable with
 * the pinned host key, writable in the backup role, free space against the last set), and each
 * datastore (reachable, tool versions).
 */
public final class Precheck {

    private final Appliance appliance;

    public Precheck(Appliance appliance) {
        this.appliance = appliance;
    }

    /** Runs every check, opening the datastores; never throws for a failed check. */
    public List<Check> run() {
        try {
            return run(appliance.datastores());
        } catch (ConfigException e) {
            List<Check> checks = run(List.of());
            checks.add(Check.misconfigured("datastores", e.getMessage()));
            return checks;
        } catch (IOException e) {
            List<Check> checks = run(List.of());
            checks.add(Check.failed("datastores", e.getMessage()));
            return checks;
        }
    }

    /** Runs every check, on {@code datastores} already opened; never throws for a failed check. */
    public List<Check> run(List<Datastore> datastores) {
        // the backup server and each datastore are checked at once (each waits on its own network
        // round trips), the key files meanwhile; the table keeps this order
        ExecutorService pool = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "precheck");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<List<Check>> server = pool.submit(this::store);
            List<Future<List<Check>>> each = datastores.stream().map(datastore -> pool.submit(
                    () -> ToolTimeout.within(appliance.toolTimeout(datastore.name()), datastore::precheck))).toList();
            List<Check> checks = keys();
            checks.addAll(result(server));
            for (Future<List<Check>> datastore : each) {
                checks.addAll(result(datastore));
            }
            return checks;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one of the concurrent checks found; its own unexpected failure is thrown here, as if it had run on this thread. */
    private static List<Check> result(Future<List<Check>> checks) {
        try {
            return checks.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for precheck", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<Check> keys() {
        List<Check> checks = new ArrayList<>();
        LifeboatConfig config = appliance.config();
        config.backup().ifPresent(b -> checks.add(key("age recipients", () -> b.recipientsFile() + ": "
                + appliance.recipients().publicKeys().size() + " recipient(s)")));
        config.restore().ifPresent(r -> checks.add(key("age identity", () -> r.identityFile() + ": 0600, "
                + appliance.identity().publicKeys().size() + " identity(ies)")));
        config.backup().ifPresent(b -> checks.add(key("manifest signing key", () -> b.signingKeyFile().orElse(null)
                + ": 0600, ed25519 " + appliance.signingKey().publicKey().fingerprint())));
        config.restore().ifPresent(r -> checks.add(key("allowed signers", () -> r.allowedSignersFile().orElse(null) + ": "
                + appliance.allowedSigners().size() + " key(s)")));
        config.server().ifPresent(sv -> checks.add(key("allowed signers", () -> sv.allowedSignersFile() + ": "
                + appliance.allowedSigners().size() + " key(s)")));
        config.backup().flatMap(LifeboatConfig.BackupRole::stateIdentityFile).ifPresent(f -> checks.add(key("state identity",
                () -> f + ": 0600, " + appliance.stateIdentity().orElseThrow().publicKeys().size()
                        + " identity(ies), none of them a recipient")));
        config.restore().ifPresent(r -> checks.add(key("post-restore steps", () -> {
            List<String> names = new PostRestoreSteps(config.datastores().postgres(), config.datastores().mongo())
                    .build(r.postRestore().orElse(List.of())).stream().map(RestoreStep::name).toList();
            return names.isEmpty() ? "none configured" : names.size() + " in order: " + String.join(", ", names);
        })));
        config.store().sftp().ifPresent(s -> checks.add(ownerOnly("ssh private key", s.privateKeyFile())));
        return checks;
    }

    /** A table of the checks, one per line. */
    public static String table(List<Check> checks) {
        int width = checks.stream().mapToInt(c -> c.subject().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        for (Check check : checks) {
            out.append(String.format("%-4s  %-" + width + "s  %s%n", check.ok() ? "ok" : "FAIL", check.subject(), check.detail()));
        }
        return out.toString();
    }

    private List<Check> store() {
        List<Check> checks = new ArrayList<>();
        BackupStore store;
        SetLayout layout = new SetLayout(appliance.setsEnvironment());
        try {
            store = appliance.store();
            SetCatalog catalog = appliance.catalog();
            // one listing and the newest sets only: reading every set would grow with retention
            int sets = catalog.count();
            Optional<SetCatalog.SetInfo> newest = catalog.latest();
            checks.add(Check.ok("backup server", store.describe() + " reachable, " + sets + " sets in '"
                    + layout.environmentFolder() + "', " + newest.map(set -> "the newest complete '" + set.name() + "'")
                            .orElse("none complete")));
            if (appliance.role() == Role.BACKUP) {
                checks.add(writable(store, layout));
                checks.add(freeSpace(store, catalog, newest));
            }
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed("backup server", e.getMessage()));
        }
        return checks;
    }

    private static Check writable(BackupStore store, SetLayout layout) {
        String probe = StorePaths.join(layout.environmentFolder(), "precheck-" + UUID.randomUUID());
        try {
            try (AtomicWrite write = store.write(probe)) {
                write.write("lifeboat precheck\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                write.commit();
            }
            try {
                store.delete(probe);
            } catch (java.nio.file.AccessDeniedException e) {
                // an append-only account may not delete: the backup server's keeper removes the probe
                return Check.ok("backup server writable", "wrote '" + probe + "' (append-only: the server removes it)");
            }
            return Check.ok("backup server writable", "wrote and deleted '" + probe + "'");
        } catch (IOException | RuntimeException e) {
            return Check.failed("backup server writable", e.getMessage());
        }
    }

    private Check freeSpace(BackupStore store, SetCatalog catalog, Optional<SetCatalog.SetInfo> newest) throws IOException {
        long free = store.freeBytes();
        if (newest.isEmpty()) {
            return Check.ok("backup server free space", (free < 0 ? "unknown" : Sizes.bytes(free)) + " free; no earlier set to compare");
        }
        Manifest last = catalog.manifest(newest.get());
        double factor = appliance.config().backup().orElseThrow().freeSpaceFactor();
        long needed = (long) (last.storedBytes() * factor);
        if (free < 0) {
            return Check.ok("backup server free space", "the server does not report free space; last set " + Sizes.bytes(last.storedBytes()));
        }
        String detail = Sizes.bytes(free) + " free, last set " + Sizes.bytes(last.storedBytes()) + " × " + factor + " = "
                + Sizes.bytes(needed) + " needed";
        return free >= needed ? Check.ok("backup server free space", detail) : Check.failed("backup server free space", detail);
    }

    /** A key file read through the appliance, which refuses what is wrong with it naming its setting. */
    private static Check key(String what, Supplier<String> detail) {
        try {
            return Check.ok(what, detail.get());
        } catch (ConfigException e) {
            return Check.misconfigured(what, e.getMessage());
        } catch (RuntimeException e) {
            return Check.failed(what, e.getMessage());
        }
    }

    private static Check ownerOnly(String what, Path file) {
        try {
            if (!Files.exists(file)) {
                return Check.failed(what, "'" + file + "' does not exist");
            }
            KeyFilePermissions.requireOwnerOnly(file);
            return Check.ok(what, file + ": present, 0600");
        } catch (IOException | RuntimeException e) {
            return Check.failed(what, e.getMessage());
        }
    }
}
