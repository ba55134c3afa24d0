package org.lifeboat.keys;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One or more age X25519 identities (secret keys), as written by {@code age-keygen}: comment lines,
 * then {@code AGE-SECRET-KEY-1…} lines. Held by staging and the break-glass key holder; production
 * holds only its state identity, to which nothing but its own indexes and references is encrypted.
 * The secret never leaves this object except inside jagged's stanza readers; {@link #toString()}
 * shows only the public keys.
 */
public final class AgeIdentity {

    static final String PREFIX = "AGE-SECRET-KEY-1";

    private final List<String> publicKeys;
    private final List<RecipientStanzaReader> stanzaReaders;
    /** SHA-256 of the first secret key: the root of {@link #derivedKey}, never the key itself. */
    private final byte[] keyRoot;

    private AgeIdentity(List<String> publicKeys, List<RecipientStanzaReader> stanzaReaders, byte[] keyRoot) {
        this.publicKeys = List.copyOf(publicKeys);
        this.stanzaReaders = List.copyOf(stanzaReaders);
        this.keyRoot = keyRoot;
    }

    /**
     * Reads an identity file, refusing it if group or others may access it
     * ({@link KeyFilePermissions#requireOwnerOnly}).
     */
    public static AgeIdentity read(Path file) throws IOException {
        KeyFilePermissions.requireOwnerOnly(file);
        return parse(KeyFileLines.read(file, "age identity file"), "'" + file + "'");
    }

    /**
     * Parses identities from {@code text} (no permission check: the caller got the text somehow).
     *
     * @param origin where the text came from, for messages
     * @throws IOException naming {@code origin} and the line number of the first bad line, never
     *     its content; or saying there is no identity at all
     */
    public static AgeIdentity parse(String text, String origin) throws IOException {
        List<String> keys = new ArrayList<>();
        List<RecipientStanzaReader> readers = new ArrayList<>();
        byte[] keyRoot = null;
        for (KeyFileLines.Line line : KeyFileLines.of(text)) {
            if (!line.text().startsWith(PREFIX)) {
                throw new IOException(origin + ": line " + line.number()
                        + " is not an age X25519 identity (expected a key starting with " + PREFIX + ")");
            }
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line.text()));
                keys.add(recipientOf(line.text()));
                if (keyRoot == null) {
                    keyRoot = MessageDigest.getInstance("SHA-256").digest(line.text().getBytes(StandardCharsets.US_ASCII));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // the cause is dropped on purpose: its message might quote the secret
                throw new IOException(origin + ": line " + line.number()
                        + " is not a valid age X25519 identity (bad encoding or checksum)");
            }
        }
        if (keys.isEmpty()) {
            throw new IOException(origin + ": no age identity found (expected a line starting with "
                    + PREFIX + ")");
        }
        return new AgeIdentity(keys, readers, keyRoot);
    }

    /** The {@code age1…} recipient of {@code secretKey}. */
    static String recipientOf(String secretKey) throws GeneralSecurityException {
        Key secret = new SecretKeySpec(secretKey.getBytes(StandardCharsets.US_ASCII), "X25519");
        Key publicKey = new X25519KeyFactory().translateKey(secret);
        return new String(publicKey.getEncoded(), StandardCharsets.US_ASCII);
    }

    /** The recipients matching these identities, as {@code age1…} strings, in file order. */
    public List<String> publicKeys() {
        return publicKeys;
    }

    /** One jagged stanza reader per identity, for {@code DecryptingChannelFactory}. */
    public List<RecipientStanzaReader> stanzaReaders() {
        return stanzaReaders;
    }

    /**
     * A 256-bit key for {@code purpose}, derived from the first identity (HMAC-SHA256 keyed with
     * the SHA-256 of the secret key, over the purpose's UTF-8 bytes): the same identity always
     * gives the same key, and the key reveals nothing of the identity.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyRoot, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AgeIdentity(for " + publicKeys + ")";
    }
}
