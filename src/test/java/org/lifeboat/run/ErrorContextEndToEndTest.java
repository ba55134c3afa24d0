package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.datastore.Datastore;

/**
 * Every error names its datastore and address exactly once, whatever the kind: a backup of four
 * datastores whose servers cannot be reached (PostgreSQL, MongoDB, InfluxDB, S3) fails with one
 * line per datastore, each holding that datastore's {@code name (address)} once; the precheck
 * names each one once too. Real PostgreSQL and sshd; the other servers are closed ports.
 */
class ErrorContextEndToEndTest {

    private static LifeboatFixture fixture;
    private static Path config;
    private static List<Datastore> datastores;

    @BeforeAll
    static void unreachableDatastores() throws Exception {
        fixture = new LifeboatFixture();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        config = fixture.backupConfig("unreachable", List.of("registry"), "");
        String yaml = Files.readString(config).replace("port: " + fixture.production.port(), "port: " + closed)
                + """
                    mongo:
                      connection-string: mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000
                    influx:
                      url: http://127.0.0.1:%d
                    minio:
                      endpoint: http://127.0.0.1:%d
                      access-key: nobody
                      secret-key-file: %s
                """.formatted(closed, closed, closed, fixture.secretFile("s3", "not-a-secret"));
        Files.writeString(config, yaml);
        try (Appliance appliance = new Appliance(ConfigLoader.load(config, Map.of()), Map.of())) {
            datastores = appliance.datastores();
        }
        assertEquals(List.of("postgres", "mongo", "influx", "minio"),
                datastores.stream().map(Datastore::name).sorted(java.util.Comparator.comparing(n -> List.of("postgres", "mongo",
                        "influx", "minio").indexOf(n))).toList(), "all four kinds are configured");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void aFailedBackupNamesEachDatastoreAndItsAddressOnce() {
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--skip-precheck", "--config", config.toString());
        assertEquals(1, outcome.code(), outcome.err());
        String failures = outcome.err().substring(outcome.err().indexOf("backup failed, no complete set was made"));
        for (Datastore datastore : datastores) {
            System.out.printf("EXAMPLE backup: %s%n", failures.lines().filter(l -> l.contains(datastore.describe())).findFirst()
                    .orElse("(none)").strip());
            assertEquals(1, occurrences(failures, datastore.describe()), datastore.describe() + " once in: " + failures);
            assertEquals(1, occurrences(failures, datastore.name() + " ("), datastore.name() + " once in: " + failures);
        }
    }

    @Test
    void aFailedPrecheckNamesEachDatastoreOnce() {
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("precheck", "--config", config.toString());
        assertEquals(1, outcome.code(), outcome.err() + outcome.out());
        String table = outcome.out() + outcome.err();
        for (Datastore datastore : datastores) {
            List<String> failed = table.lines().filter(l -> l.startsWith("FAIL") && l.contains(" " + datastore.name() + ": ")).toList();
            assertTrue(!failed.isEmpty(), datastore.name() + " fails in: " + table);
            for (String line : failed) {
                System.out.printf("EXAMPLE precheck: %s%n", line);
                assertEquals(1, occurrences(line, datastore.name() + ":"), "the name once: " + line);
                assertTrue(!line.contains(datastore.describe()), "the subject names the datastore, not again the detail: " + line);
            }
        }
    }
}
