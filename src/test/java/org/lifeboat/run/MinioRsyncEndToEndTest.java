package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.minio.S3Fixture;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.manifest.ManifestJson;
import org.lifeboat.testing.ConfigYaml;
import org.lifeboat.testing.ServerPair;
import org.lifeboat.testing.S3Server;

/**
 * MinIO rsync mode through the command line and the SFTP store: three nights (the second with an
 * amended and a deleted object, the third without changes), prune removing the replaced set and
 * then the bodies only it referred to, verify --deep reading every body, a staging restore, and a
 * missing body failing verify and restore without touching staging.
 */
class MinioRsyncEndToEndTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("tiny", 10);
    @RegisterExtension
    static final ServerPair<S3Server> s3 = new ServerPair<>(S3Server::start);
    private static S3Fixture production;
    private static S3Fixture staging;

    @BeforeAll
    static void start() throws Exception {
        production = new S3Fixture(s3.production());
        staging = new S3Fixture(s3.staging());
        production.bucket("certificates");
        for (int i = 0; i < 30; i++) {
            production.put("certificates", "2026/11/cert-" + i + ".pdf", ("certificate " + i).repeat(50 + i).getBytes(),
                    "application/pdf", Map.of("registrar", "r" + (i % 3)));
        }
        production.put("certificates", "templates/blank-a.pdf", "blank form".getBytes(), "application/pdf", Map.of());
        production.put("certificates", "templates/blank-b.pdf", "blank form".getBytes(), "application/pdf", Map.of());
    }

    @Test
    void nightsPruneVerifyAndRestore() throws Exception {
        Path stateKeys = fixture.work.resolve("state-keys");
        KeyFiles.generate(stateKeys);
        Path backup = fixture.backupConfig("rsync", List.of("tiny"), "    prune-after-backup: true\n    state-identity-file: "
                + stateKeys.resolve(KeyFiles.AGE_IDENTITY));
        Files.writeString(backup, Files.readString(backup) + """
                    minio:
                      mode: rsync
                      endpoint: %s
                      access-key: %s
                      secret-key-file: %s
                  retention:
                    partial-grace: PT0S
                """.formatted(s3.production().endpoint(), s3.production().accessKey(),
                fixture.secretFile("production-s3", s3.production().secretKey())));
        Path mirror = fixture.setsFolder("rsync").resolve("minio-mirror");

        Manifest first = backup(backup);
        assertEquals(31, bodies(mirror).size(), "32 objects, two of them equal");
        assertEquals(32L, minio(first).counts().get("certificates").get("read-objects"));

        Thread.sleep(1100); // a new set name, and a new Last-Modified for the amended object
        production.put("certificates", "2026/11/cert-4.pdf", "amended".getBytes(), "application/pdf", Map.of());
        production.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket("certificates").object("2026/11/cert-5.pdf")
                .build());
        Manifest second = backup(backup);
        assertEquals(1L, minio(second).counts().get("certificates").get("read-objects"));
        assertEquals(List.of(second.set()), completeSets(), "prune kept the newest set of the day only");
        assertEquals(30, bodies(mirror).size(), "the old cert-4 and cert-5 bodies went with the first set; the amended one came");

        Thread.sleep(1100);
        Manifest third = backup(backup);
        assertEquals(0L, minio(third).counts().get("certificates").get("read-objects"));
        assertEquals(0L, minio(third).counts().get("certificates").get("sent-bytes"));
        assertEquals(30, bodies(mirror).size());

        // a body lost on the backup server: the next night notices it from a listing and sends it again
        // the largest body: a certificate of its own (the two equal blank forms share the smallest)
        Path lost = bodies(mirror).stream().max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        Files.delete(lost);
        Thread.sleep(1100);
        LifeboatFixture.Outcome fourth = LifeboatFixture.run("backup", "--config", backup.toString());
        assertEquals(0, fourth.code(), fourth.err());
        assertTrue(Files.exists(lost), "the lost body is back under its name");
        assertEquals(30, bodies(mirror).size());
        Manifest fourthSet = manifest(completeSets().get(completeSets().size() - 1));
        assertEquals(1L, fourthSet.datastore("minio").orElseThrow().counts().get("certificates").get("read-objects"),
                "only the object whose body was lost was read again");

        LifeboatFixture.Outcome verified = LifeboatFixture.run("verify", "--deep", "--identity", fixture.identity().toString(),
                "--config", backup.toString());
        assertEquals(0, verified.code(), verified.out() + verified.err());
        assertTrue(verified.out().contains("minio-mirror: 31 bodies referenced by"), verified.out());

        Path restore = restoreConfig();
        staging.bucket("certificates");
        staging.put("certificates", "stale.txt", "stale".getBytes(), "text/plain", Map.of());
        LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(0, restored.code(), restored.err());
        assertEquals(production.fingerprint(), staging.fingerprint());

        staging.put("certificates", "after-restore.txt", "live".getBytes(), "text/plain", Map.of());
        String live = staging.fingerprint();
        Files.delete(bodies(mirror).get(0));
        assertNotEquals(0, LifeboatFixture.run("verify", "--deep", "--identity", fixture.identity().toString(), "--config",
                backup.toString()).code());
        LifeboatFixture.Outcome broken = LifeboatFixture.run("restore", "--config", restore.toString());
        assertNotEquals(0, broken.code());
        assertTrue(broken.err().contains("minio-mirror/"), broken.err());
        assertEquals(live, staging.fingerprint(), "staging untouched by the failed restore");
    }

    private Manifest backup(Path config) throws IOException {
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", config.toString());
        assertEquals(0, outcome.code(), outcome.err());
        List<String> sets = completeSets();
        return manifest(sets.get(sets.size() - 1));
    }

    private Manifest manifest(String set) throws IOException {
        Path manifest = fixture.setsFolder("rsync").resolve(set).resolve("manifest.json");
        try (InputStream in = Files.newInputStream(manifest)) {
            return ManifestJson.read(in, manifest.toString());
        }
    }

    private static DatastoreRecord minio(Manifest manifest) {
        return manifest.datastore("minio").orElseThrow();
    }

    private List<String> completeSets() throws IOException {
        try (Stream<Path> sets = Files.list(fixture.setsFolder("rsync"))) {
            return sets.filter(p -> Files.exists(p.resolve("manifest.json"))).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> bodies(Path mirror) throws IOException {
        try (Stream<Path> files = Files.walk(mirror)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("incoming"))
                    .sorted().toList();
        }
    }

    private Path restoreConfig() throws IOException {
        Path restore = fixture.restoreConfig("rsync", fixture.identity());
        Files.writeString(restore, Files.readString(restore)
                + ConfigYaml.minio(s3.staging(), fixture.secretFile("staging-s3", s3.staging().secretKey())));
        return restore;
    }

}
