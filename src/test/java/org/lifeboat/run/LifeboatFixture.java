package org.lifeboat.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lifeboat.cli.LifeboatCommand;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * Real servers for end-to-end runs: a production PostgreSQL, a staging PostgreSQL, an sshd backup
 * server, and Lifeboat keys; writes configurations for either role and runs the command line.
 */
final class LifeboatFixture implements AutoCloseable {

    final PostgresServer production;
    final PostgresServer staging;
    final SshServer ssh;
    final Path keys;
    final Path work;
    final String root;

    LifeboatFixture() throws IOException {
        production = PostgresServer.start();
        staging = PostgresServer.start();
        ssh = SshServer.start();
        work = Files.createTempDirectory("lifeboat-e2e");
        keys = work.resolve("keys");
        KeyFiles.generate(keys);
        root = ssh.root();
    }

    /**
     * A backup-role configuration for {@code environment} backing up {@code databases} of
     * production; {@code backupSettings} are more lines of {@code lifeboat.backup}, indented by 4.
     */
    Path backupConfig(String environment, List<String> databases, String backupSettings) throws IOException {
        return write(environment + "-backup.yaml", """
                lifeboat:
                  environment: %s
                %s
                  backup:
                    recipients-file: %s
                    signing-key-file: %s
                %s
                  datastores:
                    postgres:
                      host: 127.0.0.1
                      port: %d
                      password-file: %s
                      bin-dir: %s
                      databases: [%s]
                """.formatted(environment, store(), keys.resolve(KeyFiles.AGE_RECIPIENTS), keys.resolve(KeyFiles.SIGNING_KEY),
                backupSettings, production.port(),
                production.passwordFile(), production.binDir(), String.join(", ", databases)));
    }

    /** A restore-role configuration reading {@code source}'s sets into staging. */
    Path restoreConfig(String source, Path identity) throws IOException {
        return write(source + "-restore.yaml", """
                lifeboat:
                  environment: staging
                %s
                  restore:
                    source-environment: %s
                    identity-file: %s
                    allowed-signers-file: %s
                  datastores:
                    postgres:
                      host: 127.0.0.1
                      port: %d
                      password-file: %s
                      bin-dir: %s
                """.formatted(store(), source, identity, keys.resolve(KeyFiles.ALLOWED_SIGNERS), staging.port(), staging.passwordFile(), staging.binDir()));
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

    private String store() {
        return """
                  store:
                    type: sftp
                    root: %s
                    sftp:
                      host: 127.0.0.1
                      port: %d
                      user: %s
                      private-key-file: %s
                      known-hosts-file: %s
                """.formatted(root, ssh.port(), ssh.user(), ssh.clientKey(), ssh.knownHosts());
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs the command line; returns its exit code and what it wrote to stderr and stdout. */
    static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = LifeboatCommand.execute(args, Map.of(), new PrintWriter(err, true));
            return new Outcome(code, err.toString(), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    record Outcome(int code, String err, String out) {
    }

    @Override
    public void close() throws IOException {
        ssh.close();
        production.close();
        staging.close();
    }
}
