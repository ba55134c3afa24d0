package org.lifeboat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.ConfigException;
import org.lifeboat.datastore.minio.MinioMode;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("lifeboat.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String STORE = """
              store:
                type: local
                root: /tmp/sets
            """;

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
        Path file = write("lifeboat:\n  environment: prod\n" + STORE
                + "  backup:\n    recipients-file: /r\n  restore:\n    source-environment: prod\n    identity-file: /i\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.backup and lifeboat.restore"), e.getMessage());
    }

    @Test
    void noRoleIsRefusedNamingTheSettings() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("set lifeboat.backup (production) or lifeboat.restore (staging)"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsReportedByName() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n    compresion-level: 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.backup.compresion-level"), e.getMessage());
    }

    @Test
    void aBadValueIsReportedWithItsKey() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE
                + "  backup:\n    recipients-file: /r\n  datastores:\n    postgres:\n      port: five\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.datastores.postgres.port"), e.getMessage());
    }

    @Test
    void aWordThatIsNotABooleanIsRefusedNamingTheKeyAndTheFile() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n"
                + "    prune-after-backup: maybe\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.backup.prune-after-backup: must be true or false, not 'maybe'"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(!e.getMessage().contains("SRCFG"), e.getMessage());
    }

    @Test
    void yamlThatDoesNotParseIsRefusedNamingTheFile() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n  store: [unclosed\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not valid YAML"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void severalProblemsAreOneLineEachNamedByKey() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n"
                + "    compresion-level: 5\n  retention:\n    daily: seven\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.backup.compresion-level"), e.getMessage());
        assertTrue(e.getMessage().contains("lifeboat.retention.daily"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n"
                + "  datastores:\n    postgres:\n      databases: [a, b]\n");
        LifeboatConfig config = ConfigLoader.load(file, Map.of("LIFEBOAT_RETENTION_DAILY", "3",
                "LIFEBOAT_DATASTORES_POSTGRES_PORT", "6543", "LIFEBOAT_CONFIG", file.toString()));
        assertEquals(3, config.retention().daily());
        assertEquals(6543, config.datastores().postgres().orElseThrow().port());
        assertEquals(List.of("a", "b"), config.datastores().postgres().orElseThrow().databases().orElseThrow());
    }

    @Test
    void anEnvironmentNameThatIsNotAFolderNameIsRefused() throws IOException {
        Path file = write("lifeboat:\n  environment: ../prod\n" + STORE + "  backup:\n    recipients-file: /r\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.environment"), e.getMessage());
    }

    @Test
    void sftpWithoutItsSettingsIsRefused() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n  store:\n    type: sftp\n    root: /srv\n"
                + "  backup:\n    recipients-file: /r\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.store.sftp"), e.getMessage());
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
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n"
                + MINIO + "      mode: rsync\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.datastores.minio.mode"), e.getMessage());
        assertTrue(e.getMessage().contains("lifeboat.backup.state-identity-file"), e.getMessage());
    }

    @Test
    void minioRsyncWithAStateIdentityLoads() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE
                + "  backup:\n    recipients-file: /r\n    state-identity-file: /etc/lifeboat/age/state-identity.txt\n"
                + MINIO + "      mode: rsync\n");
        LifeboatConfig config = ConfigLoader.load(file, Map.of());
        assertEquals(MinioMode.rsync, config.datastores().minio().orElseThrow().mode());
        assertEquals(Path.of("/etc/lifeboat/age/state-identity.txt"),
                config.backup().orElseThrow().stateIdentityFile().orElseThrow());
    }

    @Test
    void minioWithoutAModeIsCloneAndNeedsNoStateIdentity() throws IOException {
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n" + MINIO);
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
        Path file = write("lifeboat:\n  environment: prod\n" + STORE + "  backup:\n    recipients-file: /r\n"
                + MINIO + "      mode: incremental\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("lifeboat.datastores.minio.mode"), e.getMessage());
        assertTrue(e.getMessage().contains("'clone' or 'rsync'"), e.getMessage());
        assertTrue(e.getMessage().contains("incremental"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }
}
