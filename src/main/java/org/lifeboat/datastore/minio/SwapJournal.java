package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of one swap, kept in its marker bucket ({@link RestoreNames#marker}): one small
 * object per live bucket, named as the bucket, written before each step, saying how far the
 * bucket's swap got and the settings the live bucket had (read before anything of it changes),
 * so that after Lifeboat was killed the next restore can settle the swap ({@link SwapSettlement});
 * and the object {@value #COMMIT_KEY} (no bucket can be named so) once the commit began. The
 * marker exists from the swap's start to the end of its commit or rollback.
 */
final class SwapJournal {

    /** The bucket is to be swapped; nothing of it is touched yet. */
    static final String PENDING = "pending";
    /** The live objects are being copied aside; the live bucket is untouched, its aside copy incomplete. */
    static final String COPYING_ASIDE = "copying-aside";
    /** The aside copy is complete; the live bucket is being replaced or removed. */
    static final String ASIDE_COMPLETE = "aside-complete";
    /** There was no live bucket; one is being made from the restored copy. */
    static final String NO_LIVE_BUCKET = "no-live-bucket";
    /** A rollback is making the live bucket hold its aside copy's objects again. */
    static final String PUTTING_BACK = "putting-back";
    /** The live bucket is back as it was; only its aside copy may be left to remove. */
    static final String PUT_BACK = "put-back";
    private static final String COMMIT_KEY = "_commit";

    /**
     * One bucket's last recorded step.
     *
     * @param bucket the live bucket
     * @param state one of the states above
     * @param before the settings the live bucket had; null if it had none to record yet, or the journal is an older Lifeboat's
     */
    record Entry(String bucket, String state, BucketSettings before) {

        Entry at(String next) {
            return new Entry(bucket, next, before);
        }
    }

    /**
     * What a marker bucket says.
     *
     * @param entries each journaled bucket's last step, in key order
     * @param committing whether the swap's commit had begun
     */
    record Contents(List<Entry> entries, boolean committing) {
    }

    private final MinioEndpoint endpoint;
    private final String marker;

    SwapJournal(MinioEndpoint endpoint, String marker) {
        this.endpoint = endpoint;
        this.marker = marker;
    }

    String marker() {
        return marker;
    }

    void record(Entry entry) throws IOException {
        ObjectNode body = BucketArchive.JSON.createObjectNode().put("state", entry.state());
        if (entry.before() != null) {
            body.set("settings", BucketArchive.JSON.valueToTree(entry.before().settings()));
        }
        put(entry.bucket(), BucketArchive.JSON.writeValueAsBytes(body));
    }

    /** Records that the commit began: from here on the swap is finished, never rolled back. */
    void committing() throws IOException {
        put(COMMIT_KEY, "committing".getBytes(StandardCharsets.UTF_8));
    }

    private void put(String key, byte[] body) throws IOException {
        endpoint.call("bucket '" + marker + "': journal '" + key + "'", () -> endpoint.client().putObject(PutObjectArgs.builder()
                .bucket(marker).object(key).stream(new ByteArrayInputStream(body), body.length, -1).contentType("application/json")
                .build()));
    }

    /** What the marker bucket {@code marker} holds; an older Lifeboat's entries (the state alone, as text) have no settings. */
    static Contents read(MinioEndpoint endpoint, String marker) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean committing = false;
        for (Result<Item> result : endpoint.client().listObjects(ListObjectsArgs.builder().bucket(marker).recursive(true).build())) {
            String key = endpoint.call("bucket '" + marker + "': list objects", result::get).objectName();
            if (key.equals(COMMIT_KEY)) {
                committing = true;
                continue;
            }
            String text = endpoint.call("bucket '" + marker + "': read '" + key + "'", () -> {
                try (var in = endpoint.client().getObject(GetObjectArgs.builder().bucket(marker).object(key).build())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            if (!text.startsWith("{")) {
                entries.add(new Entry(key, text.strip(), null));
                continue;
            }
            JsonNode body = BucketArchive.JSON.readTree(text);
            JsonNode settings = body.get("settings");
            entries.add(new Entry(key, body.path("state").asText(), settings == null ? null : BucketSettings.fromJson(key, settings)));
        }
        return new Contents(entries, committing);
    }
}
