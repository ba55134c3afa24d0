package org.lifeboat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.minio.MinioMode;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }

    private static final String STORE = """
              store:
                type: local
                root: /tmp/sets
            """;

    /** A backup-role configuration of environment {@code prod} on {@link #STORE}: the least the loader accepts. */
    private static final String BACKUP = "lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n";

    @Test
    void theExampleConfigurationsLoad() {
        LifeboatConfig backup = ConfigLoader.load(Path.of("examples/backup.yaml"), Map.of());
        assertEquals(Role.BACKUP, Role.of(backup));
        assertEquals("backup.example.org", backup.store().sftp().orElseThrow().host());
        assertEquals(7, backup.retention().daily());
        LifeboatConfig restore = ConfigLoader.load(Path.of("examples/restore.yaml"), Map.of());
        assertEquals(Role.RESTORE, Role.of(restore));
        assertEquals("production", restore.restore().orElseThrow().sourceEnvironment());
    }

    @Test
    void theExampleMinioRsyncOptionLoadsWhenUncommented() throws IOException {
        String example = Files.readString(Path.of("examples/backup.yaml"));
        String uncommented = example.replace("    # state-identity-file:", "    state-identity-file:")
                .replaceAll("(?m)^    # (minio:|  [a-z-]+:)", "    $1");
        assertTrue(uncommented.contains("\n      mode: rsync"), "examples/backup.yaml changed shape");
        LifeboatConfig config = ConfigLoader.load(write(uncommented), Map.of());
        assertEquals(MinioMode.rsync, config.datastores().minio().orElseThrow().mode());
        assertEquals(Path.of("/etc/lifeboat/keys/state-identity.txt"),
                config.backup().orElseThrow().stateIdentityFile().orElseThrow());
    }

    @Test
    void bothRolesAreRefusedNamingTheSettings() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, BACKUP + "  restore:\n    source-environment: prod\n    identity-file: /i\n",
                "lifeboat.backup and lifeboat.restore");
    }

    @Test
    void noRoleIsRefusedNamingTheSettings() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, "lifeboat:\n  environment: prod\n" + STORE,
                "set lifeboat.backup (production) or lifeboat.restore (staging)");
    }

    @Test
    void anUnknownKeyIsReportedByName() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, BACKUP + "    compresion-level: 5\n", "lifeboat.backup.compresion-level");
    }

    @Test
    void aBadValueIsReportedWithItsKey() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, BACKUP + "  datastores:\n    postgres:\n      port: five\n",
                "lifeboat.datastores.postgres.port");
    }

    @Test
    void aWordThatIsNotABooleanIsRefusedNamingTheKeyAndTheFile() throws IOException {
        Path file = write(BACKUP + "    prune-after-backup: maybe\n");
        String message = ConfigFiles.refusal(file);
        assertTrue(message.contains("lifeboat.backup.prune-after-backup: must be true or false, not 'maybe'"),
                message);
        assertTrue(message.contains(file.toString()), message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(!message.contains("SRCFG"), message);
    }

    @Test
    void yamlThatDoesNotParseIsRefusedNamingTheFile() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n  store: [unclosed\n");
        String message = ConfigFiles.refusal(file);
        assertTrue(message.contains(file.toString()) && message.contains("not valid YAML"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void severalProblemsAreOneLineEachNamedByKey() throws IOException {
        Path file = write(BACKUP + "    compresion-level: 5\n  retention:\n    daily: seven\n");
        String message = ConfigFiles.refusal(file);
        assertTrue(message.contains("lifeboat.backup.compresion-level"), message);
        assertTrue(message.contains("lifeboat.retention.daily"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        Path file = write(BACKUP + "  datastores:\n    postgres:\n      databases: [a, b]\n");
        LifeboatConfig config = ConfigLoader.load(file, Map.of("LIFEBOAT_RETENTION_DAILY", "3",
                "LIFEBOAT_DATASTORES_POSTGRES_PORT", "6543", "LIFEBOAT_CONFIG", file.toString()));
        assertEquals(3, config.retention().daily());
        assertEquals(6543, config.datastores().postgres().orElseThrow().port());
        assertEquals(List.of("a", "b"), config.datastores().postgres().orElseThrow().databases().orElseThrow());
    }

    @Test
    void anEnvironmentNameThatIsNotAFolderNameIsRefused() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, "lifeboat:\n  environment: ../prod\n" + STORE
                + "  backup:\n    recipients-file: /r\n", "lifeboat.environment");
    }

    @Test
    void sftpWithoutItsSettingsIsRefused() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, "lifeboat:\n  environment: prod\n  store:\n    type: sftp\n    root: /srv\n"
                + "  backup:\n    recipients-file: /r\n", "lifeboat.store.sftp");
    }

    private static final String MINIO = """
              datastores:
                minio:
                  endpoint: http://127.0.0.1:9000
                  access-key: lifeboat
                  secret-key-file: /s
            """;

    @Test
    void minioRsyncWithoutAStateIdentityIsRefusedNamingBothSettings() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, BACKUP + MINIO + "      mode: rsync\n",
                "lifeboat.datastores.minio.mode", "lifeboat.backup.state-identity-file");
    }

    @Test
    void minioRsyncWithAStateIdentityLoads() throws IOException {
        Path file = write(BACKUP + "    state-identity-file: /etc/lifeboat/age/state-identity.txt\n"
                + MINIO + "      mode: rsync\n");
        LifeboatConfig config = ConfigLoader.load(file, Map.of());
        assertEquals(MinioMode.rsync, config.datastores().minio().orElseThrow().mode());
        assertEquals(Path.of("/etc/lifeboat/age/state-identity.txt"),
                config.backup().orElseThrow().stateIdentityFile().orElseThrow());
    }

    @Test
    void minioWithoutAModeIsCloneAndNeedsNoStateIdentity() throws IOException {
        Path file = write(BACKUP + MINIO);
        LifeboatConfig config = ConfigLoader.load(file, Map.of());
        assertEquals(MinioMode.clone, config.datastores().minio().orElseThrow().mode());
        assertTrue(config.backup().orElseThrow().stateIdentityFile().isEmpty());
    }

    @Test
    void minioRsyncOnTheRestoreRoleNeedsNoStateIdentity() throws IOException {
        Path file = write("lifeboat:\n  environment: staging\n" + STORE
                + "  restore:\n    source-environment: prod\n    identity-file: /i\n" + MINIO + "      mode: rsync\n");
        LifeboatConfig config = ConfigLoader.load(file, Map.of());
        assertEquals(Role.RESTORE, Role.of(config));
        assertEquals(MinioMode.rsync, config.datastores().minio().orElseThrow().mode());
    }

    @Test
    void anUnknownMinioModeIsRefusedNamingTheModes() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, BACKUP + MINIO + "      mode: incremental\n",
                "lifeboat.datastores.minio.mode", "'clone' or 'rsync'", "incremental");
    }

    @Test
    void aMissingFileIsNamed() {
        String message = ConfigFiles.refusal(dir.resolve("nope.yaml"));
        assertTrue(message.contains("nope.yaml"), message);
    }
}
