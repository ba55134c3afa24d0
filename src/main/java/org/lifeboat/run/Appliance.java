package org.lifeboat.run;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.config.ConfigException;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.minio.MinioDatastore;
import org.lifeboat.datastore.minio.MinioSettings;
import org.lifeboat.datastore.pgbackrest.PgBackRestDatastore;
import org.lifeboat.datastore.mongo.MongoDumpDatastore;
import org.lifeboat.datastore.mongo.MongoSettings;
import org.lifeboat.datastore.influx.InfluxDumpDatastore;
import org.lifeboat.datastore.influx.InfluxSettings;
import org.lifeboat.datastore.postgres.PgDumpDatastore;
import org.lifeboat.datastore.postgres.PgDumpOptions;
import org.lifeboat.datastore.postgres.PostgresEndpoint;
import org.lifeboat.keys.KeyFilePermissions;
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
    private final Map<String, String> env;
    private BackupStore store;
    private Optional<PointInTime> pointInTime = Optional.empty();

    public Appliance(LifeboatConfig config, Map<String, String> env) {
        this.config = config;
        this.env = Map.copyOf(env);
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

    /**
     * A disaster-recovery restore to a moment between backups (PostgreSQL in differential mode),
     * instead of the backup itself.
     *
     * @param time a timestamp such as {@code 2026-11-22 14:30:00+00}, or null
     * @param lsn a WAL position such as {@code 0/3000060}, or null
     */
    public record PointInTime(String time, String lsn) {
    }

    /** Restores to {@code target} instead of the backup itself; call before {@link #datastores}. */
    public void restoreTo(PointInTime target) {
        if (target.time() != null && target.lsn() != null) {
            throw new ConfigException("give --target-time or --target-lsn, not both");
        }
        pointInTime = Optional.of(target);
    }

    /** The environment whose sets this server reads and writes: its own, or in the restore role the source. */
    public String setsEnvironment() {
        return config.restore().map(LifeboatConfig.RestoreRole::sourceEnvironment).orElse(config.environment());
    }

    /** The store, connected on first use. */
    public BackupStore store() {
        if (store == null) {
            LifeboatConfig.Store settings = config.store();
            store = switch (settings.type()) {
                case local -> new LocalBackupStore(Path.of(settings.root()));
                case sftp -> {
                    LifeboatConfig.Sftp sftp = settings.sftp().orElseThrow();
                    yield new SftpBackupStore(new SftpSettings(sftp.host(), sftp.port(), sftp.user(), sftp.privateKeyFile(),
                            sftp.knownHostsFile(), settings.root(), sftp.connectTimeout()));
                }
            };
        }
        return store;
    }

    /** The configured datastores, in a fixed order; {@code only} limits them to one name. */
    public List<Datastore> datastores(String only) throws IOException {
        List<Datastore> datastores = new ArrayList<>();
        var postgres = config.datastores().postgres();
        if (postgres.isPresent()) {
            LifeboatConfig.Postgres pg = postgres.get();
            PostgresEndpoint endpoint = new PostgresEndpoint(pg.host(), pg.port(), pg.user(),
                    password("lifeboat.datastores.postgres", pg.passwordFile().orElse(null), pg.passwordEnv().orElse(null)),
                    pg.binDir());
            if (pg.mode().equals("differential")) {
                datastores.add(new PgBackRestDatastore("postgres", endpoint, PgBackRestWiring.settings(config, pg,
                        setsEnvironment(), pointInTime)));
            } else {
                if (pointInTime.isPresent()) {
                    throw new ConfigException("a point-in-time restore needs lifeboat.datastores.postgres.mode: differential");
                }
                datastores.add(new PgDumpDatastore("postgres", endpoint, new PgDumpOptions(pg.databases().orElse(List.of()),
                        pg.excludeDatabases().orElse(List.of()), pg.includeRolePasswords(), pg.restoreOwnership())));
            }
        }
        var mongo = config.datastores().mongo();
        if (mongo.isPresent()) {
            LifeboatConfig.Mongo mg = mongo.get();
            datastores.add(new MongoDumpDatastore("mongo", new MongoSettings(mg.connectionString(), mg.user().orElse(null),
                    password("lifeboat.datastores.mongo", mg.passwordFile().orElse(null), mg.passwordEnv().orElse(null)),
                    mg.authDatabase().orElse(null), mg.databases().orElse(List.of()), mg.excludeDatabases().orElse(List.of()),
                    mg.excludeCollections().orElse(List.of()))));
        }
        var influx = config.datastores().influx();
        if (influx.isPresent()) {
            LifeboatConfig.Influx in = influx.get();
            datastores.add(new InfluxDumpDatastore("influx", new InfluxSettings(in.url(), in.user().orElse(null),
                    password("lifeboat.datastores.influx", in.passwordFile().orElse(null), in.passwordEnv().orElse(null)),
                    in.databases().orElse(List.of()), in.excludeDatabases().orElse(List.of()),
                    in.excludeMeasurements().orElse(List.of()), in.chunkDuration(), in.batchSize(), in.timeout())));
        }
        var minio = config.datastores().minio();
        if (minio.isPresent()) {
            LifeboatConfig.Minio mn = minio.get();
            datastores.add(new MinioDatastore("minio", new MinioSettings(mn.mode(), mn.endpoint(), mn.accessKey(),
                    password("lifeboat.datastores.minio", mn.secretKeyFile().orElse(null), mn.secretKeyEnv().orElse(null)),
                    mn.buckets().orElse(List.of()), mn.excludeBuckets().orElse(List.of()), mn.excludePrefixes().orElse(List.of()))));
        }
        if (only != null) {
            datastores.removeIf(d -> !d.name().equals(only));
            if (datastores.isEmpty()) {
                throw new ConfigException("datastore '" + only + "' is not configured (lifeboat.datastores." + only + ")");
            }
        }
        return datastores;
    }

    /** A password from a 0600 file or from a named environment variable; never logged. */
    private String password(String setting, Path file, String envName) throws IOException {
        if (file != null) {
            KeyFilePermissions.requireOwnerOnly(file);
            try {
                return Files.readString(file).strip();
            } catch (NoSuchFileException e) {
                throw new ConfigException(setting + ".password-file: '" + file + "' does not exist");
            }
        }
        if (envName != null) {
            String value = env.get(envName);
            if (value == null) {
                throw new ConfigException(setting + ".password-env: environment variable " + envName + " is not set");
            }
            return value;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (store != null) {
            store.close();
        }
    }
}
