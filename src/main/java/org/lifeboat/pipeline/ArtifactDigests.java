package org.lifeboat.pipeline;

import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Size and SHA-256 of an artifact's plaintext and of its stored (compressed, encrypted) bytes, as
 * recorded in the manifest.
 *
 * @param plainBytes bytes given to the encoder
 * @param plainSha256 lowercase hex SHA-256 of those bytes
 * @param storedBytes bytes written to the store
 * @param storedSha256 lowercase hex SHA-256 of those bytes
 */
public record ArtifactDigests(long plainBytes, String plainSha256, long storedBytes, String storedSha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ArtifactDigests {
        requireSha256(plainSha256, "plainSha256");
        requireSha256(storedSha256, "storedSha256");
        if (plainBytes < 0 || storedBytes < 0) {
            throw new IllegalArgumentException("byte counts must not be negative");
        }
    }

    /** The stored half alone: what a quick check without a key can compare. */
    public StoredDigest stored() {
        return new StoredDigest(storedBytes, storedSha256);
    }

    /**
     * Throws unless {@code actual} equals these expected digests.
     *
     * @throws IOException "sha256 mismatch: expected … got …" (or a size mismatch), saying whether
     *     the stored or the plain bytes differ
     */
    public void requireMatch(ArtifactDigests actual) throws IOException {
        stored().requireMatch(actual.stored());
        compare("plain", plainBytes, plainSha256, actual.plainBytes, actual.plainSha256);
    }

    static void compare(String what, long expectedBytes, String expectedSha256, long actualBytes,
            String actualSha256) throws IOException {
        if (!expectedSha256.equals(actualSha256)) {
            throw new IOException(what + " sha256 mismatch: expected " + expectedSha256 + " got " + actualSha256
                    + " (" + actualBytes + " bytes, expected " + expectedBytes + ")");
        }
        if (expectedBytes != actualBytes) {
            throw new IOException(what + " size mismatch: expected " + expectedBytes + " bytes got " + actualBytes);
        }
    }

    static void requireSha256(String hex, String name) {
        Objects.requireNonNull(hex, name);
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(name + " is not a lowercase hex SHA-256: '" + hex + "'");
        }
    }
}
