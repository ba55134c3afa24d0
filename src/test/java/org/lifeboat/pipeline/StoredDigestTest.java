package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoredDigestTest {

    @Test
    void digestsAWholeStream() throws IOException {
        byte[] bytes = TestArtifacts.random(300_000, 41);

        StoredDigest digest = StoredDigest.of(new ByteArrayInputStream(bytes));

        assertEquals(new StoredDigest(bytes.length, TestArtifacts.sha256(bytes)), digest);
        assertEquals(new StoredDigest(0, TestArtifacts.sha256(new byte[0])),
                StoredDigest.of(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void mismatchNamesBothDigests() throws IOException {
        byte[] bytes = TestArtifacts.random(1000, 42);
        StoredDigest actual = StoredDigest.of(new ByteArrayInputStream(bytes));
        StoredDigest expected = new StoredDigest(1000, "a".repeat(64));

        IOException e = assertThrows(IOException.class, () -> expected.requireMatch(actual));

        assertEquals("stored sha256 mismatch: expected " + "a".repeat(64) + " got " + actual.sha256()
                + " (1000 bytes, expected 1000)", e.getMessage());
        assertThrows(IOException.class, () -> new StoredDigest(999, actual.sha256()).requireMatch(actual));
    }

    @Test
    void refusesMalformedDigests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoredDigest(1, "ABC"));

        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }
}
