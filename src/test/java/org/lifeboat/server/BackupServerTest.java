package org.lifeboat.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.cli.LifeboatCommand;
import org.lifeboat.datastore.minio.S3Fixture;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.retention.RetentionPolicy;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.sftp.SftpBackupStore;
import org.lifeboat.store.sftp.SftpSettings;
import org.lifeboat.testing.BackupServerAccounts;
import org.lifeboat.testing.ConfigYaml;
import org.lifeboat.testing.LifeboatProcess;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.S3Server;

/**
 * The backup server as {@code ansible/backup-server.yml} makes it, over a real sshd, with real
 * separate Unix users: production's key cannot delete, rename, overwrite, truncate, chmod or
 * rmdir a sealed set or mirror body, and its next backup still works; staging's key writes a
 * report and nothing else, and cannot read another environment. The playbook runs again without
 * a change.
 */
class BackupServerTest {

    private static final String ENV = BackupServerAccounts.ENVIRONMENT;

    private static BackupServerAccounts server;
    private static PostgresServer production;
    private static Path backupConfig;
    private static String firstSet;

    @BeforeAll
    static void backupAndSeal() throws Exception {
        server = BackupServerAccounts.start(Map.of("daily", 4, "weekly", 0, "monthly", 0));
        production = PostgresServer.start();
        production.createDatabase("ledger");
        PostgresSampleData.create(production, "ledger", 200);
        backupConfig = server.work().resolve("production.yaml");
        Files.writeString(backupConfig, ConfigYaml.sftpHead(ENV, server.root().toString(), server.ssh().port(),
                BackupServerAccounts.WRITER, server.keys().resolve(BackupServerAccounts.WRITER), server.ssh().knownHosts())
                + ConfigYaml.backupRole(server.keys()) + "  datastores:\n" + ConfigYaml.postgres(production)
                + "      databases: [ledger]\n");
        Outcome backup = run("backup", "--config", backupConfig.toString());
        assertEquals(0, backup.code(), "precheck and backup through the append-only account:\n" + backup.err() + backup.out());
        firstSet = sets().get(0);
        Outcome seal = run("seal", "--config", server.serverConfig(ENV).toString());
        assertEquals(0, seal.code(), seal.err());
        assertTrue(seal.out().contains("sealed      " + firstSet), seal.out());
    }

