package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.repository.MirrorKeys;

/**
 * Many objects moved with several transfers at once: 330 objects of mixed sizes (empty to 6 MiB,
 * the largest written in parts, some read ahead into memory and some streamed in turn), put in a
 * shuffled order, come back with the same bytes, headers and metadata, and the index or archive
 * lists them in the server's key order; a failure of one object's transfer fails the run naming
 * the bucket and that key, and leaves no transfer running. A hang fails the test through its
 * timeout (a guard, not a measurement).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class MinioParallelTransfersTest extends TwoS3Servers {

    private static final String BUCKET = "many";
    private static final int TRANSFERS = 8;
    private final Map<String, byte[]> bodies = new LinkedHashMap<>();

    @BeforeEach
    void fill() throws Exception {
        production.bucket(BUCKET);
        production.bucket("few");
        Random random = new Random(14);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 330; i++) {
            keys.add(String.format("d%02d/%s-%03d%s", i % 17, i % 5 == 0 ? "caf\u00e9" : "obj", i, i % 11 == 0 ? "/\u65e5\u672c.txt" : ""));
        }
        Collections.shuffle(keys, random);
        for (int i = 0; i < keys.size(); i++) {
            int size = i < 2 ? 6 << 20 : i < 5 ? (5 << 19) : i < 25 ? 100_000 + random.nextInt(1_500_000) : random.nextInt(8192);
            byte[] body = new byte[size];
            random.nextBytes(body);
            bodies.put(keys.get(i), body);
            production.put(BUCKET, keys.get(i), body, i % 3 == 0 ? "image/png" : "application/octet-stream",
                    i % 4 == 0 ? Map.of("index", Integer.toString(i), "owner", "ops") : Map.of());
        }
        production.put("few", "one", new byte[] {1}, "text/plain", Map.of());
    }

    private static MinioDatastore datastore(S3Fixture server, String mode) {
        return new MinioDatastore("minio", server.settings(mode, List.of()).withTransfers(TRANSFERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {MinioSettings.CLONE, MinioSettings.RSYNC})
    void manyObjectsComeBackExactlyAndInKeyOrder(String mode) throws Exception {
        DatastoreRecord recorded = artifacts.backup(datastore(production, mode));
        assertEquals(330L, recorded.counts().get(BUCKET).get(MinioDatastore.OBJECTS));
        assertEquals(listing(production, BUCKET), keysInArtifact(recorded, mode), "the artifact lists the objects in key order");

        artifacts.restore(datastore(staging, mode), recorded);
        assertEquals(production.fingerprint(), staging.fingerprint());
        assertNoTransferRunning();
    }

    @Test
    void aBodyThatCannotBeStoredFailsTheBackupNamingItsKey() throws Exception {
        String victim = keyWithOwnShard();
        Path shard = artifacts.storeRoot().resolve("minio-mirror").resolve(bodyName(bodies.get(victim)).substring(0, 2));
        Files.createDirectories(shard.getParent());
        Files.writeString(shard, "a file where the body's folder goes");

        IOException e = assertThrows(IOException.class, () -> artifacts.backup(datastore(production, MinioSettings.RSYNC)));
        assertTrue(e.getMessage().contains("bucket '" + BUCKET + "': object '" + victim + "'"), e.getMessage());
        assertNoTransferRunning();
    }

    @Test
    void aDamagedBodyFailsTheRestoreNamingItsKey() throws Exception {
        DatastoreRecord recorded = artifacts.backup(datastore(production, MinioSettings.RSYNC));
        String victim = keyWithOwnShard();
        String name = bodyName(bodies.get(victim));
        Path body = artifacts.storeRoot().resolve("minio-mirror").resolve(name.substring(0, 2)).resolve(name + ".zst.age");
        try (FileChannel file = FileChannel.open(body, StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), Files.size(body) / 2);
        }

        IOException e = assertThrows(IOException.class, () -> artifacts.restore(datastore(staging, MinioSettings.RSYNC), recorded));
        assertTrue(e.getMessage().contains("restore of bucket '" + BUCKET + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("object '" + victim + "' (body " + name + ")"), e.getMessage());
        assertNoTransferRunning();
        assertFalse(staging.bucketNames().contains(BUCKET), "the live bucket is not touched: " + staging.bucketNames());
        assertTrue(staging.bucketNames().stream().noneMatch(b -> b.contains("lifeboat-")), "scratch buckets are removed: "
                + staging.bucketNames());
    }

    @Test
    void requestsLeftRunningByInterruptedTransfersAreEndedBeforeAnyCleanup() throws Exception {
        // the SDK runs a request on its HTTP client's threads: interrupting the caller does not stop the request
        MinioEndpoint endpoint = new MinioEndpoint("minio (test)", staging.settings(MinioSettings.RSYNC, List.of()));
        staging.bucket("busy");
        byte[] body = new byte[4 << 20];
        new Random(3).nextBytes(body);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < TRANSFERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    String key = "w" + writer + "-" + i;
                    try {
                        endpoint.call("put " + key, () -> endpoint.client().putObject(io.minio.PutObjectArgs.builder().bucket("busy")
                                .object(key).stream(new java.io.ByteArrayInputStream(body), body.length, -1).build()));
                    } catch (IOException e) {
                        return; // interrupted while waiting: the request itself goes on
                    }
                }
            });
            writers.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (endpoint.inFlight() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        writers.forEach(Thread::interrupt);
        int abandoned = endpoint.inFlight();
        for (Thread thread : writers) {
            thread.join(10_000);
        }
        int ending = endpoint.inFlight();
        endpoint.endInFlight();

        assertTrue(abandoned >= 1, "the interrupted writers left requests running: " + abandoned);
        assertEquals(0, endpoint.inFlight(), "none runs once ended");
        // a request whose whole body the server had before it was ended may still be stored on the server's side
        // (in one full suite 2 did, under load); no other may, and nothing new is sent
        int landed = listing(staging, "busy").size();
        Thread.sleep(1500);
        int later = listing(staging, "busy").size();
        assertTrue(later - landed <= ending, "after the " + ending + " requests running were ended, " + (later - landed)
                + " objects landed: more than those requests could store");
        Thread.sleep(1500);
        assertEquals(later, listing(staging, "busy").size(), "no object lands once the server has finished those requests");
    }

    /** The keys the server lists, in its order. */
    private static List<String> listing(S3Fixture server, String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : server.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    /** The keys the bucket's archive or index holds, in its order, read as a restore reads them. */
    private List<String> keysInArtifact(DatastoreRecord recorded, String mode) throws IOException {
        ArtifactRecord artifact = recorded.artifacts().stream().filter(a -> BUCKET.equals(a.subject())).findFirst().orElseThrow();
        List<String> keys = new ArrayList<>();
        try (InputStream in = artifacts.source("minio").open(artifact)) {
            if (MinioSettings.CLONE.equals(mode)) {
                new BucketArchiveReader(BUCKET).read(in, (key, size, described, body) -> keys.add(key));
            } else {
                MirrorIndex.Reader index = new MirrorIndex.Reader(in, BUCKET);
                index.forEachRemaining(entry -> keys.add(entry.key()));
                index.finish();
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return keys;
    }

    /** A small object whose body no other object's body shares a mirror folder with, so that it alone fails. */
    private String keyWithOwnShard() throws IOException {
        Map<String, Integer> shards = new LinkedHashMap<>();
        for (byte[] body : bodies.values()) {
            shards.merge(bodyName(body).substring(0, 2), 1, Integer::sum);
        }
        for (Map.Entry<String, byte[]> object : bodies.entrySet()) {
            if (object.getValue().length < 8192 && shards.get(bodyName(object.getValue()).substring(0, 2)) == 1) {
                return object.getKey();
            }
        }
        throw new IllegalStateException("every small body shares its mirror folder: choose another seed");
    }

    /** The mirror's name of a body: the keyed hash of its plaintext ({@code StoreMirror}). */
    private String bodyName(byte[] body) throws IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(AgeIdentity.read(artifacts.stateIdentity()).derivedKey(MirrorKeys.NAME_KEY_PURPOSE),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whatever way the run ended, none of its transfer threads is left. */
    private static void assertNoTransferRunning() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("minio-transfer")).toList();
        assertEquals(List.of(), left);
    }
}
