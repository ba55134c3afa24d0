package org.lifeboat.datastore.minio;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.S3Server;

/** The datastore contract for MinIO in clone mode, between two S3Proxy servers. */
class MinioCloneDatastoreContractTest extends DatastoreContract {

    static final List<String> BUCKETS = List.of("contract-docs", "contract.media");
    private static S3Fixture production;
    private static S3Fixture staging;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        production = new S3Fixture(S3Server.start());
        staging = new S3Fixture(S3Server.start());
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        production.server.close();
        staging.server.close();
    }

    @BeforeEach
    void emptyBuckets() throws Exception {
        for (S3Fixture server : List.of(production, staging)) {
            server.clear();
            for (String bucket : BUCKETS) {
                server.bucket(bucket);
            }
        }
    }

    /** The mode under test. */
    protected String mode() {
        return MinioSettings.CLONE;
    }

    @Override
    protected Datastore source() {
        return new MinioDatastore("minio-contract", production.settings(mode(), BUCKETS));
    }

    @Override
    protected Datastore target() {
        return new MinioDatastore("minio-contract", staging.settings(mode(), List.of()));
    }

    @Override
    protected Datastore unreachable() {
        return new MinioDatastore("minio-contract", new MinioSettings(mode(), "http://127.0.0.1:" + closedPort, "nobody",
                "not-a-secret", List.of(), List.of(), List.of()));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    /** Nested keys, a long key (PAX), non-ASCII, an empty object, a folder marker, content types, metadata, a larger body. */
    @Override
    protected void fillSource() throws Exception {
        production.put("contract-docs", "readme.txt", bytes("hello"), "text/plain", Map.of("owner", "ops"));
        production.put("contract-docs", "reports/2026/11/summary.json", bytes("{\"ok\":true}"), "application/json",
                Map.of("source", "batch", "run", "42"));
        production.put("contract-docs", "empty.bin", new byte[0], null, Map.of());
        production.put("contract-docs", "folder/", new byte[0], null, Map.of());
        production.put("contract-docs", "deep/" + "x".repeat(150) + "/" + "y".repeat(120) + ".txt", bytes("long name"),
                "text/plain", Map.of());
        production.put("contract-docs", "unicode/été ünïcødé 日本.txt", bytes("ü"), "text/plain; charset=utf-8",
                Map.of("note", "cafe au lait"));
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(blob);
        production.put("contract.media", "video/clip.bin", blob, "video/mp4", Map.of("camera", "a"));
        for (int i = 0; i < 30; i++) {
            production.put("contract.media", "thumbs/" + i + ".png", bytes("png-" + i), "image/png", Map.of());
        }
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        staging.put("contract-docs", "readme.txt", bytes("stale"), "text/plain", Map.of("owner", "someone-else"));
        staging.put("contract-docs", "only-on-staging.txt", bytes("x"), "text/plain", Map.of());
        staging.put("contract.media", "thumbs/99.png", bytes("old"), "image/png", Map.of());
    }

    @Override
    protected java.util.List<String> namesOnTarget() throws Exception {
        return staging.bucketNames();
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return production.fingerprint();
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return staging.fingerprint();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
