package org.lifeboat.pipeline;

import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.lifeboat.keys.AgeIdentity;

/**
 * Turns a stored artifact (zstd inside age, as {@link ArtifactEncoder} or {@code zstd | age}
 * writes it) back into plaintext, authenticating every chunk and taking counts and SHA-256 of
 * both sides while reading. Reusable and thread-safe: each {@link #open} is independent.
 */
public final class ArtifactDecoder {

    private final AgeIdentity identity;

    public ArtifactDecoder(AgeIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * Reads the age header and returns the plaintext stream.
     *
     * @param stored the artifact's bytes; from now on owned by the returned stream, which closes
     *     it when closed (or here, if the header cannot be read)
     * @return a stream the caller owns and must close
     * @throws IOException saying that no identity matches the artifact's recipients, or that the
     *     artifact is damaged, or that reading {@code stored} failed
     */
    public DecodingStream open(InputStream stored) throws IOException {
        return open(stored, null);
    }

    /**
     * As {@link #open(InputStream)}, and on reaching the end compares the digests with
     * {@code expected}: a difference throws "… sha256 mismatch: expected … got …" instead of
     * returning end of stream, so whoever reads to the end gets the check.
     */
    public DecodingStream open(InputStream stored, ArtifactDigests expected) throws IOException {
        Objects.requireNonNull(stored, "stored");
        DecodingStream.StoredSource source = new DecodingStream.StoredSource(stored);
        try {
            ReadableByteChannel plainChannel = new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(source), identity.stanzaReaders());
            return new DecodingStream(source, Channels.newInputStream(plainChannel), expected);
        } catch (UnsupportedRecipientStanzaException e) {
            source.closeQuietly();
            int tried = identity.publicKeys().size();
            throw new IOException("no identity matches the artifact's recipients (tried " + tried
                    + (tried == 1 ? " identity" : " identities") + "; the artifact was encrypted to other keys)");
        } catch (GeneralSecurityException e) {
            source.closeQuietly();
            throw new IOException("artifact is damaged: its age header cannot be decrypted ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (IOException | RuntimeException e) {
            source.closeQuietly();
            throw DecodingStream.explain(source, e);
        }
    }
}
