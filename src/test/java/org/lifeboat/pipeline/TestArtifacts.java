package org.lifeboat.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;

/** Keys, data and an independent SHA-256 for the pipeline tests. */
final class TestArtifacts {

    private static final String[] WORDS = {"INSERT", "INTO", "events", "VALUES", "user_id", "created_at",
        "2026-11-22T14:30:15Z", "NULL", "true", "false", "{\"kind\":\"click\"}", "Lifeboat", "postgres"};

    private TestArtifacts() {
    }

    /** A fresh key set in {@code folder}. */
    record Keys(Path folder, AgeIdentity identity, AgeRecipients recipients) {

        static Keys generate(Path folder) throws IOException {
            KeyFiles.generate(folder);
            return new Keys(folder, AgeIdentity.read(folder.resolve(KeyFiles.AGE_IDENTITY)),
                    AgeRecipients.read(folder.resolve(KeyFiles.AGE_RECIPIENTS)));
        }

        Path identityFile() {
            return folder.resolve(KeyFiles.AGE_IDENTITY);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Dump-like text: compresses to roughly a quarter to a third, like real SQL or JSON dumps. */
    static byte[] textLike(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 100);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ')
                    .append(random.nextInt(1_000_000)).append(random.nextBoolean() ? ", " : ";\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Half random bytes, half text: neither side of the pipeline gets an easy ride. */
    static byte[] mixed(int size, long seed) {
        byte[] bytes = new byte[size];
        System.arraycopy(random(size / 2, seed), 0, bytes, 0, size / 2);
        byte[] text = textLike(size - size / 2, seed + 1);
        System.arraycopy(text, 0, bytes, size / 2, text.length);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Encodes {@code plain} in uneven writes; returns the stored bytes and the digests. */
    static Encoded encode(ArtifactEncoder encoder, byte[] plain) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        EncodingStream encoding = encoder.open(stored);
        int offset = 0;
        for (int step = 1; offset < plain.length; step = step * 7 % 100_003 + 1) {
            int n = Math.min(step, plain.length - offset);
            encoding.write(plain, offset, n);
            offset += n;
        }
        encoding.close();
        return new Encoded(stored.toByteArray(), encoding.digests());
    }

    record Encoded(byte[] stored, ArtifactDigests digests) {
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
