package org.lifeboat.pipeline;

import java.io.IOException;
import java.io.InputStream;

/**
 * Size and SHA-256 of stored bytes, computable without a key: the quick {@code verify} check.
 *
 * @param bytes how many bytes
 * @param sha256 lowercase hex SHA-256
 */
public record StoredDigest(long bytes, String sha256) {

    public StoredDigest {
        ArtifactDigests.requireSha256(sha256, "sha256");
    }

    /**
     * Reads {@code stored} to its end and digests it.
     *
     * @param stored read to EOF but not closed: the caller owns it
     */
    public static StoredDigest of(InputStream stored) throws IOException {
        DigestingInputStream digesting = new DigestingInputStream(stored);
        digesting.drain();
        return new StoredDigest(digesting.digest().count(), digesting.digest().hex());
    }

    /** Throws "stored sha256 mismatch: expected … got …" unless {@code actual} equals this. */
    public void requireMatch(StoredDigest actual) throws IOException {
        ArtifactDigests.compare("stored", bytes, sha256, actual.bytes, actual.sha256);
    }
}
