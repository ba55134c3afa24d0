package org.lifeboat.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;

/**
 * How fast this machine moves an artifact through the real pipeline, with nothing else in the way:
 * generated records (JSON lines that zstd -3 shrinks about 4.7:1, like a registry's tables) go through
 * the backup's {@link ArtifactEncoder} into a bounded in-memory pipe, and out of it through the
 * restore's {@link ArtifactDecoder}, which checks both digests the encoder took. Encoding and
 * decoding run at once, as they would on two machines; memory stays flat with the size. Nothing
 * touches disk.
 */
public final class PipelineBenchmark {

    /** Generated plaintext, cycled: larger than zstd's window at the levels a backup uses, so no cycle is found again. */
    private static final int BLOCK_BYTES = 8 * 1024 * 1024;
    private static final int PIPE_BYTES = 1024 * 1024;
    private static final long TIMEOUT_MINUTES = 30;

    /**
     * What one round trip did.
     *
     * @param digests counts and SHA-256 of the plaintext and of the artifact, as both ends agreed
     * @param nanos from the first byte encoded to the last byte decoded and checked
     */
    public record Result(ArtifactDigests digests, long nanos) {

        /** Plaintext MB (10^6 bytes) per second through both ends. */
        public double megabytesPerSecond() {
            return digests.plainBytes() / (nanos / 1e9) / 1e6;
        }
    }

    private PipelineBenchmark() {
    }

    /**
     * Encodes {@code bytes} of generated records to {@code recipients} at {@code zstdLevel} and
     * decodes them with {@code identity}, which must be one of the recipients.
     *
     * @throws IOException if either end failed, or the decoded digests differ from the encoded ones
     */
    public static Result roundTrip(long bytes, int zstdLevel, AgeRecipients recipients, AgeIdentity identity) throws IOException {
        byte[] block = records(BLOCK_BYTES);
        ArtifactEncoder encoder = new ArtifactEncoder(recipients, zstdLevel);
        ArtifactDecoder decoder = new ArtifactDecoder(identity);
        PipedInputStream stored = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream storing = new PipedOutputStream(stored);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "lifeboat-benchmark-decode");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        try {
            Future<ArtifactDigests> decoded = reader.submit(() -> drain(decoder, stored));
            ArtifactDigests encoded;
            try {
                encoded = encode(encoder, storing, block, bytes);
            } catch (IOException e) {
                throw decoderFailure(decoded, e);
            }
            ArtifactDigests read = decoded.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            encoded.requireMatch(read);
            return new Result(encoded, System.nanoTime() - start);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("decoding failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("decoding did not end within " + TIMEOUT_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (IOException) new InterruptedIOException("interrupted during the benchmark").initCause(e);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Why the pipe broke under the encoder: the decoder's own failure if it had one (it closes the pipe), else {@code e}. */
    private static IOException decoderFailure(Future<ArtifactDigests> decoded, IOException e) {
        try {
            decoded.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException io) {
                io.addSuppressed(e);
                return io;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException stillReading) {
            // the decoder is still reading or cannot say: the encoder's own failure is the answer
        }
        return e;
    }

    private static ArtifactDigests encode(ArtifactEncoder encoder, PipedOutputStream storing, byte[] block, long bytes)
            throws IOException {
        try (storing) {
            EncodingStream plain = encoder.open(storing);
            try {
                for (long left = bytes; left > 0; left -= block.length) {
                    plain.write(block, 0, (int) Math.min(block.length, left));
                }
                plain.close();
            } catch (IOException | RuntimeException e) {
                plain.abort();
                throw e;
            }
            return plain.digests();
        }
    }

    private static ArtifactDigests drain(ArtifactDecoder decoder, InputStream stored) throws IOException {
        try (DecodingStream plain = decoder.open(stored)) {
            byte[] buffer = new byte[256 * 1024];
            while (plain.read(buffer, 0, buffer.length) != -1) {
                // the decoder digests what it reads; the bytes themselves are not needed
            }
            return plain.digests();
        }
    }

    /** {@code size} bytes of registry-like JSON lines: names and offices from small sets, dates and hex codes at random. */
    static byte[] records(int size) {
        String[] given = {"Ana", "Bruno", "Carla", "Diego", "Elena", "Fabio", "Gloria", "Hugo", "Irene", "Jorge"};
        String[] family = {"Alvarez", "Benitez", "Castro", "Diaz", "Flores", "Garcia", "Lopez", "Moreno", "Perez", "Ramos"};
        String[] kind = {"birth", "marriage", "death", "amendment"};
        SplittableRandom random = new SplittableRandom(20261203L);
        byte[] block = new byte[size];
        StringBuilder line = new StringBuilder(160);
        int at = 0;
        for (long id = 1; at < size; id++) {
            line.setLength(0);
            line.append("{\"id\":").append(id).append(",\"kind\":\"").append(kind[random.nextInt(kind.length)])
                    .append("\",\"given\":\"").append(given[random.nextInt(given.length)])
                    .append("\",\"family\":\"").append(family[random.nextInt(family.length)])
                    .append("\",\"office\":").append(random.nextInt(400))
                    .append(",\"registered\":\"").append(1920 + random.nextInt(105)).append('-')
                    .append(1 + random.nextInt(12)).append('-').append(1 + random.nextInt(28))
                    .append("\",\"code\":\"").append(Long.toHexString(random.nextLong())).append("\"}\n");
            byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(bytes.length, size - at);
            System.arraycopy(bytes, 0, block, at, n);
            at += n;
        }
        return block;
    }
}
