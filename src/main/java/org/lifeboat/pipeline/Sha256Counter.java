package org.lifeboat.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Byte count and SHA-256 of everything passed to {@link #update}: the one digest implementation
 * behind every digesting stream here. Not thread-safe: one thread updates, and others read only
 * after a happens-before edge (a join, a completed read).
 */
final class Sha256Counter {

    private final MessageDigest sha256;
    private long count;
    private String hex;

    Sha256Counter() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    void update(byte[] bytes, int offset, int length) {
        if (hex != null) {
            throw new IllegalStateException("digest already finished");
        }
        sha256.update(bytes, offset, length);
        count += length;
    }

    long count() {
        return count;
    }

    /** Finishes the digest (no more updates) and returns it as lowercase hex; repeatable. */
    String hex() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(sha256.digest());
        }
        return hex;
    }
}
