package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.ExternalTools;
import org.lifeboat.pipeline.TestArtifacts.Keys;

/** Break glass with standard tools: artifacts are plain {@code zstd | age}, both ways. */
class CliInteropTest {

    @TempDir
    static Path dir;
    static Keys keys;

    @BeforeAll
    static void keys() throws IOException {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        keys = Keys.generate(dir.resolve("keys"));
    }

    @Test
    void ageAndZstdCliReadWhatTheEncoderWrites() throws Exception {
        byte[] plain = TestArtifacts.mixed(3_000_000, 31);
        Path artifact = dir.resolve("events.dump.zst.age");
        ArtifactDigests digests;
        try (OutputStream stored = Files.newOutputStream(artifact)) {
            EncodingStream encoding = new ArtifactEncoder(keys.recipients(), 3).open(stored);
            encoding.write(plain);
            encoding.close();
            digests = encoding.digests();
        }
        Path compressed = dir.resolve("events.dump.zst");
        Path restored = dir.resolve("events.dump");

        ExternalTools.run(artifact, compressed, "age", "-d", "-i", keys.identityFile().toString());
        ExternalTools.run(compressed, restored, "zstd", "-d", "-q", "-c");

        assertArrayEquals(plain, Files.readAllBytes(restored));
        assertEquals(TestArtifacts.sha256(Files.readAllBytes(artifact)), digests.storedSha256());
    }

    @Test
    void decoderReadsWhatTheCliWrites() throws Exception {
        byte[] plain = TestArtifacts.mixed(3_000_000, 32);
        Path input = Files.write(dir.resolve("cli-input"), plain);
        Path compressed = dir.resolve("cli-input.zst");
        Path artifact = dir.resolve("cli-input.zst.age");
        ExternalTools.run(input, compressed, "zstd", "-3", "-q", "-c");
        ExternalTools.run(compressed, artifact, "age", "-r", keys.recipients().publicKeys().get(0));

        try (InputStream stored = Files.newInputStream(artifact);
                DecodingStream in = new ArtifactDecoder(keys.identity()).open(stored)) {
            assertArrayEquals(plain, in.readAllBytes());
            byte[] storedBytes = Files.readAllBytes(artifact);
            assertEquals(new ArtifactDigests(plain.length, TestArtifacts.sha256(plain), storedBytes.length,
                    TestArtifacts.sha256(storedBytes)), in.digests());
        }
    }
}
