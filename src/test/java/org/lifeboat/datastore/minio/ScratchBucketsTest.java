package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Emptying a bucket (a restore's scratch and aside buckets, a scratch bucket reused) removes every
 * object, most of them in batched DeleteObjects requests, on the S3Proxy stand-in: more than one
 * batch of plain keys and every key shape the stand-in holds, of which those an XML body cannot
 * carry exactly go one by one, and folder markers after what is in them (the stand-in, keeping
 * objects as files, otherwise keeps a folder that makes the bucket's removal fail, now and then).
 */
class ScratchBucketsTest extends TwoS3Servers {

    private static final List<String> SHAPES = List.of("100%", "%41", "a+b c", " leading", "trailing ", "sp ace/ and tab\there",
            "n\u00e9e", "ne\u0301e", "line\nbreak", "carriage\rreturn", "quote'\"<&>", "]]>", "folder/", "folder/inside.txt",
            "\u65e5\u672c/\u00fc.txt", "emoji \ud83d\udcc4.pdf", "&amp;", "a/b/c.txt");

    @Test
    void everyObjectGoesMostInBatchesAndTheKeysXmlCannotCarryOneByOne() throws Exception {
        staging.bucket("scratch");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ScratchBuckets.BATCH + 150; i++) {
            keys.add("records/" + i + ".json");
        }
        keys.addAll(SHAPES);
        for (String key : keys) {
            staging.put("scratch", key, key.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        }
        ScratchBuckets buckets = new ScratchBuckets(new MinioEndpoint("minio", staging.settings(List.of())));
        assertEquals(keys.size(), buckets.count("scratch").objects(), "the stand-in holds every key: " + staging.fingerprint());

        ScratchBuckets.Emptied emptied = buckets.empty("scratch");

        assertEquals(0, buckets.count("scratch").objects(), "nothing is left: " + staging.fingerprint());
        assertEquals(keys.size(), emptied.batched() + emptied.single(), "every object was removed once: " + emptied);
        long oneByOne = keys.stream().filter(key -> !ScratchBuckets.batchable(key) || key.endsWith("/")).count();
        assertEquals(4, oneByOne, "the tab, line feed and carriage return keys and the folder marker go one by one");
        assertEquals(keys.size() - oneByOne, emptied.batched(), "the rest went in batches, each read by the stand-in as it lists it");
        assertTrue(buckets.exists("scratch"), "the bucket itself stays");
    }

    @Test
    void removingABucketEmptiesItFirstEvenWithFolderMarkersAndAnEmptyBucketNeedsNoRequestForItsObjects() throws Exception {
        ScratchBuckets buckets = new ScratchBuckets(new MinioEndpoint("minio", staging.settings(List.of())));
        // a folder marker removed beside the objects in it left the stand-in's folder behind in about one round of eight
        for (int round = 0; round < 12; round++) {
            staging.bucket("aside");
            for (String key : SHAPES) {
                staging.put("aside", key, new byte[0], null, Map.of());
            }
            for (String key : List.of("a/", "a/b/", "a/b/c.txt", "a/b/d/", "z/")) {
                staging.put("aside", key, new byte[0], null, Map.of());
            }

            buckets.remove("aside");

            assertFalse(buckets.exists("aside"), "round " + round);
        }
        staging.bucket("empty");
        assertEquals(new ScratchBuckets.Emptied(0, 0), buckets.empty("empty"));
    }

    @Test
    void onlyKeysWithoutControlCharactersOrTheSdksRefusedSegmentsAreBatchable() {
        assertTrue(ScratchBuckets.batchable("quote'\"<&>"));
        assertTrue(ScratchBuckets.batchable(" leading and trailing "));
        assertTrue(ScratchBuckets.batchable("emoji \ud83d\udcc4"));
        assertFalse(ScratchBuckets.batchable("tab\there"));
        assertFalse(ScratchBuckets.batchable("line\nbreak"));
        assertFalse(ScratchBuckets.batchable("del\u007f"));
        assertFalse(ScratchBuckets.batchable("not\ufffe"));
        assertFalse(ScratchBuckets.batchable("a/../b"));
        assertFalse(ScratchBuckets.batchable("./a"));
    }
}
