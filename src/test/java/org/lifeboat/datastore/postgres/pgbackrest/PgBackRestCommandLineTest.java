package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lifeboat.cli.LifeboatCommand;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.ConfigYaml;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * {@code mode: differential} through the configuration and the command line: production backs up
 * with pgBackRest into the repository beside its sets, staging restores the newest set.
 */
class PgBackRestCommandLineTest {

    @Test
    void backupAndRestoreThroughTheCommandLine() throws Exception {
        try (PgBackRestTestbed testbed = PgBackRestTestbed.start()) {
            testbed.production.createDatabase("ledger");
            PostgresSampleData.create(testbed.production, "ledger", 250);
            String root = testbed.repositoryPath.substring(0, testbed.repositoryPath.length() - "/production/pgbackrest".length());
            Path keys = testbed.dir.resolve("age");
            KeyFiles.generate(keys);

            Path production = write(testbed.dir.resolve("production.yaml"), "production", root, testbed,
                    ConfigYaml.backupRole(keys), testbed.production, testbed.productionSettings(), "        type: full\n");
            Outcome backup = run("backup", "--config", production.toString());
            assertEquals(0, backup.code, backup.err);
            Path set;
            try (Stream<Path> sets = Files.list(Path.of(root, "production"))) {
                set = sets.filter(p -> p.getFileName().toString().startsWith("20") && !p.toString().endsWith(".partial"))
                        .findFirst().orElseThrow();
            }
            assertTrue(Files.exists(set.resolve("manifest.json")));
            assertTrue(Files.exists(set.resolve("postgres/pgbackrest-info.json.zst.age")));
            assertTrue(Files.readString(set.resolve("manifest.json")).contains("\"mode\" : \"differential\""));

            Path staging = write(testbed.dir.resolve("staging.yaml"), "staging", root, testbed,
                    "  restore:\n    source-environment: production\n    identity-file: " + keys.resolve(KeyFiles.AGE_IDENTITY)
                            + "\n    allowed-signers-file: " + keys.resolve(KeyFiles.ALLOWED_SIGNERS) + "\n",
                    testbed.staging, testbed.stagingSettings(), "");
            Outcome restore = run("restore", "--config", staging.toString());
            assertEquals(0, restore.code, restore.err);
            assertEquals(PostgresSampleData.fingerprint(testbed.production, "ledger"),
                    PostgresSampleData.fingerprint(testbed.staging, "ledger"));
        }
    }

    private static Path write(Path file, String environment, String root, PgBackRestTestbed testbed, String role,
            PostgresServer server, PgBackRestSettings settings, String extra) throws Exception {
        PgBackRestSettings.Repository r = settings.repository();
        Files.writeString(file, ConfigYaml.sftpHead(environment, root, testbed.sshd.port(), SshServer.USER, testbed.sshd.clientKey(),
                testbed.sshd.knownHosts()) + role + """
                  datastores:
                    postgres:
                      mode: differential
                      port: %d
                      password-file: %s
                      bin-dir: %s
                      pgbackrest:
                        data-dir: %s
                        socket-dir: %s
                        work-dir: %s
                        ssh-host: 127.0.0.1
                        ssh-port: %d
                        cipher-pass-file: %s
                %s        repository:
                          user: %s
                          config-dir: %s
                          key-file: %s
                          remote-key-file: %s
                          remote-known-hosts-file: %s
                """.formatted(server.port(), testbed.production.passwordFile(), server.binDir(),
                server.dataDir(), server.socketDir(), settings.workDir(), testbed.sshd.port(), testbed.passphraseFile(), extra,
                r.user(), r.configDir(), r.keyFile(), r.remoteKeyFile(), r.remoteKnownHostsFile()));
        return file;
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = LifeboatCommand.execute(args, Map.of(), new PrintWriter(err, true));
        return new Outcome(code, err.toString());
    }
}
