package org.lifeboat.datastore.minio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.lifeboat.datastore.SwapStamp;

/**
 * The buckets of Lifeboat's own on a restore target: the scratch bucket a restore loads into
 * before the swap ({@code <bucket>-lifeboat-restore}), the copy of a live bucket a swap keeps aside
 * ({@code <bucket>-lifeboat-aside-<stamp>}) and the marker bucket of a swap not yet committed or
 * rolled back ({@code lifeboat-swap-<stamp>}, its journal). Where a name would pass the
 * 63-character limit it is shortened keeping a hash of the original (so two long names never
 * share one). Names stay lowercase letters, digits and hyphens, starting and ending with a letter
 * or digit. Backups never include these buckets, and a restore never manages them.
 */
final class RestoreNames {

    static final String SUFFIX = "-lifeboat-restore";
    private static final String ASIDE = "-lifeboat-aside-";
    private static final String MARKER = "lifeboat-swap-";
    private static final int NAME_LIMIT = 63;

    private RestoreNames() {
    }

    static String scratch(String bucket) {
        return withSuffix(bucket, SUFFIX);
    }

    /** Where a swap of {@code stamp} keeps the live {@code bucket}'s objects until the restore commits or rolls back. */
    static String aside(String bucket, String stamp) {
        return withSuffix(bucket, ASIDE + stamp.toLowerCase(Locale.ROOT));
    }

    /** The marker bucket of the swap of {@code stamp}: it exists from the swap's start to its commit or rollback. */
    static String marker(String stamp) {
        return MARKER + stamp.toLowerCase(Locale.ROOT);
    }

    static boolean isScratch(String bucket) {
        return bucket.endsWith(SUFFIX);
    }

    static boolean isAside(String bucket) {
        int at = bucket.lastIndexOf(ASIDE);
        return at > 0 && SwapStamp.is(bucket.substring(at + ASIDE.length()).toUpperCase(Locale.ROOT));
    }

    static boolean isMarker(String bucket) {
        return bucket.startsWith(MARKER) && SwapStamp.is(bucket.substring(MARKER.length()).toUpperCase(Locale.ROOT));
    }

    /** Whether {@code bucket} is a scratch, aside or marker bucket. */
    static boolean isLifeboats(String bucket) {
        return isScratch(bucket) || isAside(bucket) || isMarker(bucket);
    }

    /** The stamp (lowercase) of an aside or marker bucket. */
    static String stampOf(String bucket) {
        return bucket.substring(bucket.length() - SwapStamp.LENGTH);
    }

    private static String withSuffix(String bucket, String suffix) {
        String name = bucket + suffix;
        if (name.length() <= NAME_LIMIT) {
            return name;
        }
        MessageDigest sha256 = Digests.sha256();
        String hash = HexFormat.of().formatHex(sha256.digest(bucket.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        String prefix = bucket.substring(0, Math.max(0, NAME_LIMIT - suffix.length() - hash.length() - 1)).replace('.', '-');
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return (prefix.isEmpty() ? "" : prefix + "-") + hash + suffix;
    }
}
