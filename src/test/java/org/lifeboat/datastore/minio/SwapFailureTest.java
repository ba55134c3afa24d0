package org.lifeboat.datastore.minio;

import org.lifeboat.testing.ArtifactFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.S3Server;

/** A swap that fails keeps the verified scratch bucket, says so, and a second restore completes the job. */
class SwapFailureTest {

    private static S3Fixture production;
    private static S3Fixture staging;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        production = new S3Fixture(S3Server.start());
        staging = new S3Fixture(S3Server.start());
    }

    @AfterAll
    static void stop() {
        production.server.close();
        staging.server.close();
    }

    @Test
    void theServerLostDuringTheSwapLeavesTheVerifiedCopyAndARerunCompletes() throws Exception {
        production.bucket("docs");
        production.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("new a"), "text/plain", Map.of("v", "2"));
        production.put("docs", "b.txt", MinioCloneDatastoreContractTest.bytes("new b"), "text/plain", Map.of());
        staging.bucket("docs");
        staging.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("old a"), "text/plain", Map.of("v", "1"));
        ArtifactFixture artifacts = new ArtifactFixture(work);
        DatastoreRecord recorded = artifacts.backup(new MinioDatastore("minio", production.settings(List.of())));
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));

        try (PreparedRestore prepared = target.prepare(recorded, artifacts.source(target.name()))) {
            assertEquals(List.of("a.txt", "b.txt"), keys("docs-lifeboat-restore"), "prepared into the scratch bucket");
            assertEquals(List.of("a.txt"), keys("docs"), "live bucket untouched by prepare");
            staging.server.stop();
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().startsWith("minio (" + staging.server.endpoint() + "): "), e.getMessage());
            assertTrue(e.getMessage().contains("its verified copy kept in 'docs-lifeboat-restore'"), e.getMessage());
        }
        staging.server.startAgain();
        assertEquals(List.of("a.txt", "b.txt"), keys("docs-lifeboat-restore"), "the verified copy is still there");

        artifacts.restore(target, recorded);
        assertEquals(production.fingerprint(), staging.fingerprint(), "a second restore completes it and removes the scratch bucket");
    }

    private static List<String> keys(String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : staging.client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
