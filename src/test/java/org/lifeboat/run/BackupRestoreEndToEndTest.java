package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.testing.PostgresSampleData;

/**
 * Backup → list → verify → prune → restore against a real production PostgreSQL, a real staging
 * PostgreSQL and a real sshd, through the command line.
 */
class BackupRestoreEndToEndTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("registry", 2000)
            .withSampleDatabase("auth", 50).withSampleDatabase("ledger", 300);

    private static List<String> completeSets(String environment) throws IOException {
        Path folder = fixture.setsFolder(environment);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> sets = Files.list(folder)) {
            return sets.filter(p -> Files.exists(p.resolve("manifest.json")) && !p.getFileName().toString().endsWith(".partial"))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void backupListVerifyPruneRestoreGivesTheSameData() throws Exception {
        Path backup = fixture.backupConfig("roundtrip", List.of("registry", "auth"), "");
        // staging already has an older, different 'registry': the restore must replace it
        fixture.staging.createDatabase("registry");
        PostgresSampleData.create(fixture.staging, "registry", 7);

        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", backup.toString());
        assertEquals(0, outcome.code(), outcome.err());
        List<String> sets = completeSets("roundtrip");
        assertEquals(1, sets.size());
        Path set = fixture.setsFolder("roundtrip").resolve(sets.get(0));
        assertTrue(Files.exists(set.resolve("postgres/registry.dump.zst.age")));
        assertTrue(Files.exists(set.resolve("postgres/roles.sql.zst.age")));
        String manifest = Files.readString(set.resolve("manifest.json"));
        assertTrue(manifest.contains("\"public.customers\" : 2000"), manifest);

        assertEquals(0, LifeboatFixture.run("list", "--config", backup.toString()).code());
        assertEquals(0, LifeboatFixture.run("verify", "--config", backup.toString()).code());
        assertEquals(0, LifeboatFixture.run("verify", "--deep", "--identity", fixture.identity().toString(),
                "--config", backup.toString()).code());
        assertEquals(0, LifeboatFixture.run("prune", "--dry-run", "--config", backup.toString()).code());
        assertEquals(List.of(sets.get(0)), completeSets("roundtrip"), "prune keeps the only set");

        Path restore = fixture.restoreConfig("roundtrip", fixture.identity());
        // an application still connected to the old database is disconnected by the swap
        try (java.sql.Connection session = fixture.staging.connect("registry")) {
            LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
            assertEquals(0, restored.code(), restored.err());
            assertFalse(session.isValid(2), "the old session was ended");
        }
        for (String db : List.of("registry", "auth")) {
            assertEquals(PostgresSampleData.fingerprint(fixture.production, db), PostgresSampleData.fingerprint(fixture.staging, db),
                    db + " on staging equals production");
        }
        assertEquals(List.of(), fixture.staging.queryColumn("postgres",
                "SELECT datname FROM pg_database WHERE datname LIKE '%lifeboat%'"), "no scratch or previous database is left");
    }

    @Test
    void twoRunsOnOneDayMakeTwoSets() throws Exception {
        // prune after backup would keep only the newer set of the day (retention counts one per day)
        Path backup = fixture.backupConfig("twice", List.of("auth"), "    prune-after-backup: false");
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
        List<String> sets = completeSets("twice");
        assertEquals(2, sets.size(), sets.toString());
        assertTrue(sets.get(1).startsWith(sets.get(0) + "T"), sets.toString());

        // retention keeps one set per day: a real prune removes the older one, never the newest
        Files.writeString(backup, Files.readString(backup) + "  retention:\n    daily: 1\n    weekly: 0\n    monthly: 0\n");
        assertEquals(0, LifeboatFixture.run("prune", "--config", backup.toString()).code());
        assertEquals(List.of(sets.get(1)), completeSets("twice"));
    }

    @Test
    void aCorruptedByteMakesRestoreRefuseAndLeavesLiveDataAlone() throws Exception {
        Path backup = fixture.backupConfig("corrupt", List.of("ledger"), "");
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
        Path artifact = fixture.setsFolder("corrupt").resolve(completeSets("corrupt").get(0)).resolve("postgres/ledger.dump.zst.age");
        try (RandomAccessFile file = new RandomAccessFile(artifact.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x01);
        }
        fixture.staging.createDatabase("ledger");
        PostgresSampleData.create(fixture.staging, "ledger", 11);
        String before = PostgresSampleData.fingerprint(fixture.staging, "ledger");

        assertEquals(1, LifeboatFixture.run("verify", "--config", backup.toString()).code(), "quick verify sees the change");
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("restore", "--config",
                fixture.restoreConfig("corrupt", fixture.identity()).toString());
        assertEquals(1, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("damaged") || outcome.err().contains("sha256"), outcome.err());
        assertEquals(before, PostgresSampleData.fingerprint(fixture.staging, "ledger"), "live database untouched");
        assertFalse(fixture.staging.databaseExists("ledger_lifeboat_restore"), "scratch database dropped");
    }

    @Test
    void aWrongIdentityIsAClearError() throws Exception {
        Path backup = fixture.backupConfig("wrongkey", List.of("auth"), "");
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
        Path otherKeys = fixture.work.resolve("other-keys");
        org.lifeboat.keys.KeyFiles.generate(otherKeys);
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("restore", "--config",
                fixture.restoreConfig("wrongkey", otherKeys.resolve(org.lifeboat.keys.KeyFiles.AGE_IDENTITY)).toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("no identity matches"), outcome.err());
    }

    @Test
    void eachRoleRefusesTheOtherRolesCommands() throws Exception {
        Path backup = fixture.backupConfig("roles", List.of("auth"), "");
        Path restore = fixture.restoreConfig("roles", fixture.identity());
        LifeboatFixture.Outcome restoreOnProduction = LifeboatFixture.run("restore", "--config", backup.toString());
        assertEquals(2, restoreOnProduction.code());
        assertTrue(restoreOnProduction.err().contains("only in the restore role"), restoreOnProduction.err());
        assertEquals(2, LifeboatFixture.run("backup", "--config", restore.toString()).code());
        assertEquals(2, LifeboatFixture.run("prune", "--config", restore.toString()).code());
        assertFalse(Files.exists(fixture.setsFolder("roles")), "nothing was written");
    }

    @Test
    void badCredentialsFailTheBackupWithNoCompleteSet() throws Exception {
        Path wrongPassword = fixture.work.resolve("wrong-password");
        Files.writeString(wrongPassword, "not-the-password\n");
        Files.setPosixFilePermissions(wrongPassword, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path backup = fixture.backupConfig("badcreds", List.of("auth"), "");
        Files.writeString(backup, Files.readString(backup).replace(fixture.production.passwordFile().toString(),
                wrongPassword.toString()));
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("password authentication failed"), outcome.err());
        assertTrue(outcome.err().contains("127.0.0.1:" + fixture.production.port()), outcome.err());
        assertEquals(List.of(), completeSets("badcreds"));
    }

    @Test
    void aChangedHostKeyIsRefusedWithThePresentedFingerprint() throws Exception {
        Path otherHostKey = fixture.work.resolve("other_host_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherHostKey.toString()).start();
        assertEquals(0, keygen.waitFor());
        Path knownHosts = fixture.work.resolve("changed_known_hosts");
        String[] parts = Files.readString(Path.of(otherHostKey + ".pub")).trim().split(" ");
        Files.writeString(knownHosts, "[127.0.0.1]:" + fixture.ssh.port() + " " + parts[0] + " " + parts[1] + "\n");
        Path backup = fixture.backupConfig("hostkey", List.of("auth"), "");
        Files.writeString(backup, Files.readString(backup).replace(fixture.ssh.knownHosts().toString(), knownHosts.toString()));

        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", backup.toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("has CHANGED"), outcome.err());
        assertTrue(outcome.err().contains("SHA256:"), outcome.err());
        assertFalse(Files.exists(fixture.setsFolder("hostkey")), "nothing was written");
    }

    @Test
    void aMissingDatabaseFailsPrecheckAndBackup() throws Exception {
        Path backup = fixture.backupConfig("missingdb", List.of("nosuchdb"), "");
        assertEquals(1, LifeboatFixture.run("precheck", "--config", backup.toString()).code());
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("database 'nosuchdb' does not exist"), outcome.err());
        assertEquals(List.of(), completeSets("missingdb"));
    }
}
