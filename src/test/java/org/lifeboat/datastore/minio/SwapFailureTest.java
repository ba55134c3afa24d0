package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A swap that fails is put back whole by {@link PreparedRestore#rollBack()}: half-way (the second
 * bucket's scratch copy vanished after the first bucket was replaced and the second's live objects
 * copied aside), or with the server lost; objects come back with their bodies and metadata.
 */
class SwapFailureTest extends TwoS3Servers {

    @Test
    void aSwapThatFailsHalfWayIsPutBackWhole() throws Exception {
        production.bucket("docs");
        production.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("new a"), "text/plain", Map.of("v", "2"));
        production.bucket("media");
        production.put("media", "m.png", MinioCloneDatastoreContractTest.bytes("new m"), "image/png", Map.of());
        staging.bucket("docs");
        staging.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("old a"), "text/markdown", Map.of("v", "1", "who", "staging"));
        staging.put("docs", "old.txt", MinioCloneDatastoreContractTest.bytes("only here"), "text/plain", Map.of());
        staging.bucket("media");
        staging.put("media", "m.png", MinioCloneDatastoreContractTest.bytes("old m"), "image/png", Map.of("k", "x"));
        staging.bucket("gone-from-set");
        staging.put("gone-from-set", "x", MinioCloneDatastoreContractTest.bytes("x"), "application/octet-stream", Map.of());
        String before = staging.fingerprint();
        List<String> namesBefore = staging.bucketNames();
        DatastoreRecord recorded = artifacts.backup(new MinioDatastore("minio", production.settings(List.of())));
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));

        try (PreparedRestore prepared = target.prepare(recorded, artifacts.source(target.name()))) {
            staging.clearBucket(RestoreNames.scratch("media")); // the second bucket's verified copy vanishes
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().contains("bucket 'docs': partly or wholly replaced, its live objects kept in 'docs-lifeboat-aside-"),
                    e.getMessage());
            assertEquals(List.of("a.txt"), keys("docs"), "half-way: docs is replaced");
            prepared.rollBack();
        }
        assertEquals(before, staging.fingerprint(), "every bucket is back, bodies and metadata");
        assertEquals(namesBefore, staging.bucketNames(), "nothing of the restore is left beside them");
    }

    @Test
    void theServerLostDuringTheSwapIsPutBackOnceItIsBack() throws Exception {
        production.bucket("docs");
        production.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("new a"), "text/plain", Map.of("v", "2"));
        production.put("docs", "b.txt", MinioCloneDatastoreContractTest.bytes("new b"), "text/plain", Map.of());
        staging.bucket("docs");
        staging.put("docs", "a.txt", MinioCloneDatastoreContractTest.bytes("old a"), "text/plain", Map.of("v", "1"));
        String before = staging.fingerprint();
        DatastoreRecord recorded = artifacts.backup(new MinioDatastore("minio", production.settings(List.of())));
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));

        try (PreparedRestore prepared = target.prepare(recorded, artifacts.source(target.name()))) {
            assertEquals(List.of("a.txt", "b.txt"), keys("docs-lifeboat-restore"), "prepared into the scratch bucket");
            assertEquals(List.of("a.txt"), keys("docs"), "live bucket untouched by prepare");
            staging.server.stop();
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            // what failed inside the datastore; its name and address are the restore run's to add, once
            assertTrue(e.getMessage().contains("not swapped (live data as it was): docs"), e.getMessage());
            assertTrue(!e.getMessage().contains(target.describe()), e.getMessage());
            staging.server.startAgain();
            prepared.rollBack();
        }
        assertEquals(before, staging.fingerprint(), "the live bucket is as it was");
        assertTrue(staging.bucketNames().stream().noneMatch(b -> b.contains("lifeboat")), staging.bucketNames().toString());

        artifacts.restore(target, recorded);
        assertEquals(production.fingerprint(), staging.fingerprint(), "a second restore completes it");
    }

    private static List<String> keys(String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : staging.client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
