package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.RemoveObjectArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A Lifeboat killed at each kind of point of a MinIO swap, and the next restore settling it
 * (S3Proxy stand-ins): killed while copying aside, after replacing the live data, in its commit,
 * and in the settling itself. The set holds {@code docs} and {@code media}, which staging has with
 * other objects and metadata, and {@code fresh}, which it does not; staging's {@code gone} is not
 * in the set, so the swap removes it. Where the code cannot be stopped at the point, the test
 * leaves on the server what a killed Lifeboat leaves, through the swap's own journal.
 */
class MinioSwapSettlementTest extends TwoS3Servers {

    private DatastoreRecord recorded;

    @BeforeEach
    void fill() throws Exception {
        production.bucket("docs");
        production.put("docs", "a.txt", bytes("new a"), "text/plain", Map.of("v", "2"));
        production.put("docs", "b.txt", bytes("new b"), "text/plain", Map.of());
        production.bucket("media");
        production.put("media", "m.png", bytes("new m"), "image/png", Map.of());
        production.bucket("fresh");
        production.put("fresh", "f.txt", bytes("f"), "text/plain", Map.of());
        staging.bucket("docs");
        staging.put("docs", "a.txt", bytes("old a"), "text/markdown", Map.of("v", "1", "who", "staging"));
        staging.put("docs", "old.txt", bytes("only here"), "text/plain", Map.of());
        staging.put("docs", "deep/er/x.bin", new byte[1000], "application/octet-stream", Map.of("k", "x"));
        staging.bucket("media");
        staging.put("media", "m.png", bytes("old m"), "image/png", Map.of("k", "y"));
        staging.bucket("gone");
        staging.put("gone", "g.txt", bytes("g"), "text/plain", Map.of());
        recorded = artifacts.backup(new MinioDatastore("minio", production.settings(List.of())));
    }

    @Test
    void killedAfterReplacingTheLiveDataIsRolledBackWithItsSettings() throws Exception {
        String before = staging.fingerprint();
        List<String> namesBefore = staging.bucketNames();
        BucketSettings docsSettings = BucketSettings.read(endpoint(), "docs");
        String stamp = swappedIn();
        assertEquals(production.fingerprint(), staging.fingerprint(), "the killed restore had swapped in, and removed 'gone'");
        SwapJournal.Entry docs = entry(stamp, "docs");
        assertEquals(SwapJournal.ASIDE_COMPLETE, docs.state());
        assertEquals(docsSettings, docs.before(), "the settings the live bucket had are journaled, not only kept in memory");

        settleByTheNextRestore();
        assertEquals(before, staging.fingerprint(), "every bucket is back exactly: bodies, types, metadata, 'gone' too");
        assertEquals(namesBefore, staging.bucketNames(), "'fresh', which the killed restore created, and Lifeboat's buckets are gone");
        artifacts.restore(target(), recorded);
        assertEquals(production.fingerprint(), staging.fingerprint(), "and a restore runs as usual");
    }

    @Test
    void killedWhileCopyingAsideRemovesTheIncompleteCopy() throws Exception {
        String before = staging.fingerprint();
        List<String> namesBefore = staging.bucketNames();
        target().prepare(recorded, artifacts.source("minio")); // loaded and checked, then killed in the swap
        String stamp = SwapStamp.now();
        String marker = RestoreNames.marker(stamp);
        staging.bucket(marker);
        SwapJournal journal = new SwapJournal(endpoint(), marker);
        for (String bucket : List.of("docs", "fresh", "media")) {
            journal.record(new SwapJournal.Entry(bucket, SwapJournal.PENDING, null));
        }
        journal.record(new SwapJournal.Entry("docs", SwapJournal.COPYING_ASIDE, BucketSettings.read(endpoint(), "docs")));
        String aside = RestoreNames.aside("docs", stamp);
        staging.bucket(aside);
        staging.put(aside, "a.txt", bytes("old a"), "text/markdown", Map.of("v", "1", "who", "staging")); // the copy, cut short

        settleByTheNextRestore();
        assertEquals(before, staging.fingerprint(), "the live buckets were untouched and stay so");
        assertEquals(namesBefore, staging.bucketNames(), "the incomplete copy, the scratch buckets and the marker are removed");
    }

