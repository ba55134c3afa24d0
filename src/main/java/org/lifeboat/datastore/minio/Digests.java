package org.lifeboat.datastore.minio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 instances for object bodies. */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
