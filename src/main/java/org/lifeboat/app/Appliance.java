package org.lifeboat.app;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.ConfigException;
import org.lifeboat.config.DatastoreKinds;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.AllowedSigners;
import org.lifeboat.keys.Secrets;
import org.lifeboat.keys.SigningKey;
import org.lifeboat.process.ToolTimeout;
import org.lifeboat.repository.ManifestTrust;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.local.LocalBackupStore;
import org.lifeboat.store.sftp.SftpBackupStore;
import org.lifeboat.store.sftp.SftpSettings;

/**
 * One configured Lifeboat: its role, its store and its datastores, built from the configuration.
 * The store connects on first use; {@link #close()} disconnects it.
 */
public final class Appliance implements Closeable {

    private final LifeboatConfig config;
    private final Secrets secrets;
    private BackupStore store;
    private ManifestTrust trust;

    public Appliance(LifeboatConfig config, Map<String, String> env) {
        this.config = config;
        this.secrets = new Secrets(env);
    }

    public LifeboatConfig config() {
        return config;
    }

    public Role role() {
        return Role.of(config);
    }

    /** Refuses to go on unless this server has {@code role}; the message names the command. */
    public void requireRole(Role role, String command) {
        if (role() != role) {
            throw new RoleException("'" + command + "' runs only in the " + role + " role; this server is configured for "
                    + role() + " (" + role().setting() + ")");
        }
    }

    /** The environment whose sets this server reads and writes: its own, or in the restore role the source. */
    public String setsEnvironment() {
        return config.restore().map(LifeboatConfig.RestoreRole::sourceEnvironment).orElse(config.environment());
    }

    /** The backup role's age recipients ({@code lifeboat.backup.recipients-file}). */
    public AgeRecipients recipients() {
        LifeboatConfig.BackupRole backup = config.backup().orElseThrow();
        return keyFile("lifeboat.backup.recipients-file", backup.recipientsFile(), AgeRecipients::read);
    }

    /** The restore role's age identity ({@code lifeboat.restore.identity-file}). */
    public AgeIdentity identity() {
        LifeboatConfig.RestoreRole restore = config.restore().orElseThrow();
        return keyFile("lifeboat.restore.identity-file", restore.identityFile(), AgeIdentity::read);
    }

    /**
     * The backup role's state identity ({@code lifeboat.backup.state-identity-file}), if set. It
     * must be production's own: one that decrypts for a recipient of the sets (staging's identity,
     * given by mistake) would let production read every backup, so it is refused.
     */
    public Optional<AgeIdentity> stateIdentity() {
        LifeboatConfig.BackupRole backup = config.backup().orElseThrow();
        if (backup.stateIdentityFile().isEmpty()) {
            return Optional.empty();
        }
        String key = "lifeboat.backup.state-identity-file";
        AgeIdentity state = keyFile(key, backup.stateIdentityFile().get(), AgeIdentity::read);
        List<String> shared = state.publicKeys().stream().filter(recipients().publicKeys()::contains).toList();
        if (!shared.isEmpty()) {
            throw new ConfigException(key + ": '" + backup.stateIdentityFile().get() + "' is the identity of " + shared
                    + ", a recipient in lifeboat.backup.recipients-file: production could decrypt every set; give it a state"
                    + " identity of its own (`lifeboat keygen --state`)");
        }
        return Optional.of(state);
    }

    /** The backup role's manifest signing key ({@code lifeboat.backup.signing-key-file}). */
    public SigningKey signingKey() {
        LifeboatConfig.BackupRole backup = config.backup().orElseThrow();
        return keyFile("lifeboat.backup.signing-key-file", required("lifeboat.backup.signing-key-file", backup.signingKeyFile(),
                "every set's manifest is signed"), SigningKey::read);
    }

    /**
     * The allowed signers: {@code lifeboat.restore.allowed-signers-file} in the restore role,
     * {@code lifeboat.server.allowed-signers-file} in the server role.
     */
    public AllowedSigners allowedSigners() {
        if (config.server().isPresent()) {
            return keyFile("lifeboat.server.allowed-signers-file", config.server().get().allowedSignersFile(),
                    AllowedSigners::read);
        }
        return keyFile("lifeboat.restore.allowed-signers-file", required("lifeboat.restore.allowed-signers-file",
                config.restore().orElseThrow().allowedSignersFile(), "a set is trusted only when its manifest's signature is"),
                AllowedSigners::read);
    }

    /**
     * The identity that reads the sets' mirror references for the sweep: the backup role's state
     * identity, or in the server role {@code lifeboat.server.state-identity-file}; empty if none.
     */
    public Optional<AgeIdentity> sweepIdentity() {
        if (config.server().isPresent()) {
            return config.server().get().stateIdentityFile()
                    .map(file -> keyFile("lifeboat.server.state-identity-file", file, AgeIdentity::read));
        }
        return stateIdentity();
    }

