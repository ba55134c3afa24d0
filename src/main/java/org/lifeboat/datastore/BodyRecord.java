package org.lifeboat.datastore;

import java.util.regex.Pattern;

/**
 * One body in a mirror: a standard artifact (zstd inside age) stored once outside every set and
 * shared by every set that refers to it. Its name is a keyed hash of its plaintext
 * ({@link Mirror#createBody()}), so equal bodies are stored once, while nobody without the key can
 * tell from a name what a body holds.
 *
 * @param name 64 lowercase hex characters (where it is stored is the repository's business)
 * @param plainBytes bytes before compression
 * @param plainSha256 SHA-256 of the plaintext, lowercase hex
 * @param storedBytes bytes stored
 * @param storedSha256 SHA-256 of the stored bytes, lowercase hex
 */
public record BodyRecord(String name, long plainBytes, String plainSha256, long storedBytes, String storedSha256) {

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");

    public BodyRecord {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a body name is 64 lowercase hex characters, not '" + name + "'");
        }
    }

    /** Whether {@code text} has the form of a body name. */
    public static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    /** One line of a references artifact: the name and the four digests, separated by spaces. */
    public String toLine() {
        return name + " " + plainBytes + " " + plainSha256 + " " + storedBytes + " " + storedSha256;
    }

    /** Reads {@link #toLine()}. */
    public static BodyRecord fromLine(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a body reference line (5 fields expected, " + parts.length + " found)");
        }
        return new BodyRecord(parts[0], Long.parseLong(parts[1]), parts[2], Long.parseLong(parts[3]), parts[4]);
    }
}
