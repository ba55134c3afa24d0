package org.lifeboat.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lifeboat.datastore.minio.S3Fixture;
import org.lifeboat.datastore.mongo.MongoSampleData;
import org.lifeboat.testing.ConfigYaml;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.S3Server;

/**
 * Every datastore twice, for the end-to-end runs of a set that holds them all: the
 * {@link LifeboatFixture}'s two PostgreSQL servers and sshd, and an InfluxDB, a MongoDB stand-in
 * and an S3 stand-in for production and for staging. Production holds sample data in each
 * (database {@code registry}, database {@code metrics}, database {@code civil}, bucket {@code
 * certificates} of 40 objects with metadata); staging holds other data in InfluxDB and MongoDB and
 * an empty {@code certificates} bucket, which each test fills as it needs.
 */
final class AllDatastoresServers implements AutoCloseable {

    final LifeboatFixture fixture;
    final InfluxServer influxProduction;
    final InfluxServer influxStaging;
    final MongoServer mongoProduction;
    final MongoServer mongoStaging;
    final S3Server s3Production;
    final S3Server s3Staging;

    AllDatastoresServers() throws Exception {
        fixture = new LifeboatFixture();
        influxProduction = InfluxServer.start();
        influxStaging = InfluxServer.start();
        mongoProduction = MongoServer.start();
        mongoStaging = MongoServer.start();
        s3Production = S3Server.start();
        s3Staging = S3Server.start();
        MongoSampleData.create(mongoProduction.client(), "civil", 400, "production");
        MongoSampleData.create(mongoStaging.client(), "civil", 9, "stale");
        S3Fixture production = new S3Fixture(s3Production);
        production.bucket("certificates");
        for (int i = 0; i < 40; i++) {
            production.put("certificates", "2026/11/cert-" + i + ".pdf", ("certificate " + i).repeat(100 + i).getBytes(),
                    "application/pdf", Map.of("registrar", "r" + (i % 3)));
        }
        new S3Fixture(s3Staging).bucket("certificates");
        fixture.production.createDatabase("registry");
        PostgresSampleData.create(fixture.production, "registry", 300);
        influxProduction.query("", "CREATE DATABASE metrics");
        InfluxSampleData.create(influxProduction, "metrics", 2000);
        influxStaging.query("", "CREATE DATABASE metrics");
        InfluxSampleData.createOther(influxStaging, "metrics");
    }

    /** The backup-role configuration of environment {@code all}: production's {@code registry} and every other datastore. */
    Path backupConfig() throws IOException {
        Path backup = fixture.backupConfig("all", List.of("registry"), "");
        Files.writeString(backup, Files.readString(backup)
                + datastores(influxProduction, mongoProduction, s3Production, "production-s3"));
        return backup;
    }

    /** The restore-role configuration reading the sets of {@code all} into every staging datastore. */
    Path restoreConfig() throws IOException {
        Path restore = fixture.restoreConfig("all", fixture.identity());
        Files.writeString(restore, Files.readString(restore) + datastores(influxStaging, mongoStaging, s3Staging, "staging-s3"));
        return restore;
    }

    private String datastores(InfluxServer influx, MongoServer mongo, S3Server s3, String secret) throws IOException {
        return """
                    influx:
                      url: %s
                    mongo:
                      connection-string: %s
                """.formatted(influx.url(), mongo.connectionString()) + ConfigYaml.minio(s3, fixture.secretFile(secret, s3.secretKey()));
    }

    @Override
    public void close() throws IOException {
        influxProduction.close();
        influxStaging.close();
        mongoProduction.close();
        mongoStaging.close();
        s3Production.close();
        s3Staging.close();
        fixture.close();
    }
}
