package org.lifeboat.datastore.mongo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Holds one collection's BSON until its size is known, since a tar header needs the size before
 * the content. Up to {@code memoryLimit} bytes stay on the heap; beyond that everything goes to a
 * temporary file (mode 0600) encrypted with AES-256-CTR under a random key and IV that exist only
 * in this object, so no plaintext reaches the disk and the file is unreadable once the object is
 * gone. A CRC32C of the plaintext, taken on the way in, is checked on the way out.
 *
 * <p>Use: write everything, then {@link #size()} and {@link #writeTo(OutputStream)} (which may be
 * repeated), then {@link #close()}, which deletes the file; the creator owns it and must close it.
 */
final class SpillBuffer extends OutputStream {

    private static final int CHUNK = 256 * 1024;
    private static final int INITIAL = 64 * 1024;

    private final long memoryLimit;
    private final Path directory;
    private final CRC32C crc = new CRC32C();
    private byte[] memory = new byte[0];
    private long size;
    private boolean sealed;
    // set once spilled
    private Path file;
    private OutputStream fileOut;
    private byte[] chunk;
    private int chunkFill;
    private byte[] key;
    private byte[] iv;
    private Cipher encrypt;

    /** @param directory where a spill file goes, for example {@code java.io.tmpdir} */
    SpillBuffer(long memoryLimit, Path directory) {
        this.memoryLimit = memoryLimit;
        this.directory = directory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (sealed) {
            throw new IllegalStateException("spill buffer already read");
        }
        crc.update(bytes, offset, length);
        if (file == null && size + length > memoryLimit) {
            spill();
        }
        if (file == null) {
            if (size + length > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, Math.max(size + length, Math.max(INITIAL, 2L * memory.length))));
            }
            System.arraycopy(bytes, offset, memory, (int) size, length);
        } else {
            for (int done = 0; done < length; ) {
                int n = Math.min(length - done, CHUNK - chunkFill);
                System.arraycopy(bytes, offset + done, chunk, chunkFill, n);
                chunkFill += n;
                done += n;
                if (chunkFill == CHUNK) {
                    flushChunk();
                }
            }
        }
        size += length;
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** The encrypted temporary file, or {@code null} while everything fits in memory. For tests. */
    Path spillFile() {
        return file;
    }

    /**
     * Writes the plaintext to {@code out}, decrypting a spill file as it goes; {@code out} stays
     * open (the caller owns it). Throws if the spill file does not give back what was written.
     */
    void writeTo(OutputStream out) throws IOException {
        sealed = true;
        if (file == null) {
            out.write(memory, 0, (int) size);
            return;
        }
        if (fileOut != null) {
            flushChunk();
            fileOut.close();
            fileOut = null;
        }
        Cipher decrypt = cipher(Cipher.DECRYPT_MODE);
        CRC32C check = new CRC32C();
        long read = 0;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
                int plain = update(decrypt, buffer, n);
                check.update(buffer, 0, plain);
                out.write(buffer, 0, plain);
                read += plain;
            }
        }
        if (read != size || check.getValue() != crc.getValue()) {
            throw new IOException("spill file '" + file + "' gave back " + read + " bytes that differ from the " + size + " written");
        }
    }

    /** Deletes the spill file, if any; repeatable. */
    @Override
    public void close() throws IOException {
        memory = new byte[0];
        key = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            fileOut = null;
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void spill() throws IOException {
        SecureRandom random = new SecureRandom();
        key = new byte[32];
        iv = new byte[16];
        random.nextBytes(key);
        random.nextBytes(iv);
        encrypt = cipher(Cipher.ENCRYPT_MODE);
        file = Files.createTempFile(directory, "lifeboat-spill-", ".aes",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        fileOut = Files.newOutputStream(file);
        chunk = new byte[CHUNK];
        byte[] held = memory;
        int heldSize = (int) size;
        memory = new byte[0];
        for (int done = 0; done < heldSize; ) {
            int n = Math.min(heldSize - done, CHUNK);
            System.arraycopy(held, done, chunk, 0, n);
            chunkFill = n;
            flushChunk();
            done += n;
        }
    }

    private void flushChunk() throws IOException {
        int n = update(encrypt, chunk, chunkFill);
        fileOut.write(chunk, 0, n);
        chunkFill = 0;
    }

    /** Encrypts or decrypts in place; CTR keeps the length. */
    private static int update(Cipher cipher, byte[] buffer, int length) throws IOException {
        try {
            return cipher.update(buffer, 0, length, buffer, 0);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-256-CTR failed on a spill buffer", e);
        }
    }

    private Cipher cipher(int mode) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-256-CTR is not available for the spill file", e);
        }
    }
}
