package org.lifeboat.keys;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The age X25519 recipients an artifact is encrypted to, as in an age {@code -R} file: one
 * {@code age1…} key per line, blank lines and {@code #} comments ignored. Public keys only, so this
 * is all production ever holds.
 */
public final class AgeRecipients {

    static final String PREFIX = "age1";

    private final List<String> publicKeys;
    private final List<RecipientStanzaWriter> stanzaWriters;

    private AgeRecipients(List<String> publicKeys, List<RecipientStanzaWriter> stanzaWriters) {
        this.publicKeys = List.copyOf(publicKeys);
        this.stanzaWriters = List.copyOf(stanzaWriters);
    }

    /** Reads a recipients file. Its permissions do not matter: it holds no secret. */
    public static AgeRecipients read(Path file) throws IOException {
        return parse(KeyFileLines.read(file, "age recipients file"), "'" + file + "'");
    }

    /**
     * Parses recipients from {@code text}.
     *
     * @param origin where the text came from, for messages (a quoted file name, "configuration")
     * @throws IOException naming {@code origin} and the line number of the first bad line (the line
     *     itself is never echoed), or saying there is no recipient at all
     */
    public static AgeRecipients parse(String text, String origin) throws IOException {
        List<String> keys = new ArrayList<>();
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (KeyFileLines.Line line : KeyFileLines.of(text)) {
            if (line.isIdentity()) {
                throw new IOException(origin + ": line " + line.number()
                        + " is an identity (secret key), not a recipient; remove it from this file");
            }
            if (!line.text().startsWith(PREFIX)) {
                throw new IOException(origin + ": line " + line.number()
                        + " is not an age X25519 recipient (expected a key starting with age1)");
            }
            try {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(line.text()));
            } catch (GeneralSecurityException | RuntimeException e) {
                // the cause is dropped on purpose: its message might quote the line
                throw new IOException(origin + ": line " + line.number()
                        + " is not a valid age X25519 recipient (bad encoding or checksum)");
            }
            keys.add(line.text());
        }
        if (keys.isEmpty()) {
            throw new IOException(origin + ": no age recipient found (expected lines starting with age1)");
        }
        return new AgeRecipients(keys, writers);
    }

    /**
     * These recipients and {@code more} (already checked {@code age1…} strings, for example an
     * identity's own public keys), without repeats.
     */
    public AgeRecipients plus(List<String> more) throws IOException {
        List<String> all = new ArrayList<>(publicKeys);
        more.stream().filter(key -> !all.contains(key)).forEach(all::add);
        return parse(String.join("\n", all), "recipients and " + more.size() + " more");
    }

    /** The recipients as {@code age1…} strings, in file order. */
    public List<String> publicKeys() {
        return publicKeys;
    }

    /** One jagged stanza writer per recipient, for {@code EncryptingChannelFactory}. */
    public List<RecipientStanzaWriter> stanzaWriters() {
        return stanzaWriters;
    }

    @Override
    public String toString() {
        return "AgeRecipients" + publicKeys;
    }
}
