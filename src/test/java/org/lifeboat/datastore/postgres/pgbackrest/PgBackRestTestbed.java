package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * Real servers for the pgBackRest tests, all on 127.0.0.1: a production PostgreSQL 15 archiving
 * WAL through pgBackRest 2.45, a staging one restored into, and an sshd standing for both the
 * backup server (as {@link SshServer#USER}, owner of the repository) and the database host (as
 * {@code postgres}, which pgBackRest on the repository host reaches back to). Keys: one for the
 * database host's {@code postgres} user towards the repository host, one for the repository user
 * towards {@code postgres}; the sshd's host key is pinned on both sides.
 */
final class PgBackRestTestbed implements AutoCloseable {

    static final String STANZA = "main";

    final SshServer sshd;
    final PostgresServer production;
    final PostgresServer staging;
    final Path dir;
    final String repositoryPath;
    private final String productionConfigDir;
    private final String stagingConfigDir;

    private PgBackRestTestbed(SshServer sshd, PostgresServer production, PostgresServer staging, Path dir) throws IOException {
        this.sshd = sshd;
        this.production = production;
        this.staging = staging;
        this.dir = dir;
        this.repositoryPath = PgBackRestSettings.repositoryPath(sshd.root(), "production");
        this.productionConfigDir = sshd.root() + "/lifeboat-production";
        this.stagingConfigDir = sshd.root() + "/lifeboat-staging";
    }

    static PgBackRestTestbed start() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/pgbackrest"))) {
            throw new IllegalStateException("/usr/bin/pgbackrest is missing: run scripts/install-deps (tests need pgBackRest 2.45)");
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-pgbr-test-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SshServer sshd = SshServer.start();
        PostgresServer production = PostgresServer.start();
        PostgresServer staging = PostgresServer.start();
        PgBackRestTestbed testbed = new PgBackRestTestbed(sshd, production, staging, dir);
        testbed.keys();
        Files.writeString(testbed.passphraseFile(), "correct-horse-battery-staple-" + System.nanoTime() + "\n");
        Files.setPosixFilePermissions(testbed.passphraseFile(), PosixFilePermissions.fromString("rw-------"));
        production.enableArchiving(PgBackRestPrecheck.archiveCommand(testbed.productionSettings()));
        // a physical restore brings production's roles: staging's superuser gets production's password up front
        staging.changePassword(production.password());
        return testbed;
    }

    /** The database host's key (postgres → repository user) and the repository's (repository user → postgres). */
    private void keys() throws Exception {
        Path pgKey = dir.resolve("pg_ed25519");
        keygen(pgKey);
        for (Path file : new Path[] {pgKey, Path.of(pgKey + ".pub")}) {
            chown(file, "postgres");
        }
        sshd.authorize(SshServer.USER, Path.of(pgKey + ".pub"));
        Path repoDir = dir.resolve("repository-side");
        Files.createDirectories(repoDir);
        Path repoKey = repoDir.resolve("repo_ed25519");
        keygen(repoKey);
        for (Path file : new Path[] {repoDir, repoKey, Path.of(repoKey + ".pub")}) {
            chown(file, SshServer.USER);
        }
        sshd.authorize("postgres", Path.of(repoKey + ".pub"));
    }

    Path passphraseFile() {
        return dir.resolve("pgbackrest-passphrase");
    }

    PgBackRestSettings productionSettings() {
        return settings(production, "production", productionConfigDir, passphraseFile(), Optional.empty());
    }

    PgBackRestSettings stagingSettings() {
        return settings(staging, "staging", stagingConfigDir, passphraseFile(), Optional.empty());
    }

    PgBackRestSettings settings(PostgresServer server, String name, String configDir, Path passphrase, Optional<String> type) {
        PgBackRestSettings.Cluster cluster = new PgBackRestSettings.Cluster(server.dataDir(), server.socketDir(), "postgres",
                server.binDir(), sshd.host(), sshd.port());
        PgBackRestSettings.Repository repository = new PgBackRestSettings.Repository(sshd.host(), sshd.port(), SshServer.USER,
                repositoryPath, configDir, dir.resolve("pg_ed25519"), sshd.knownHosts(),
                dir.resolve("repository-side/repo_ed25519").toString(), sshd.knownHosts().toString());
        return new PgBackRestSettings(STANZA, Path.of("/usr/bin/pgbackrest"), dir.resolve(name + "-work"), cluster, repository,
                passphrase, DayOfWeek.SUNDAY, type, 2, 7, PgBackRestSettings.Restore.latestBackup());
    }

    /** Staging settings whose repository-side files go to their own folder (for a wrong passphrase). */
    PgBackRestSettings stagingSettings(String configDirName, Path passphrase) {
        return settings(staging, "staging-" + configDirName, stagingConfigDir + "-" + configDirName, passphrase, Optional.empty());
    }

    PgBackRestDatastore datastore(PostgresServer server, PgBackRestSettings settings) throws IOException {
        return new PgBackRestDatastore("pg-differential", endpoint(server, server.port()), settings);
    }

    static PostgresEndpoint endpoint(PostgresServer server, int port) {
        return new PostgresEndpoint("127.0.0.1", port, "postgres", server.password(), server.binDir());
    }

    @Override
    public void close() throws Exception {
        try {
            production.close();
            staging.close();
        } finally {
            sshd.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void keygen(Path key) throws Exception {
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "ssh-keygen failed: " + output);
    }

    private static void chown(Path path, String user) throws IOException {
        Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
    }
}
