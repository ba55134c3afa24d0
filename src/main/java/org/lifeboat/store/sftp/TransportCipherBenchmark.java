package org.lifeboat.store.sftp;

import com.jcraft.jsch.Cipher;
import com.jcraft.jsch.jce.AES128GCM;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How fast this machine runs the SSH transport cipher Lifeboat prefers with OpenSSH
 * ({@code aes128-gcm@openssh.com}, the first of {@link SftpConnection}'s cipher list), through
 * JSch's own cipher class and as JSch calls it: 32 KiB packets, the 4-byte length as associated
 * data, sealed and opened in place, every tag checked.
 */
public final class TransportCipherBenchmark {

    /** The cipher measured, as SSH names it. */
    public static final String CIPHER = "aes128-gcm@openssh.com";
    private static final int LENGTH_BYTES = 4;
    private static final int PAYLOAD_BYTES = 32 * 1024;

    /**
     * MB (10^6 bytes) per second of payload each way.
     *
     * @param sealMegabytesPerSecond what a sender encrypts
     * @param openMegabytesPerSecond what a receiver decrypts and authenticates
     */
    public record Result(double sealMegabytesPerSecond, double openMegabytesPerSecond) {
    }

    private TransportCipherBenchmark() {
    }

    /** Seals {@code bytes} of payload into packets, then opens them again, timing each way. */
    public static Result run(long bytes) throws IOException {
        byte[] key = new byte[16];
        SplittableRandom random = new SplittableRandom();
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        long packets = Math.max(1, (bytes + PAYLOAD_BYTES - 1) / PAYLOAD_BYTES);
        byte[] packet = new byte[LENGTH_BYTES + PAYLOAD_BYTES + 16];
        try {
            Cipher sealing = new AES128GCM();
            Cipher opening = new AES128GCM();
            // an IV array each, of the size JSch hands over: its cipher counts packets in the array it was given
            sealing.init(Cipher.ENCRYPT_MODE, key, new byte[sealing.getIVSize()]);
            opening.init(Cipher.DECRYPT_MODE, key, new byte[opening.getIVSize()]);
            byte[] sealed = null;
            long seal = 0;
            long open = 0;
            for (long n = 0; n < packets; n++) {
                System.arraycopy(payload, 0, packet, LENGTH_BYTES, PAYLOAD_BYTES);
                long start = System.nanoTime();
                sealing.updateAAD(packet, 0, LENGTH_BYTES);
                sealing.doFinal(packet, LENGTH_BYTES, PAYLOAD_BYTES, packet, LENGTH_BYTES);
                long sealedAt = System.nanoTime();
                sealed = packet.clone();
                long opening0 = System.nanoTime();
                opening.updateAAD(sealed, 0, LENGTH_BYTES);
                opening.doFinal(sealed, LENGTH_BYTES, PAYLOAD_BYTES + 16, sealed, LENGTH_BYTES);
                open += System.nanoTime() - opening0;
                seal += sealedAt - start;
            }
            if (!Arrays.equals(sealed, LENGTH_BYTES, LENGTH_BYTES + PAYLOAD_BYTES, payload, 0, PAYLOAD_BYTES)) {
                throw new IOException(CIPHER + ": a packet did not open to what was sealed");
            }
            double megabytes = packets * (double) PAYLOAD_BYTES / 1e6;
            return new Result(megabytes / (seal / 1e9), megabytes / (open / 1e9));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) { // JSch's Cipher declares Exception; a JCE failure here means the runtime lacks AES-GCM
            throw new IOException(CIPHER + " failed in this Java runtime: " + e, e);
        }
    }
}