    @AfterAll
    static void stop() throws IOException {
        if (production != null) {
            production.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePlaybookRunsAgainWithoutAChange() throws IOException {
        String output = server.playbook();
        String recap = output.substring(output.indexOf("PLAY RECAP"));
        assertTrue(recap.contains(" changed=0 ") && recap.contains(" failed=0 "), recap);
        assertTrue(Files.isRegularFile(server.systemdUnits().resolve("lifeboat-seal@.path")), "the units are written");
    }

    @Test
    void aSealedSetBelongsToTheKeeperAndIsReadOnly() throws IOException {
        Path set = server.environment(ENV).resolve(firstSet);
        try (Stream<Path> all = Files.walk(set)) {
            for (Path path : all.toList()) {
                assertEquals(BackupServerAccounts.KEEPER, Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName(), path.toString());
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                assertEquals(Files.isDirectory(path) ? SetSeal.FOLDER_MODE : SetSeal.FILE_MODE, mode, path.toString());
            }
        }
    }

    @Test
    void productionCannotDestroyOrChangeASealedSetAndItsNextBackupWorks() throws Exception {
        String set = ENV + "/" + firstSet;
        Path manifest = server.environment(ENV).resolve(firstSet).resolve("manifest.json");
        byte[] before = Files.readAllBytes(manifest);
        try (BackupStore writer = new SftpBackupStore(server.settings(BackupServerAccounts.WRITER))) {
            assertThrows(AccessDeniedException.class, () -> writer.delete(set));
            assertThrows(AccessDeniedException.class, () -> writer.delete(set + "/manifest.json"));
            assertThrows(IOException.class, () -> writer.rename(set, ENV + "/2020-01-01"));
            assertThrows(IOException.class, () -> writer.rename(set + "/manifest.json", set + "/postgres/manifest.json"));
            assertThrows(IOException.class, () -> write(writer, set + "/extra.txt"));
        }
        try (Raw raw = Raw.open(server.settings(BackupServerAccounts.WRITER))) {
            String remote = server.root() + "/" + set;
            assertDenied(() -> raw.channel.put(new ByteArrayInputStream("forged".getBytes()), remote + "/manifest.json",
                    ChannelSftp.OVERWRITE), "overwrite (and truncate) the manifest");
            assertDenied(() -> raw.channel.chmod(0666, remote + "/manifest.json"), "chmod the manifest");
            SftpATTRS empty = raw.channel.stat(remote + "/manifest.json");
            empty.setSIZE(0);
            assertDenied(() -> raw.channel.setStat(remote + "/manifest.json", empty), "truncate the manifest by setstat");
            assertDenied(() -> raw.channel.rmdir(remote + "/postgres"), "rmdir a folder of the set");
            assertDenied(() -> raw.channel.rm(remote + "/postgres/ledger.dump.zst.age"), "rm an artifact");
            assertDenied(() -> raw.channel.rename(remote, remote + "-moved"), "rename the set");
        }
        assertArrayEquals(before, Files.readAllBytes(manifest), "the manifest is unchanged");

        Outcome again = run("backup", "--config", backupConfig.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(sets().size() >= 2, sets().toString());
        Outcome seal = run("seal", "--config", server.serverConfig(ENV).toString());
        assertEquals(0, seal.code(), seal.err());
        Outcome list = run("list", "--config", server.serverConfig(ENV).toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(firstSet), list.out());
    }

    @Test
    void theKeeperSealsAsItselfWithOnlyTheThreeCapabilitiesOfItsUnit() throws Exception {
        Outcome backup = run("backup", "--skip-precheck", "--config", backupConfig.toString());
        assertEquals(0, backup.code(), backup.err());
        String newest = sets().get(sets().size() - 1);
        Path set = server.environment(ENV).resolve(newest);
        assertEquals(BackupServerAccounts.WRITER, Files.getOwner(set).getName(), "published, not yet sealed");
        List<String> asKeeper = List.of("setpriv", "--reuid=" + BackupServerAccounts.KEEPER, "--regid=" + BackupServerAccounts.KEEPER,
                "--init-groups");
        List<String> capabilities = List.of("--inh-caps=+chown,+fowner,+dac_override", "--ambient-caps=+chown,+fowner,+dac_override",
                "--bounding-set=-all,+chown,+fowner,+dac_override");

        // read access alone (which the test's class path under /root needs anyway) does not let it take them
        List<String> readOnly = new java.util.ArrayList<>(asKeeper);
        readOnly.addAll(List.of("--inh-caps=+dac_override", "--ambient-caps=+dac_override", "--bounding-set=-all,+dac_override"));
        LifeboatProcess.Outcome bare = LifeboatProcess.run(readOnly, "seal", "--config", server.serverConfig(ENV).toString());
        assertEquals(1, bare.code(), bare.output());
        assertTrue(bare.output().contains("unable to seal '" + ENV + "/" + newest + "'") && bare.output().contains("CAP_CHOWN"),
                bare.output());
        assertEquals(BackupServerAccounts.WRITER, Files.getOwner(set).getName());

        List<String> unit = new java.util.ArrayList<>(asKeeper);
        unit.addAll(capabilities);
        LifeboatProcess.Outcome sealed = LifeboatProcess.run(unit, "seal", "--config", server.serverConfig(ENV).toString());
        assertEquals(0, sealed.code(), sealed.output());
        assertTrue(sealed.output().contains("sealed      " + newest), sealed.output());
        assertEquals(BackupServerAccounts.KEEPER, Files.getOwner(set).getName());
    }

    @Test
    void aMirrorBodyIsAppendOnly() throws Exception {
        String body = ENV + "/minio-mirror/ab/ab" + "0".repeat(62) + ".zst.age";
        String second = ENV + "/minio-mirror/ab/ab" + "1".repeat(62) + ".zst.age";
        try (BackupStore writer = new SftpBackupStore(server.settings(BackupServerAccounts.WRITER))) {
            write(writer, ENV + "/minio-mirror/incoming/first.zst.age");
            writer.rename(ENV + "/minio-mirror/incoming/first.zst.age", body);
            assertEquals(0, run("seal", "--config", server.serverConfig(ENV).toString()).code());

            assertThrows(AccessDeniedException.class, () -> writer.delete(body));
            assertThrows(IOException.class, () -> writer.rename(body, ENV + "/minio-mirror/ab/moved.zst.age"));
            assertThrows(IOException.class, () -> writer.rename(ENV + "/minio-mirror/ab", ENV + "/minio-mirror/ac"));
            write(writer, ENV + "/minio-mirror/incoming/same.zst.age");
            assertThrows(FileAlreadyExistsException.class, () -> writer.rename(ENV + "/minio-mirror/incoming/same.zst.age", body),
                    "placing a body never replaces one");
            write(writer, ENV + "/minio-mirror/incoming/second.zst.age");
            writer.rename(ENV + "/minio-mirror/incoming/second.zst.age", second); // adding to a sealed shard still works
        }
        try (Raw raw = Raw.open(server.settings(BackupServerAccounts.WRITER))) {
            String remote = server.root() + "/" + body;
            assertDenied(() -> raw.channel.put(new ByteArrayInputStream("x".getBytes()), remote, ChannelSftp.OVERWRITE),
                    "overwrite a body");
            assertDenied(() -> raw.channel.chmod(0666, remote), "chmod a body");
            assertDenied(() -> raw.channel.rm(remote), "rm a body");
        }
        assertEquals("body\n", Files.readString(server.root().resolve(body)));
        Path shard = server.root().resolve(ENV + "/minio-mirror/ab");
        assertEquals(BackupServerAccounts.KEEPER, Files.getOwner(shard).getName());
        assertTrue(acl(shard).contains("user:" + BackupServerAccounts.WRITER + ":rwx"), acl(shard));
        assertTrue(acl(shard).contains("group::r-x"), acl(shard));
    }

    @Test
    void stagingWritesAReportAndNothingElse() throws Exception {
        try (BackupStore reader = new SftpBackupStore(server.settings(BackupServerAccounts.READER))) {
            write(reader, ENV + "/reports/drill-1.json");
            assertEquals(BackupServerAccounts.READER, Files.getOwner(server.environment(ENV).resolve("reports/drill-1.json")).getName());
            assertTrue(reader.stat(ENV + "/" + firstSet + "/manifest.json").isPresent(), "staging reads the sets");

            assertThrows(IOException.class, () -> write(reader, ENV + "/stray.txt"));
            assertThrows(IOException.class, () -> reader.makeFolders(ENV + "/2030-01-01.partial"));
            assertThrows(IOException.class, () -> write(reader, ENV + "/" + firstSet + "/extra.txt"));
            assertThrows(IOException.class, () -> reader.delete(ENV + "/" + firstSet));
            assertThrows(IOException.class, () -> reader.rename(ENV + "/" + firstSet, ENV + "/reports/stolen"));
            assertThrows(AccessDeniedException.class, () -> reader.list(BackupServerAccounts.OTHER_ENVIRONMENT),
                    "staging of production cannot read another environment");
        }
        try (Raw raw = Raw.open(server.settings(BackupServerAccounts.READER))) {
            assertDenied(() -> raw.channel.chmod(0777, server.root() + "/" + ENV + "/reports"), "open up reports/");
        }
    }

    @Test
    void productionsOwnPruneIsRefusedBeforeItTouchesAnything() throws IOException {
        List<String> before = sets();
        Outcome prune = run("prune", "--config", backupConfig.toString());
        assertEquals(2, prune.code(), prune.err());
        assertTrue(prune.err().contains("append-only") && prune.err().contains("backup server"), prune.err());
        assertEquals(before, sets());

        // the old behaviour asked for against an append-only account: the backup stands, its prune is skipped with a warning
        Path oldBehaviour = server.work().resolve("old-behaviour.yaml");
        Files.writeString(oldBehaviour, Files.readString(backupConfig).replace("  datastores:\n",
                "    prune-after-backup: true\n  datastores:\n"));
        Outcome backup = run("backup", "--skip-precheck", "--config", oldBehaviour.toString());
        assertEquals(0, backup.code(), backup.err());
        List<String> after = sets();
        assertEquals(before.size() + 1, after.size(), after.toString());
        assertTrue(after.containsAll(before), "nothing was pruned: " + after);
    }

    @Test
    void theServersPruneRemovesWhatRetentionSaysAndNeverCountsOrRemovesAForgery() throws Exception {
        String other = BackupServerAccounts.OTHER_ENVIRONMENT;
        ServerPruneCase sets = new ServerPruneCase(server, other);
        String[] planted = sets.write();
        String forged = planted[0];
        String unsigned = planted[1];
        String backdated = planted[2];
        Path config = server.serverConfig(other);

        Outcome dry = run("prune", "--dry-run", "--config", config.toString());
        assertEquals(0, dry.code(), dry.err() + dry.out());
        assertTrue(dry.out().contains("would seal  " + sets.day(0)) && dry.out().contains("would remove  " + sets.day(4)), dry.out());
        assertEquals(BackupServerAccounts.OTHER_WRITER, Files.getOwner(sets.folder(sets.day(0))).getName(), "a dry run seals nothing");
        assertTrue(Files.exists(sets.folder(sets.day(4))), "a dry run removes nothing");

        Outcome prune = run("prune", "--config", config.toString());
        assertEquals(0, prune.code(), prune.err() + prune.out());
        String out = prune.out();
        assertTrue(out.contains("not sealed  " + backdated) && out.contains("backdated"), out);
        assertTrue(out.contains("sealed      " + sets.day(0)), "today's set is sealed first:\n" + out);

        // daily 4: today and the three days before, by their genuine sets; the planted ones never count
        List<String> kept = List.of(sets.day(3), backdated, sets.day(2), unsigned, sets.day(1), forged, sets.day(0));
        try (Stream<Path> left = Files.list(server.environment(other))) {
            assertEquals(kept, left.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{4}-.*")).sorted().toList(), out);
        }
        List<RetentionPolicy.Candidate> genuine = new java.util.ArrayList<>();
        for (int back = 0; back <= 5; back++) {
            genuine.add(new RetentionPolicy.Candidate(sets.day(back), sets.start(back), RetentionPolicy.State.COMPLETE));
        }
        List<String> policyRemoves = new RetentionPolicy(4, 0, 0, Duration.ofHours(36)).decide(genuine, Instant.now()).stream()
                .filter(d -> !d.keep()).map(RetentionPolicy.Decision::folder).sorted().toList();
        assertEquals(List.of(sets.day(5), sets.day(4)), policyRemoves, "what the policy alone says");
        for (String removed : policyRemoves) {
            assertFalse(Files.exists(sets.folder(removed)), removed + " removed:\n" + out);
        }
        assertTrue(out.contains(forged) && out.contains("not signed by an allowed key"), out);
        assertTrue(out.contains(backdated) && out.contains("not sealed by the backup server"), out);
        assertFalse(Files.exists(sets.folder(sets.day(6) + ".partial")), "the stale unfinished set is removed");
        assertFalse(Files.exists(sets.folder(ServerPrune.PROBE_PREFIX + "0c0ffee")), "production's precheck probe is removed");
        assertEquals(BackupServerAccounts.KEEPER, Files.getOwner(sets.folder(sets.day(0))).getName());
        assertTrue(out.contains("fresh: the newest sealed set '" + sets.day(0) + "'"), out);

        Outcome stale = run(Map.of("LIFEBOAT_SERVER_STALE_AFTER", "PT1S"), "prune", "--config", config.toString());
        assertEquals(1, stale.code(), stale.err());
        assertTrue(stale.err().contains("no new set of '" + other + "' since '" + sets.day(0) + "'"), stale.err());
    }

    @Test
    void minioRsyncWorksThroughTheAppendOnlyAccountAndTheServersSweepKeepsEveryNeededBody() throws Exception {
        String env = BackupServerAccounts.MIRROR_ENVIRONMENT;
        try (S3Server s3 = S3Server.start()) {
            S3Fixture objects = new S3Fixture(s3);
            objects.bucket("certificates");
            for (int i = 0; i < 10; i++) {
                objects.put("certificates", "cert-" + i + ".pdf", ("certificate " + i).repeat(40 + i).getBytes(), "application/pdf",
                        Map.of());
            }
            objects.put("certificates", "blank-a.pdf", "blank".getBytes(), "application/pdf", Map.of());
            objects.put("certificates", "blank-b.pdf", "blank".getBytes(), "application/pdf", Map.of()); // an equal body
            Path secret = server.work().resolve("s3-secret");
            Files.writeString(secret, s3.secretKey());
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path config = server.work().resolve("mirror.yaml");
            Files.writeString(config, Files.readString(backupConfig).replace("environment: " + ENV, "environment: " + env)
                    .replace("user: " + BackupServerAccounts.WRITER, "user: " + BackupServerAccounts.MIRROR_WRITER)
                    .replace(server.keys().resolve(BackupServerAccounts.WRITER).toString(),
                            server.keys().resolve(BackupServerAccounts.MIRROR_WRITER).toString())
                    .replace("  datastores:\n", "    state-identity-file: " + server.stateKeys().resolve(KeyFiles.AGE_IDENTITY)
                            + "\n  datastores:\n    minio:\n      mode: rsync\n      endpoint: " + s3.endpoint()
                            + "\n      access-key: " + s3.accessKey() + "\n      secret-key-file: " + secret + "\n"));
            Path serverConfig = server.serverConfig(env);
            Path mirror = server.environment(env).resolve("minio-mirror");

            Outcome first = run("backup", "--datastore", "minio", "--config", config.toString());
            assertEquals(0, first.code(), "an equal body's duplicate cannot be deleted by production, and need not be:\n"
                    + first.err());
            assertEquals(11, bodies(mirror).size());
            assertEquals(0, run("seal", "--config", serverConfig.toString()).code());
            for (Path body : bodies(mirror)) {
                assertEquals(BackupServerAccounts.KEEPER, Files.getOwner(body).getName(), body.toString());
            }

            Thread.sleep(1100); // a new set name, a new Last-Modified
            objects.put("certificates", "cert-4.pdf", "amended".getBytes(), "application/pdf", Map.of());
            objects.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket("certificates").object("cert-5.pdf").build());
            Outcome second = run("backup", "--datastore", "minio", "--config", config.toString());
            assertEquals(0, second.code(), second.err());

            Outcome prune = run("prune", "--config", serverConfig.toString());
            assertEquals(0, prune.code(), prune.err() + prune.out());
            // 12 placed bodies and the equal body's second copy, left in incoming/ (production may not delete it);
            // cert-4's old body, cert-5's and that copy go
            assertTrue(prune.out().contains("mirror minio-mirror: 13 bodies, removed 3 unreferenced"), prune.out());
            assertEquals(10, bodies(mirror).size(), prune.out());
            Outcome verify = run("verify", "--set", "all", "--deep", "--identity", server.keys().resolve(KeyFiles.AGE_IDENTITY)
                    .toString(), "--config", serverConfig.toString());
            assertEquals(0, verify.code(), "every body the kept set needs is there:\n" + verify.out() + verify.err());
            assertTrue(verify.out().contains("minio-mirror: 11 bodies referenced by"), verify.out()); // 11 keys, two share a body
        }
    }

    private static List<Path> bodies(Path mirror) throws IOException {
        try (Stream<Path> files = Files.walk(mirror)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("incoming"))
                    .sorted().toList();
        }
    }

    private static String acl(Path path) throws IOException {
        Process process = new ProcessBuilder("getfacl", "-p", path.toString()).redirectErrorStream(true).start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void write(BackupStore store, String path) throws IOException {
        try (AtomicWrite write = store.write(path)) {
            write.write("body\n".getBytes(StandardCharsets.US_ASCII));
            write.commit();
        }
    }

    /** Set folders of production on disk, oldest first. */
    private static List<String> sets() throws IOException {
        try (Stream<Path> entries = Files.list(server.environment(ENV))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{4}-\\d{2}-\\d{2}.*")).sorted().toList();
        }
    }

    private interface SftpCall {
        void call() throws SftpException;
    }

    private static void assertDenied(SftpCall call, String what) {
        SftpException e = assertThrows(SftpException.class, call::call, what + " must be refused");
        assertTrue(e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED || e.id == ChannelSftp.SSH_FX_FAILURE,
                what + ": refused with SFTP status " + e.id + " " + e.getMessage());
    }

    /** A plain JSch channel, for the requests the store never makes (chmod, setstat, overwrite). */
    private record Raw(Session session, ChannelSftp channel) implements AutoCloseable {
        static Raw open(SftpSettings settings) throws Exception {
            JSch jsch = new JSch();
            jsch.addIdentity(settings.privateKeyFile().toString());
            jsch.setKnownHosts(settings.knownHostsFile().toString());
            Session session = jsch.getSession(settings.user(), settings.host(), settings.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.connect(10_000);
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(10_000);
            return new Raw(session, channel);
        }

        @Override
        public void close() {
            channel.disconnect();
            session.disconnect();
        }
    }

    record Outcome(int code, String out, String err) {
    }

    /** Runs the command line in this JVM; returns its exit code, stdout and stderr. */
    static Outcome run(String... args) {
        return run(Map.of(), args);
    }

    static synchronized Outcome run(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = LifeboatCommand.execute(args, env, new PrintWriter(err, true));
        } finally {
            System.setOut(original);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