    @Test
    void killedDuringItsCommitIsFinishedAndTheRestoredDataStays() throws Exception {
        String stamp = swappedIn();
        new SwapJournal(endpoint(), RestoreNames.marker(stamp)).committing(); // the commit's first step
        String aside = RestoreNames.aside("docs", stamp);
        staging.client().removeObject(RemoveObjectArgs.builder().bucket(aside).object("a.txt").build()); // then killed emptying it
        String restored = staging.fingerprint();
        assertEquals(production.fingerprint(), restored);

        settleByTheNextRestore();
        assertEquals(restored, staging.fingerprint(), "the restored buckets stay: the commit is finished, not rolled back from a"
                + " half-removed copy");
        assertEquals(List.of("docs", "fresh", "media"), staging.bucketNames(), "the copies aside and the marker are removed");
    }

    @Test
    void killedWhileTheSettlingPutTheLiveDataBackIsSettledAgain() throws Exception {
        String before = staging.fingerprint();
        List<String> namesBefore = staging.bucketNames();
        String stamp = swappedIn();
        SwapJournal journal = new SwapJournal(endpoint(), RestoreNames.marker(stamp));
        // the next restore's settling had put 'media' back and begun removing its copy, and was copying 'docs' back
        SwapJournal.Entry media = entry(stamp, "media");
        new BucketSwap(endpoint(), new ScratchBuckets(endpoint())).mirror(RestoreNames.aside("media", stamp), "media");
        journal.record(media.at(SwapJournal.PUT_BACK));
        staging.client().removeObject(RemoveObjectArgs.builder().bucket(RestoreNames.aside("media", stamp)).object("m.png").build());
        journal.record(entry(stamp, "docs").at(SwapJournal.PUTTING_BACK));
        staging.put("docs", "old.txt", bytes("only here"), "text/plain", Map.of());

        settleByTheNextRestore();
        assertEquals(before, staging.fingerprint(), "every bucket is back exactly");
        assertEquals(namesBefore, staging.bucketNames());
        settleByTheNextRestore();
        assertEquals(before, staging.fingerprint(), "a settled swap is settled once: nothing changes the second time");
        assertEquals(namesBefore, staging.bucketNames());
    }

    /** Prepares and swaps in a restore of the set, then "kills" it (no commit, rollback or close); returns its stamp. */
    private String swappedIn() throws Exception {
        PreparedRestore interrupted = target().prepare(recorded, artifacts.source("minio"));
        interrupted.swapIn();
        String marker = staging.bucketNames().stream().filter(RestoreNames::isMarker).findFirst().orElseThrow();
        assertTrue(staging.bucketNames().stream().anyMatch(RestoreNames::isAside), staging.bucketNames().toString());
        return RestoreNames.stampOf(marker);
    }

    private SwapJournal.Entry entry(String stamp, String bucket) throws Exception {
        SwapJournal.Entry found = SwapJournal.read(endpoint(), RestoreNames.marker(stamp)).entries().stream()
                .filter(entry -> entry.bucket().equals(bucket)).findFirst().orElse(null);
        assertNotNull(found, "bucket '" + bucket + "' is journaled");
        return found;
    }

    /** What the next restore does first: settles, then loads its own copies, which it discards. */
    private void settleByTheNextRestore() throws Exception {
        target().prepare(recorded, artifacts.source("minio")).close();
    }

    private static MinioDatastore target() {
        return new MinioDatastore("minio", staging.settings(List.of()));
    }

    private static MinioEndpoint endpoint() {
        return new MinioEndpoint("minio", staging.settings(List.of()));
    }

    private static byte[] bytes(String text) {
        return MinioCloneDatastoreContractTest.bytes(text);
    }
}
