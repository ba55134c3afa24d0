package org.lifeboat.datastore.minio;

import java.util.List;

/**
 * How to reach one MinIO (S3) server and what to back up.
 *
 * @param mode {@code clone} (an archive per bucket) or {@code rsync} (changed objects into the mirror)
 * @param endpoint the server's URL, for example {@code http://127.0.0.1:9000}; no credentials in it
 * @param accessKey the access key (user name)
 * @param secretKey the secret key: never logged, never part of {@link #toString()}
 * @param buckets buckets to back up; empty means every bucket
 * @param excludeBuckets buckets never backed up
 * @param excludePrefixes objects never backed up, as {@code bucket/key-prefix}
 * @param transfers objects read and written at once, in backup and restore ({@value #MIN_TRANSFERS} to {@value #MAX_TRANSFERS})
 */
public record MinioSettings(String mode, String endpoint, String accessKey, String secretKey, List<String> buckets,
        List<String> excludeBuckets, List<String> excludePrefixes, int transfers) {

    /** The mode that sends only new and changed objects. */
    public static final String RSYNC = "rsync";
    /** The mode that archives every object. */
    public static final String CLONE = "clone";
    /** Objects in flight when {@code transfers} is not set. */
    public static final int DEFAULT_TRANSFERS = 4;
    public static final int MIN_TRANSFERS = 1;
    /** Each transfer holds a connection, a thread and up to a few MiB of buffers: more would not pay. */
    public static final int MAX_TRANSFERS = 64;

    public MinioSettings {
        if (!CLONE.equals(mode) && !RSYNC.equals(mode)) {
            throw new IllegalArgumentException("MinIO mode must be clone or rsync, not '" + mode + "'");
        }
        String problem = transfersProblem(transfers);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        buckets = List.copyOf(buckets);
        excludeBuckets = List.copyOf(excludeBuckets);
        excludePrefixes = List.copyOf(excludePrefixes);
        for (String prefix : excludePrefixes) {
            int slash = prefix.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("exclude prefix '" + prefix + "' must be bucket/prefix");
            }
        }
    }

    /** With {@value #DEFAULT_TRANSFERS} transfers. */
    public MinioSettings(String mode, String endpoint, String accessKey, String secretKey, List<String> buckets,
            List<String> excludeBuckets, List<String> excludePrefixes) {
        this(mode, endpoint, accessKey, secretKey, buckets, excludeBuckets, excludePrefixes, DEFAULT_TRANSFERS);
    }

    /** These settings with {@code transfers} objects moved at once. */
    public MinioSettings withTransfers(int transfers) {
        return new MinioSettings(mode, endpoint, accessKey, secretKey, buckets, excludeBuckets, excludePrefixes, transfers);
    }

    /** Why {@code transfers} cannot be used, or null if it can. */
    static String transfersProblem(int transfers) {
        return transfers >= MIN_TRANSFERS && transfers <= MAX_TRANSFERS ? null
                : "transfers must be " + MIN_TRANSFERS + " to " + MAX_TRANSFERS + ", not " + transfers;
    }

    /** Whether {@code key} of {@code bucket} falls under a configured exclude prefix. */
    boolean excludes(String bucket, String key) {
        for (String prefix : excludePrefixes) {
            int slash = prefix.indexOf('/');
            if (prefix.substring(0, slash).equals(bucket) && key.startsWith(prefix.substring(slash + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Without the secret key. */
    @Override
    public String toString() {
        return "MinioSettings[mode=" + mode + ", endpoint=" + endpoint + ", accessKey=" + accessKey + ", buckets=" + buckets
                + ", excludeBuckets=" + excludeBuckets + ", excludePrefixes=" + excludePrefixes + ", transfers=" + transfers + "]";
    }
}
