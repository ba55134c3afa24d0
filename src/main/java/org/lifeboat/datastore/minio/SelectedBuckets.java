package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * The walk both backup modes share ({@link MinioCloneBackup}, {@link MinioRsyncBackup}): the
 * selected buckets in order ({@link SourceObjects#buckets}), each with its settings read and what
 * they cannot save noted as excluded, then the objects it skipped under excluded prefixes noted;
 * and the artifacts and counts the buckets gave, for the backup's result. What each bucket
 * becomes (a tar, or an index and mirrored bodies) is the mode's.
 */
final class SelectedBuckets {

    /** What a mode makes of one bucket. */
    interface BucketBackup {
        /**
         * Backs up {@code bucket}, adding its artifact and counts to the walk.
         *
         * @param skipped its one element counts the objects left out under excluded prefixes
         */
        void backUp(String bucket, BucketSettings settings, long[] skipped) throws IOException;
    }

    private final MinioEndpoint endpoint;
    private final SourceObjects source;
    private final List<String> excluded = new ArrayList<>();
    private final List<ArtifactRecord> artifacts = new ArrayList<>();
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    SelectedBuckets(MinioEndpoint endpoint, SourceObjects source) {
        this.endpoint = endpoint;
        this.source = source;
    }

    /** Backs up every selected bucket in order with {@code backup}. */
    void backUpEach(BucketBackup backup) throws IOException {
        for (String bucket : source.buckets(excluded)) {
            BucketSettings bucketSettings = BucketSettings.read(endpoint, bucket);
            excluded.addAll(bucketSettings.notSaved());
            long[] skipped = {0};
            backup.backUp(bucket, bucketSettings, skipped);
            if (skipped[0] > 0) {
                excluded.add("bucket '" + bucket + "': " + skipped[0] + " objects under excluded prefixes");
            }
        }
    }

    /** Adds what {@code bucket} gave: its artifact and its counts. */
    void add(String bucket, ArtifactRecord artifact, Map<String, Long> bucketCounts) {
        artifacts.add(artifact);
        counts.put(bucket, bucketCounts);
    }

    /** The backup's result, with {@code versions} for the manifest. */
    BackupResult result(Map<String, String> versions) {
        return new BackupResult(versions, artifacts, counts, excluded);
    }
}
