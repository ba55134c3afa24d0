package org.lifeboat.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.pipeline.TestArtifacts.Keys;

/** A store that fails must surface as an IOException to the writer, never as a hang. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EncoderFailureTest {

    @TempDir
    static Path dir;
    static ArtifactEncoder encoder;

    @BeforeAll
    static void keys() throws IOException {
        encoder = new ArtifactEncoder(Keys.generate(dir.resolve("keys")).recipients(), 3);
    }

    @Test
    void storedFailingMidWaySurfacesOnWriteOrClose() throws IOException {
        byte[] incompressible = TestArtifacts.random(16 * 1024 * 1024, 21);
        EncodingStream encoding = encoder.open(new FailingAfter(3 * 1024 * 1024));

        IOException e = assertThrows(IOException.class, () -> {
            for (int offset = 0; offset < incompressible.length; offset += 1024 * 1024) {
                encoding.write(incompressible, offset, 1024 * 1024);
            }
            encoding.close();
        });

        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        encoding.abort();
        assertThrows(IllegalStateException.class, encoding::digests);
    }

    @Test
    void storedFailingAtTheHeaderSurfacesOnClose() throws IOException {
        EncodingStream encoding = encoder.open(new FailingAfter(0));
        encoding.write(new byte[10]);

        IOException e = assertThrows(IOException.class, encoding::close);

        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertThrows(IOException.class, () -> encoding.write(1), "a failed stream stays failed");
        assertThrows(IOException.class, encoding::close, "a failed stream never closes as a success");
    }

    @Test
    void abortWhileTheStoreIsStuckReturns() throws Exception {
        CountDownLatch neverReleased = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    neverReleased.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
            }
        };
        EncodingStream encoding = encoder.open(stuck);
        Thread writer = new Thread(() -> {
            try {
                encoding.write(TestArtifacts.random(32 * 1024 * 1024, 22)); // blocks once the hand-off is full
            } catch (IOException expected) {
                // the abort below makes the blocked write fail, which is the point
            }
        });
        writer.start();
        Thread.sleep(500);

        encoding.abort();
        writer.join(10_000);

        assertTrue(!writer.isAlive(), "the blocked writer must be released by abort()");
        assertThrows(IOException.class, () -> encoding.write(1));
    }

    @Test
    void abortAfterSomeDataLeavesNoCompleteArtifact() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        EncodingStream encoding = encoder.open(stored);
        encoding.write(TestArtifacts.textLike(100_000, 23));

        encoding.abort();
        encoding.abort();

        assertThrows(IllegalStateException.class, encoding::digests);
        assertThrows(IOException.class, () -> encoding.write(1));
        assertThrows(IOException.class, encoding::close);
    }

    @Test
    void writeAfterCloseIsRefused() throws IOException {
        EncodingStream encoding = encoder.open(new ByteArrayOutputStream());
        encoding.close();
        encoding.close();

        assertThrows(IOException.class, () -> encoding.write(1));
    }

    /** A store that accepts {@code limit} bytes and then fails like a full disk. */
    private static final class FailingAfter extends OutputStream {
        private long left;

        FailingAfter(long limit) {
            left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("disk full");
            }
            left -= len;
        }
    }
}
