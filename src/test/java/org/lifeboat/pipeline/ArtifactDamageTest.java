package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.pipeline.TestArtifacts.Encoded;
import org.lifeboat.pipeline.TestArtifacts.Keys;

/** Every kind of damage to stored bytes is an IOException, never wrong plaintext. */
class ArtifactDamageTest {

    @TempDir
    static Path dir;
    static Keys keys;
    static byte[] plain;
    static Encoded encoded;

    @BeforeAll
    static void artifact() throws IOException {
        keys = Keys.generate(dir.resolve("keys"));
        plain = TestArtifacts.mixed(1_000_000, 11);
        encoded = TestArtifacts.encode(new ArtifactEncoder(keys.recipients(), 3), plain);
    }

    @Test
    void undamagedArtifactReads() throws IOException {
        assertArrayEquals(plain, decode(encoded.stored()));
    }

    @Test
    void flippedByteInTheMiddleIsDamage() {
        byte[] damaged = encoded.stored().clone();
        damaged[damaged.length / 2] ^= 0x01;

        IOException e = assertThrows(IOException.class, () -> decode(damaged));

        assertTrue(e.getMessage().contains("artifact is damaged"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 50, 200, 65_536 + 200, 65_536 * 3 + 233, 1})
    void truncationIsDamage(int cut) {
        int length = cut == 1 ? encoded.stored().length - 1 : Math.min(cut, encoded.stored().length - 1);
        byte[] truncated = Arrays.copyOf(encoded.stored(), length);

        IOException e = assertThrows(IOException.class, () -> decode(truncated));

        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void trailingGarbageIsNoticed() {
        byte[] longer = Arrays.copyOf(encoded.stored(), encoded.stored().length + 5);

        assertThrows(IOException.class, () -> decodeExpecting(longer, encoded.digests()));
    }

    @Test
    void wrongExpectedShaFailsAtTheEnd() {
        ArtifactDigests right = encoded.digests();
        ArtifactDigests wrong = new ArtifactDigests(right.plainBytes(), right.plainSha256(), right.storedBytes(),
                "0".repeat(64));

        IOException e = assertThrows(IOException.class, () -> decodeExpecting(encoded.stored(), wrong));

        assertTrue(e.getMessage().contains("sha256 mismatch: expected " + "0".repeat(64) + " got "
                + right.storedSha256()), e.getMessage());
    }

    @Test
    void wrongExpectedPlainShaFailsToo() {
        ArtifactDigests right = encoded.digests();
        ArtifactDigests wrong = new ArtifactDigests(right.plainBytes(), "f".repeat(64), right.storedBytes(),
                right.storedSha256());

        IOException e = assertThrows(IOException.class, () -> decodeExpecting(encoded.stored(), wrong));

        assertTrue(e.getMessage().startsWith("plain sha256 mismatch"), e.getMessage());
    }

    @Test
    void failingStoredStreamIsNotCalledDamage() {
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    throw new IOException("connection reset");
                }
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return left <= 0 ? read() : readSlice(b, off, Math.min(len, left));
            }

            private int readSlice(byte[] b, int off, int n) {
                System.arraycopy(encoded.stored(), 100_000 - left, b, off, n);
                left -= n;
                return n;
            }
        };

        IOException e = assertThrows(IOException.class,
                () -> new ArtifactDecoder(keys.identity()).open(failing).readAllBytes());

        assertTrue(e.getMessage().contains("unable to read the artifact: connection reset"), e.getMessage());
    }

    private static byte[] decode(byte[] stored) throws IOException {
        try (DecodingStream in = new ArtifactDecoder(keys.identity()).open(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    private static byte[] decodeExpecting(byte[] stored, ArtifactDigests expected) throws IOException {
        try (DecodingStream in = new ArtifactDecoder(keys.identity())
                .open(new ByteArrayInputStream(stored), expected)) {
            return in.readAllBytes();
        }
    }
}
