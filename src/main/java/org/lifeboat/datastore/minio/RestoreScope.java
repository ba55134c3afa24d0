package org.lifeboat.datastore.minio;

import java.util.List;
import java.util.Set;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * The buckets a restore manages on the target, and so brings to exactly the set's state: the
 * configured {@code buckets} if any are listed, else every bucket on the target; never an
 * excluded bucket, never a scratch bucket of Lifeboat's own ({@link RestoreNames}). A bucket in
 * this scope that the set does not hold is removed, after everything was loaded and checked,
 * unless the backup recorded it as left out on purpose (excluded or not selected on production):
 * then the set says nothing of it. A bucket of the set outside the scope is not restored.
 */
final class RestoreScope {

    private final MinioSettings settings;
    private final List<String> leftOutAtBackup;

    RestoreScope(MinioSettings settings, DatastoreRecord recorded) {
        this.settings = settings;
        this.leftOutAtBackup = recorded.excluded() == null ? List.of() : recorded.excluded();
    }

    /** Whether a restore may create, replace or remove {@code bucket} on the target. */
    boolean manages(String bucket) {
        return (settings.buckets().isEmpty() || settings.buckets().contains(bucket)) && !settings.excludeBuckets().contains(bucket)
                && !RestoreNames.isLifeboats(bucket);
    }

    /** Of the target's buckets {@code present}, those to remove: managed, not in the set, not left out at backup. */
    List<String> toRemove(List<String> present, Set<String> inSet) {
        return present.stream().filter(this::manages).filter(b -> !inSet.contains(b)).filter(b -> !leftOutAtBackup(b)).sorted().toList();
    }

    /** How {@code SourceObjects#buckets} records a bucket it leaves out: {@code bucket NAME} or {@code bucket NAME (why)}. */
    private boolean leftOutAtBackup(String bucket) {
        return leftOutAtBackup.stream().anyMatch(line -> line.equals("bucket " + bucket) || line.startsWith("bucket " + bucket + " ("));
    }
}
