package org.lifeboat.manifest;

import org.lifeboat.pipeline.ArtifactDigests;

/**
 * One stored file of a set, with the digests that verify it.
 *
 * @param path the file's path inside the set folder, for example {@code postgres/app.dump.zst.age}
 * @param subject what it holds, for example the database name
 * @param format the plaintext format, for example {@code pg_dump-custom} or {@code sql}
 * @param plainBytes bytes before compression
 * @param plainSha256 SHA-256 of the plaintext, lowercase hex
 * @param storedBytes bytes stored (compressed, then encrypted)
 * @param storedSha256 SHA-256 of the stored bytes, lowercase hex
 */
public record ArtifactRecord(
        String path,
        String subject,
        String format,
        long plainBytes,
        String plainSha256,
        long storedBytes,
        String storedSha256) {

    /** Every artifact is zstd inside age: the same for every set of this format version. */
    public static final String ENCODING = "zstd+age-x25519";

    /** The digests a reader checks this artifact against. */
    public ArtifactDigests digests() {
        return new ArtifactDigests(plainBytes, plainSha256, storedBytes, storedSha256);
    }
}
