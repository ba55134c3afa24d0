package org.lifeboat.datastore.minio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A SHA-256 over a sequence of keys (each as its UTF-8 length and bytes), so that the keys loaded
 * into a scratch bucket and the keys it then lists can be compared without holding either: a
 * server that stores a key under another name (folding {@code a//b} into {@code a/b}) is caught.
 */
final class KeyDigest {

    private final MessageDigest sha256 = Digests.sha256();

    void add(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    /** The digest so far; call once, at the end. */
    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
