package org.lifeboat.store.sftp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SSH public key fingerprints, in the form {@code ssh-keygen -lf} prints them. */
public final class SshFingerprints {

    private SshFingerprints() {
    }

    /**
     * {@code SHA256:} followed by the unpadded base64 of the SHA-256 of the key blob (the
     * base64-decoded second field of a {@code .pub} or known_hosts line).
     */
    public static String sha256(byte[] publicKeyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The key type named at the start of the blob (for example {@code ssh-ed25519}), or "unknown". */
    public static String keyType(byte[] publicKeyBlob) {
        if (publicKeyBlob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(publicKeyBlob).getInt();
        if (length <= 0 || length > publicKeyBlob.length - 4) {
            return "unknown";
        }
        return new String(publicKeyBlob, 4, length, StandardCharsets.US_ASCII);
    }
}
