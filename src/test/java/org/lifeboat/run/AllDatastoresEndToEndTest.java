package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.minio.S3Fixture;
import org.lifeboat.datastore.mongo.MongoSampleData;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.PostgresSampleData;

/**
 * Every configured datastore in one set, through the command line: the configuration wiring,
 * one manifest, one restore that swaps all of them in.
 */
class AllDatastoresEndToEndTest {

    private static AllDatastoresServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new AllDatastoresServers();
        new S3Fixture(servers.s3Staging).put("certificates", "stale.txt", "stale".getBytes(), "text/plain", Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        servers.close();
    }

    @Test
    void oneSetHoldsEveryDatastoreAndRestoresThemAll() throws Exception {
        LifeboatFixture fixture = servers.fixture;
        Path backup = servers.backupConfig();
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

        Path restore = servers.restoreConfig();
        LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(0, restored.code(), restored.err());
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "registry"),
                PostgresSampleData.fingerprint(fixture.staging, "registry"));
        assertEquals(InfluxSampleData.fingerprint(servers.influxProduction), InfluxSampleData.fingerprint(servers.influxStaging));
        assertEquals(MongoSampleData.fingerprint(servers.mongoProduction.client(), "civil"),
                MongoSampleData.fingerprint(servers.mongoStaging.client(), "civil"));
        assertEquals(new S3Fixture(servers.s3Production).fingerprint(), new S3Fixture(servers.s3Staging).fingerprint());
    }

}
