package org.lifeboat.datastore.minio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The scratch bucket a restore loads into before the swap: {@code <bucket>-lifeboat-restore}, or,
 * where that would pass the 63-character limit, a shortened name keeping a hash of the original
 * (so two long names never share a scratch bucket). Names stay lowercase letters, digits and
 * hyphens, starting and ending with a letter or digit. Backups never include these buckets.
 */
final class RestoreNames {

    static final String SUFFIX = "-lifeboat-restore";
    private static final int NAME_LIMIT = 63;

    private RestoreNames() {
    }

    static String scratch(String bucket) {
        String name = bucket + SUFFIX;
        if (name.length() <= NAME_LIMIT) {
            return name;
        }
        MessageDigest sha256 = Digests.sha256();
        String hash = HexFormat.of().formatHex(sha256.digest(bucket.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        String prefix = bucket.substring(0, NAME_LIMIT - SUFFIX.length() - hash.length() - 1).replace('.', '-');
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-" + hash + SUFFIX;
    }

    static boolean isScratch(String bucket) {
        return bucket.endsWith(SUFFIX);
    }
}
