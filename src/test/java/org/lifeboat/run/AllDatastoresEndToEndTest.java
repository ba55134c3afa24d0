package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.mongo.MongoSampleData;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.S3Server;
import org.lifeboat.datastore.minio.S3Fixture;
import java.util.Map;
import org.lifeboat.testing.InfluxServer;
import org.lifeboat.testing.PostgresSampleData;

/**
 * Every configured datastore in one set, through the command line: the configuration wiring,
 * one manifest, one restore that swaps all of them in.
 */
class AllDatastoresEndToEndTest {

    private static LifeboatFixture fixture;
    private static InfluxServer influxProduction;
    private static InfluxServer influxStaging;
    private static MongoServer mongoProduction;
    private static MongoServer mongoStaging;
    private static S3Server s3Production;
    private static S3Server s3Staging;

    @BeforeAll
    static void start() throws Exception {
        fixture = new LifeboatFixture();
        influxProduction = InfluxServer.start();
        influxStaging = InfluxServer.start();
        mongoProduction = MongoServer.start();
        mongoStaging = MongoServer.start();
        MongoSampleData.create(mongoProduction.client(), "civil", 400, "production");
        MongoSampleData.create(mongoStaging.client(), "civil", 9, "stale");
        s3Production = S3Server.start();
        s3Staging = S3Server.start();
        S3Fixture production = new S3Fixture(s3Production);
        production.bucket("certificates");
        for (int i = 0; i < 40; i++) {
            production.put("certificates", "2026/11/cert-" + i + ".pdf", ("certificate " + i).repeat(100 + i).getBytes(),
                    "application/pdf", Map.of("registrar", "r" + (i % 3)));
        }
        S3Fixture staging = new S3Fixture(s3Staging);
        staging.bucket("certificates");
        staging.put("certificates", "stale.txt", "stale".getBytes(), "text/plain", Map.of());
        fixture.production.createDatabase("registry");
        PostgresSampleData.create(fixture.production, "registry", 300);
        influxProduction.query("", "CREATE DATABASE metrics");
        InfluxSampleData.create(influxProduction, "metrics", 2000);
        influxStaging.query("", "CREATE DATABASE metrics");
        InfluxSampleData.createOther(influxStaging, "metrics");
    }

    @AfterAll
    static void stop() throws IOException {
        influxProduction.close();
        influxStaging.close();
        mongoProduction.close();
        mongoStaging.close();
        s3Production.close();
        s3Staging.close();
        fixture.close();
    }

    @Test
    void oneSetHoldsEveryDatastoreAndRestoresThemAll() throws Exception {
        Path backup = fixture.backupConfig("all", List.of("registry"), "");
        Files.writeString(backup, Files.readString(backup) + """
                    influx:
                      url: %s
                    mongo:
                      connection-string: %s
                    minio:
                      endpoint: %s
                      access-key: %s
                      secret-key-file: %s
                """.formatted(influxProduction.url(), mongoProduction.connectionString(), s3Production.endpoint(),
                s3Production.accessKey(), fixture.secretFile("production-s3", s3Production.secretKey())));
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", backup.toString());
        assertEquals(0, outcome.code(), outcome.err());
        Path set;
        try (var sets = Files.list(fixture.setsFolder("all"))) {
            set = sets.filter(p -> !p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(set.resolve("postgres/registry.dump.zst.age")));
        assertTrue(Files.exists(set.resolve("influx/metrics.lp.zst.age")));
        assertTrue(Files.exists(set.resolve("mongo/civil/people.bson.zst.age")));
        assertTrue(Files.exists(set.resolve("mongo/civil/people.metadata.json.zst.age")));
        assertTrue(Files.exists(set.resolve("minio/certificates.tar.zst.age")));
        assertEquals(0, LifeboatFixture.run("verify", "--deep", "--identity", fixture.identity().toString(), "--config",
                backup.toString()).code());

        Path restore = fixture.restoreConfig("all", fixture.identity());
        Files.writeString(restore, Files.readString(restore) + """
                    influx:
                      url: %s
                    mongo:
                      connection-string: %s
                    minio:
                      endpoint: %s
                      access-key: %s
                      secret-key-file: %s
                """.formatted(influxStaging.url(), mongoStaging.connectionString(), s3Staging.endpoint(), s3Staging.accessKey(),
                fixture.secretFile("staging-s3", s3Staging.secretKey())));
        LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(0, restored.code(), restored.err());
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "registry"),
                PostgresSampleData.fingerprint(fixture.staging, "registry"));
        assertEquals(InfluxSampleData.fingerprint(influxProduction), InfluxSampleData.fingerprint(influxStaging));
        assertEquals(MongoSampleData.fingerprint(mongoProduction.client(), "civil"),
                MongoSampleData.fingerprint(mongoStaging.client(), "civil"));
        assertEquals(new S3Fixture(s3Production).fingerprint(), new S3Fixture(s3Staging).fingerprint());
    }

}
