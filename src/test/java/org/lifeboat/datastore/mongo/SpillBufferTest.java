package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillBufferTest {

    private static final byte[] MARKER = "PLAINTEXT-MARKER-lifeboat-0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** {@code total} bytes of the marker repeated, written in odd-sized pieces. */
    private static byte[] fill(SpillBuffer buffer, int total) throws IOException {
        byte[] expected = new byte[total];
        for (int i = 0; i < total; i++) {
            expected[i] = MARKER[i % MARKER.length];
        }
        for (int done = 0, piece = 1; done < total; piece = piece * 7 % 9973 + 1) {
            int n = Math.min(piece, total - done);
            buffer.write(expected, done, n);
            done += n;
        }
        return expected;
    }

    private static byte[] readBack(SpillBuffer buffer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffer.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void smallContentStaysInMemory() throws IOException {
        try (SpillBuffer buffer = new SpillBuffer(64 * 1024, dir)) {
            byte[] expected = fill(buffer, 64 * 1024);
            assertNull(buffer.spillFile());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
            assertEquals(expected.length, buffer.size());
            assertArrayEquals(expected, readBack(buffer));
        }
    }

    @Test
    void largeContentSpillsEncryptedAndComesBackExactly() throws IOException {
        Path file;
        try (SpillBuffer buffer = new SpillBuffer(100_000, dir)) {
            byte[] expected = fill(buffer, 3_000_001);
            file = buffer.spillFile();
            assertNotNull(file, "spilled");
            assertEquals(dir, file.getParent());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(expected.length, buffer.size());
            assertArrayEquals(expected, readBack(buffer));
            assertArrayEquals(expected, readBack(buffer), "repeatable");
            byte[] onDisk = Files.readAllBytes(file);
            assertEquals(expected.length, onDisk.length);
            assertEquals(-1, indexOf(onDisk, Arrays.copyOf(MARKER, 12)), "no plaintext on disk");
            assertThrows(IllegalStateException.class, () -> buffer.write(1), "no writes after reading");
        }
        assertFalse(Files.exists(file), "deleted by close");
    }

    @Test
    void aDamagedSpillFileIsRefused() throws IOException {
        try (SpillBuffer buffer = new SpillBuffer(1000, dir)) {
            fill(buffer, 500_000);
            readBack(buffer); // closes the file for writing
            try (FileChannel channel = FileChannel.open(buffer.spillFile(), StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 123_456);
            }
            IOException e = assertThrows(IOException.class, () -> readBack(buffer));
            assertTrue(e.getMessage().contains(buffer.spillFile().toString()), e.getMessage());
        }
    }

    @Test
    void closeWithoutReadingDeletesTheFile() throws IOException {
        SpillBuffer buffer = new SpillBuffer(10, dir);
        fill(buffer, 10_000);
        assertTrue(Files.exists(buffer.spillFile()));
        buffer.close();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
