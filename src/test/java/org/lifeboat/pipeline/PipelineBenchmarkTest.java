package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;

class PipelineBenchmarkTest {

    @Test
    void theRoundTripDecodesWhatWasEncodedAndAgreesOnBothDigests() throws IOException {
        AgeIdentity identity = KeyFiles.ephemeralIdentity();

        PipelineBenchmark.Result result = PipelineBenchmark.roundTrip(20L * 1024 * 1024 + 17, 3, recipientOf(identity), identity);

        assertEquals(20L * 1024 * 1024 + 17, result.digests().plainBytes());
        assertTrue(result.digests().storedBytes() < result.digests().plainBytes() / 2, result.digests().toString());
        assertTrue(result.nanos() > 0);
    }

    @Test
    @Timeout(60)
    void aDecoderThatCannotReadTheArtifactFailsTheRunInsteadOfHanging() throws IOException {
        AgeIdentity identity = KeyFiles.ephemeralIdentity();
        AgeIdentity stranger = KeyFiles.ephemeralIdentity();

        IOException e = assertThrows(IOException.class,
                () -> PipelineBenchmark.roundTrip(64L * 1024 * 1024, 3, recipientOf(identity), stranger));

        assertTrue(String.valueOf(e.getMessage()).contains("no identity matches the artifact's recipients"), String.valueOf(e));
    }

    @Test
    void theRecordsAreTextLinesOfTheRequestedSize() {
        byte[] records = PipelineBenchmark.records(4096);

        assertEquals(4096, records.length);
        assertTrue(new String(records, 0, 64, java.nio.charset.StandardCharsets.US_ASCII).startsWith("{\"id\":1,\"kind\":\""));
    }

    private static AgeRecipients recipientOf(AgeIdentity identity) throws IOException {
        return AgeRecipients.parse(String.join("\n", identity.publicKeys()), "test");
    }
}
