package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Mirroring one bucket into another on the S3Proxy stand-in (a restore's swap, its aside copy and
 * its rollback): the target ends holding exactly the source's objects, bodies and header bytes,
 * and an object it already holds the same is left alone, however small the difference that makes
 * another copied: a header, a metadata entry there or missing, a metadata value's bytes, a body
 * of the same size.
 */
class BucketSwapTest extends TwoS3Servers {

    private static final String SCRATCH = "docs-scratch";
    private static final String LIVE = "docs";

    @Test
    void theTargetEndsAsTheSourceAndOnlyObjectsAlreadyTheSameAreLeftAlone() throws Exception {
        staging.bucket(SCRATCH);
        staging.bucket(LIVE);
        Map<String, String> pdf = Map.of("content-type", "application/pdf", "x-amz-meta-owner", "registry");
        Map<String, String> utf8 = Map.of("content-type", "text/plain", "x-amz-meta-title", wire("café".getBytes(StandardCharsets.UTF_8)));
        both("same.pdf", pdf, "the same body", pdf, "the same body");
        both("same-utf8.txt", utf8, "also the same", utf8, "also the same");
        both("other-type.pdf", pdf, "body", Map.of("content-type", "application/octet-stream", "x-amz-meta-owner", "registry"), "body");
        both("extra-entry.pdf", pdf, "body", Map.of("content-type", "application/pdf", "x-amz-meta-owner", "registry",
                "x-amz-meta-note", ""), "body");
        both("missing-entry.pdf", pdf, "body", Map.of("content-type", "application/pdf"), "body");
        both("latin1.txt", utf8, "body", Map.of("content-type", "text/plain",
                "x-amz-meta-title", wire("café".getBytes(StandardCharsets.ISO_8859_1))), "body");
        both("latin1-other.txt", Map.of("content-type", "text/plain", "x-amz-meta-title",
                wire("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))), "body", Map.of("content-type", "text/plain",
                "x-amz-meta-title", wire("caf\u00e8".getBytes(StandardCharsets.ISO_8859_1))), "body");
        both("latin1-same.txt", Map.of("content-type", "text/plain", "x-amz-meta-title",
                wire("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))), "body", Map.of("content-type", "text/plain",
                "x-amz-meta-title", wire("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))), "body");
        both("question-mark.txt", Map.of("x-amz-meta-q", "what?"), "body", Map.of("x-amz-meta-q", "what?"), "body");
        both("same-size.txt", utf8, "body A", utf8, "body B");
        both("disposition.pdf", Map.of("content-type", "application/pdf", "content-disposition", "attachment"), "body", pdf, "body");
        staging.putExact(SCRATCH, "only-restored.txt", utf8, "new".getBytes(StandardCharsets.UTF_8));
        staging.putExact(LIVE, "only-live.txt", utf8, "gone".getBytes(StandardCharsets.UTF_8));
        ScratchBuckets buckets = new ScratchBuckets(new MinioEndpoint("minio", staging.settings(List.of())));
        BucketSwap swap = new BucketSwap(new MinioEndpoint("minio", staging.settings(List.of())), buckets);

        BucketSwap.Mirrored mirrored = swap.mirror(SCRATCH, LIVE);

        assertEquals(new BucketSwap.Mirrored(8, 4, 1), mirrored,
                "four already the same (two read byte for byte), seven differing (one only in a byte okhttp reads as ?) and one new copied, one removed");
        assertEquals(objects(SCRATCH), objects(LIVE), "the live bucket holds the restored objects: bodies and header bytes");
        assertEquals(new BucketSwap.Mirrored(0, 12, 0), swap.mirror(SCRATCH, LIVE), "a second mirror finds nothing to do");
    }

    @Test
    void intoAnEmptyOrMissingBucketEverythingIsCopied() throws Exception {
        staging.bucket(SCRATCH);
        for (int i = 0; i < 5; i++) {
            staging.putExact(SCRATCH, "record-" + i + ".json", Map.of("content-type", "application/json"),
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        BucketSwap swap = new BucketSwap(new MinioEndpoint("minio", staging.settings(List.of())),
                new ScratchBuckets(new MinioEndpoint("minio", staging.settings(List.of()))));

        assertEquals(new BucketSwap.Mirrored(5, 0, 0), swap.mirror(SCRATCH, "docs-aside"));
        assertEquals(objects(SCRATCH), objects("docs-aside"));
    }

    @Test
    void everyObjectTheSourceDoesNotHoldIsRemovedFolderMarkersIncludedAndTheBucketCanGo() throws Exception {
        ScratchBuckets buckets = new ScratchBuckets(new MinioEndpoint("minio", staging.settings(List.of())));
        BucketSwap swap = new BucketSwap(new MinioEndpoint("minio", staging.settings(List.of())), buckets);
        for (int round = 0; round < 4; round++) {
            staging.bucket(SCRATCH);
            staging.bucket(LIVE);
            staging.putExact(SCRATCH, "kept.txt", Map.of("content-type", "text/plain"), "kept".getBytes(StandardCharsets.UTF_8));
            List<String> extras = new java.util.ArrayList<>(List.of("gone/", "gone/a.txt", "gone/deeper/", "gone/deeper/b.txt", "z/"));
            for (int i = 0; i < 40; i++) {
                extras.add("old/" + i + ".json");
            }
            for (String key : extras) {
                staging.putExact(LIVE, key, Map.of(), new byte[0]);
            }

            assertEquals(new BucketSwap.Mirrored(1, 0, extras.size()), swap.mirror(SCRATCH, LIVE), "round " + round);
            assertEquals(objects(SCRATCH), objects(LIVE));
            buckets.remove(LIVE);
            buckets.remove(SCRATCH);
            assertEquals(List.of(), staging.bucketNames(), "round " + round + ": nothing kept the buckets from going");
        }
    }

    private void both(String key, Map<String, String> restored, String restoredBody, Map<String, String> live, String liveBody)
            throws Exception {
        staging.putExact(SCRATCH, key, restored, restoredBody.getBytes(StandardCharsets.UTF_8));
        staging.putExact(LIVE, key, live, liveBody.getBytes(StandardCharsets.UTF_8));
    }

    /** Every object of {@code bucket}: key → the header bytes a GET answers with and the body. */
    private Map<String, String> objects(String bucket) throws Exception {
        Map<String, String> objects = new TreeMap<>();
        for (var result : staging.client().listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            String key = result.get().objectName();
            try (var in = staging.client().getObject(io.minio.GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                objects.put(key, staging.wireHeaders(bucket, key) + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return objects;
    }

    private static String wire(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