    /**
     * Which manifests this server believes: in the backup role those signed by its own signing key
     * (it reads its own earlier sets), in the restore and server roles those signed by a key of
     * their allowed-signers file; and unsigned ones before
     * {@code lifeboat.accept-unsigned-before}.
     */
    public synchronized ManifestTrust trust() {
        if (trust == null) {
            AllowedSigners signers = config.backup().isPresent()
                    ? AllowedSigners.of("lifeboat-" + config.environment(), signingKey().publicKey())
                    : allowedSigners();
            trust = new ManifestTrust(signers, config.acceptUnsignedBefore());
        }
        return trust;
    }

    /** The sets of {@code environment} on the store, as this server trusts them. */
    public SetCatalog catalog(String environment) {
        return new SetCatalog(store(), new SetLayout(environment), trust());
    }

    /** The sets this server reads and writes ({@link #setsEnvironment()}). */
    public SetCatalog catalog() {
        return catalog(setsEnvironment());
    }

    private static Path required(String key, Optional<Path> file, String why) {
        return file.orElseThrow(() -> new ConfigException(key + " is not set: " + why + " (`lifeboat keygen` makes the key pair"
                + " and the allowed-signers line)"));
    }

    /** Reads a key file; anything wrong with it is a configuration error naming {@code key} and the file. */
    private static <T> T keyFile(String key, Path file, KeyReader<T> reader) {
        if (!Files.exists(file)) {
            throw new ConfigException(key + ": '" + file + "' does not exist");
        }
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e);
        }
    }

    /** Reads one kind of key file. */
    @FunctionalInterface
    private interface KeyReader<T> {
        T read(Path file) throws IOException;
    }

    /** The store, connected on first use. */
    public synchronized BackupStore store() {
        if (store == null) {
            store = openStore();
        }
        return store;
    }

    /** A store of its own, the caller's to close: for the run lock, refreshed beside the run's own transfers. */
    public BackupStore openStore() {
        LifeboatConfig.Store settings = config.store();
        return switch (settings.type()) {
            case local -> new LocalBackupStore(Path.of(settings.root()));
            case sftp -> {
                LifeboatConfig.Sftp sftp = settings.sftp().orElseThrow();
                yield new SftpBackupStore(new SftpSettings(sftp.host(), sftp.port(), sftp.user(), sftp.privateKeyFile(),
                        sftp.knownHostsFile(), settings.root(), sftp.connectTimeout(), config.timeouts().store()));
            }
        };
    }

    /** The time limit of each tool {@code datastore} runs: its own {@code lifeboat.timeouts.datastores.NAME} or the default. */
    public ToolTimeout toolTimeout(String datastore) {
        Duration own = config.timeouts().datastores().get(datastore);
        return own != null ? new ToolTimeout(own, "lifeboat.timeouts.datastores." + datastore)
                : new ToolTimeout(config.timeouts().tool(), "lifeboat.timeouts.tool");
    }

    /** Every configured datastore, in run order, restoring to the backups themselves. */
    public List<Datastore> datastores() throws IOException {
        return datastores(List.of(), Optional.empty());
    }

    /**
     * The configured datastores, in run order.
     *
     * @param only names to keep; empty keeps all. A name that is not configured is refused.
     * @param pointInTime a restore to a moment between backups instead of the backups themselves
     */
    public List<Datastore> datastores(List<String> only, Optional<PointInTime> pointInTime) throws IOException {
        List<DatastoreKinds.Configured<?>> configured = DatastoreKinds.configured(config);
        for (String name : only) {
            if (configured.stream().noneMatch(c -> c.kind().name().equals(name))) {
                throw new ConfigException("datastore '" + name + "' is not configured (lifeboat.datastores." + name + ")");
            }
        }
        DatastoreContext context = datastoreContext(pointInTime);
        List<Datastore> datastores = new ArrayList<>();
        for (DatastoreKinds.Configured<?> datastore : configured) {
            if (only.isEmpty() || only.contains(datastore.kind().name())) {
                datastores.add(datastore.open(context));
            }
        }
        return datastores;
    }

    /** What the datastore families need from this appliance to build its datastores. */
    public DatastoreContext datastoreContext(Optional<PointInTime> pointInTime) {
        Optional<DatastoreContext.SshServer> backupServer = config.store().sftp()
                .map(s -> new DatastoreContext.SshServer(s.host(), s.port(), s.knownHostsFile()));
        return new DatastoreContext(secrets, setsEnvironment(), config.store().root(), backupServer, config.retention().daily(),
                config.retention().weekly(), pointInTime, config.restore().map(r -> r.keepReplaced()).orElse(false));
    }

    @Override
    public void close() throws IOException {
        if (store != null) {
            store.close();
        }
    }
}
