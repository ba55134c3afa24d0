package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.pipeline.TestArtifacts.Encoded;
import org.lifeboat.pipeline.TestArtifacts.Keys;

class ArtifactRoundTripTest {

    @TempDir
    static Path dir;
    static Keys staging;
    static Keys breakGlass;

    @BeforeAll
    static void keys() throws IOException {
        staging = Keys.generate(dir.resolve("staging"));
        breakGlass = Keys.generate(dir.resolve("break-glass"));
    }

    @Test
    void emptyArtifact() throws IOException {
        roundTrip(new byte[0]);
    }

    @Test
    void smallArtifact() throws IOException {
        roundTrip(TestArtifacts.textLike(1000, 1));
    }

    @Test
    void fiftyMegabytesOfRandomAndText() throws IOException {
        roundTrip(TestArtifacts.mixed(50 * 1024 * 1024, 2));
    }

    @Test
    void compressesText() throws IOException {
        byte[] plain = TestArtifacts.textLike(4 * 1024 * 1024, 3);

        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(staging.recipients(), 3), plain);

        assertTrue(encoded.stored().length < plain.length / 2, "stored " + encoded.stored().length + " bytes");
    }

    @Test
    void eachRecipientAloneDecrypts() throws IOException {
        AgeRecipients both = AgeRecipients.parse(staging.recipients().publicKeys().get(0) + "\n"
                + breakGlass.recipients().publicKeys().get(0) + "\n", "test");
        byte[] plain = TestArtifacts.mixed(300_000, 4);

        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(both, 3), plain);

        for (Keys keys : List.of(staging, breakGlass)) {
            try (DecodingStream in = new ArtifactDecoder(keys.identity()).open(new ByteArrayInputStream(encoded.stored()))) {
                assertArrayEquals(plain, in.readAllBytes());
                assertEquals(encoded.digests(), in.digests());
            }
        }
    }

    @Test
    void wrongIdentitySaysSoWithoutKeyMaterial() throws IOException {
        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(staging.recipients(), 3), new byte[100]);

        IOException e = assertThrows(IOException.class,
                () -> new ArtifactDecoder(breakGlass.identity()).open(new ByteArrayInputStream(encoded.stored())));

        assertTrue(e.getMessage().contains("no identity matches the artifact's recipients"), e.getMessage());
        assertTrue(!e.getMessage().contains("AGE-SECRET-KEY") && !e.getMessage().contains("age1"), e.getMessage());
    }

    @Test
    void decoderMatchesItsExpectedDigests() throws IOException {
        byte[] plain = TestArtifacts.mixed(500_000, 5);
        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(staging.recipients(), 3), plain);

        try (DecodingStream in = new ArtifactDecoder(staging.identity())
                .open(new ByteArrayInputStream(encoded.stored()), encoded.digests())) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void digestsAreKnownOnlyAtTheEnd() throws IOException {
        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(staging.recipients(), 3), new byte[10]);

        try (DecodingStream in = new ArtifactDecoder(staging.identity()).open(new ByteArrayInputStream(encoded.stored()))) {
            assertThrows(IllegalStateException.class, in::digests);
        }
    }

    private static void roundTrip(byte[] plain) throws IOException {
        Encoded encoded = TestArtifacts.encode(new ArtifactEncoder(staging.recipients(), 3), plain);

        assertEquals(new ArtifactDigests(plain.length, TestArtifacts.sha256(plain),
                encoded.stored().length, TestArtifacts.sha256(encoded.stored())), encoded.digests());
        try (DecodingStream in = new ArtifactDecoder(staging.identity()).open(new ByteArrayInputStream(encoded.stored()))) {
            assertArrayEquals(plain, in.readAllBytes());
            assertEquals(encoded.digests(), in.digests());
        }
    }
}
