package org.lifeboat.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.CommandRun;
import org.lifeboat.testing.ConfigYaml;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * Real servers for end-to-end runs: a production PostgreSQL, a staging PostgreSQL, an sshd backup
 * server, and Lifeboat keys; writes configurations for either role and runs the command line.
 *
 * <p>{@code new LifeboatFixture()} starts the servers at once and its caller closes it. {@link
 * #perClass()} on a static {@code @RegisterExtension} field starts them before the class's
 * {@code @BeforeAll} methods and closes them after its {@code @AfterAll} methods; its fields are
 * set from then on.
 */
final class LifeboatFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    PostgresServer production;
    PostgresServer staging;
    SshServer ssh;
    Path keys;
    Path work;
    String root;
    private final Map<String, Integer> sampleDatabases = new LinkedHashMap<>();

    LifeboatFixture() throws IOException {
        start();
    }

    private LifeboatFixture(Void perClass) {
    }

    /** A fixture whose servers start and stop with the test class that registers it as an extension. */
    static LifeboatFixture perClass() {
        return new LifeboatFixture((Void) null);
    }

    /** Production holds database {@code name} with {@code rows} rows of {@link PostgresSampleData} from the servers' start. */
    LifeboatFixture withSampleDatabase(String name, int rows) {
        if (production != null) {
            throw new IllegalStateException("the servers run already: create database '" + name + "' yourself");
        }
        sampleDatabases.put(name, rows);
        return this;
    }

    private void start() throws IOException {
        production = PostgresServer.start();
        staging = PostgresServer.start();
        ssh = SshServer.start();
        work = Files.createTempDirectory("lifeboat-e2e");
        keys = work.resolve("keys");
        KeyFiles.generate(keys);
        root = ssh.root();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
        for (Map.Entry<String, Integer> database : sampleDatabases.entrySet()) {
            production.createDatabase(database.getKey());
            PostgresSampleData.create(production, database.getKey(), database.getValue());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /**
     * A backup-role configuration for {@code environment} backing up {@code databases} of
     * production; {@code backupSettings} are more lines of {@code lifeboat.backup}, indented by 4.
     */
    Path backupConfig(String environment, List<String> databases, String backupSettings) throws IOException {
        return write(environment + "-backup.yaml", head(environment) + "\n" + ConfigYaml.backupRole(keys) + backupSettings
                + "\n  datastores:\n" + ConfigYaml.postgres(production) + "      databases: [" + String.join(", ", databases) + "]\n");
    }

    /** A restore-role configuration reading {@code source}'s sets into staging. */
    Path restoreConfig(String source, Path identity) throws IOException {
        return write(source + "-restore.yaml", head("staging") + """

                  restore:
                    source-environment: %s
                    identity-file: %s
                    allowed-signers-file: %s
                  datastores:
                """.formatted(source, identity, keys.resolve(KeyFiles.ALLOWED_SIGNERS)) + ConfigYaml.postgres(staging));
    }

    Path identity() {
        return keys.resolve(KeyFiles.AGE_IDENTITY);
    }

    /** A 0600 file holding {@code secret}, for a {@code *-file} setting. */
    Path secretFile(String name, String secret) throws IOException {
        Path file = work.resolve(name + "-secret");
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Where a set folder of {@code environment} is on this machine's file system (the sshd is local). */
    Path setsFolder(String environment) {
        return Path.of(root, environment);
    }

    /** {@code lifeboat:}, {@code environment} and the store: the sshd's folder {@link #root}. */
    private String head(String environment) {
        return ConfigYaml.sftpHead(environment, root, ssh.port(), ssh.user(), ssh.clientKey(), ssh.knownHosts());
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs the command line; returns its exit code and what it wrote to stderr and stdout. */
    static Outcome run(String... args) {
        CommandRun.Outcome outcome = CommandRun.run(args);
        return new Outcome(outcome.code(), outcome.err(), outcome.out());
    }

    record Outcome(int code, String err, String out) {
    }

    @Override
    public void close() throws IOException {
        // a start that failed part-way leaves the later servers unset: there is nothing of them to stop
        if (ssh != null) {
            ssh.close();
        }
        if (production != null) {
            production.close();
        }
        if (staging != null) {
            staging.close();
        }
    }
}
