package org.lifeboat.pipeline;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext of an artifact opened by {@link ArtifactDecoder}. Every read is authenticated;
 * damage or truncation throws an {@link IOException} saying the artifact is damaged. At the end
 * the rest of the stored stream is read too, so the stored digest covers all of it.
 *
 * <p>Ownership: the caller owns this stream and must close it; closing it closes the stored
 * stream given to {@link ArtifactDecoder#open}.
 */
public final class DecodingStream extends InputStream {

    private final StoredSource source;
    private final DigestingInputStream plain;
    private final ArtifactDigests expected;
    private ArtifactDigests digests;
    private IOException mismatch;

    DecodingStream(StoredSource source, InputStream decrypted, ArtifactDigests expected) throws IOException {
        this.source = source;
        this.plain = new DigestingInputStream(new ZstdInputStreamNoFinalizer(decrypted));
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (mismatch != null) {
            throw mismatch;
        }
        if (digests != null) {
            return -1;
        }
        int n;
        try {
            n = plain.read(buffer, offset, length);
            if (n == -1) {
                source.drain();
            }
        } catch (IOException | RuntimeException e) {
            throw explain(source, e);
        }
        if (n == -1) {
            finish();
        }
        return n;
    }

    private void finish() throws IOException {
        ArtifactDigests actual = new ArtifactDigests(plain.digest().count(), plain.digest().hex(),
                source.digest().count(), source.digest().hex());
        if (expected != null) {
            try {
                expected.requireMatch(actual);
            } catch (IOException e) {
                mismatch = e;
                throw e;
            }
        }
        digests = actual;
    }

    /**
     * Counts and SHA-256 of the plaintext read and of the whole stored stream.
     *
     * @throws IllegalStateException unless the end of the stream was reached (and matched
     *     the expected digests, if given)
     */
    public ArtifactDigests digests() {
        if (digests == null) {
            throw new IllegalStateException("digests are known only once the end of the artifact was read");
        }
        return digests;
    }

    /** Closes the decoder and the stored stream. */
    @Override
    public void close() throws IOException {
        try {
            plain.close();
        } catch (IOException e) {
            // ignored: the stored stream is closed below, and a damaged tail was reported by read
        } finally {
            source.close();
        }
    }

    /** Says what a read failure means: the stored stream failed, or the artifact is damaged. */
    static IOException explain(StoredSource source, Exception e) {
        if (source.failure != null) {
            return new IOException("unable to read the artifact: " + source.failure.getMessage(), source.failure);
        }
        return new IOException("artifact is damaged (authentication failed or truncated): " + e.getMessage(), e);
    }

    /** The stored stream, digested, remembering its own read failures to tell them from damage. */
    static final class StoredSource extends FilterInputStream {

        private IOException failure;

        StoredSource(InputStream stored) {
            super(new DigestingInputStream(stored));
        }

        Sha256Counter digest() {
            return ((DigestingInputStream) in).digest();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void drain() throws IOException {
            try {
                ((DigestingInputStream) in).drain();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // ignored: opening already failed, and that failure is what the caller gets
            }
        }
    }
}
